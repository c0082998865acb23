// The file-serving ceiling of bench/media.ts: @fastify/static over the folder Quire stored its files
// in, logger off, as the plain way a Fastify app serves files from disk (ranges and ETags included).
import Fastify from 'fastify'
import fastifyStatic from '@fastify/static'

const root = process.env.STATIC_ROOT
if (root === undefined) throw new Error('STATIC_ROOT is required')
const app = Fastify({ logger: false })
await app.register(fastifyStatic, { root, serve: true })
app.get('/health', async () => ({ ok: true }))
await app.listen({ port: Number(process.env.PORT ?? 3002), host: process.env.HOST ?? '127.0.0.1' })

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.close().then(() => process.exit(0), () => process.exit(1))
  })
}
