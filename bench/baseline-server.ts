// The hello-world ceiling every Quire scenario is divided by: same framework, same Node, same machine,
// no database, no serialization schema, no logging — what Fastify alone costs per request here.
import Fastify from 'fastify'

const port = Number(process.env.PORT ?? 3001)
const host = process.env.HOST ?? '127.0.0.1'

const app = Fastify({ logger: false })
app.get('/', async () => ({ hello: 'world' }))

await app.listen({ port, host })

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.close().then(() => process.exit(0), () => process.exit(1))
  })
}
