import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { Db } from '../../db/connection.js'

const Health = Type.Object({ status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]) }, { additionalProperties: false })

export const healthRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  const probe = db.$client.prepare('select 1 as ok')
  const noStore = { 'cache-control': 'no-store' }

  app.get('/health/live', {
    schema: { tags: ['health'], operationId: 'live', summary: 'The process is up', response: { 200: Health } }
  }, async (_request, reply) => reply.headers(noStore).send({ status: 'ok' }))

  app.get('/health/ready', {
    schema: { tags: ['health'], operationId: 'ready', summary: 'The database answers', response: { 200: Health, 503: Health } }
  }, async (request, reply) => {
    try {
      probe.get()
      return await reply.headers(noStore).send({ status: 'ok' })
    } catch (err) {
      request.log.error({ err }, 'readiness probe failed')
      return await reply.code(503).headers(noStore).send({ status: 'unavailable' })
    }
  })
}
