import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { Db } from '../../db/connection.js'

const Health = Type.Object({ status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]) }, { additionalProperties: false })

export interface HealthOptions {
  db: Db
  /** Why the instance should get no traffic now (a storage failure, overload), or null. */
  unready?: () => string | null
}

export const healthRoutes: FastifyPluginAsyncTypebox<HealthOptions> = async (app, { db, unready = () => null }) => {
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
      const reason = unready()
      if (reason !== null) {
        request.log.warn({ reason }, 'not ready')
        return await reply.code(503).headers(noStore).send({ status: 'unavailable' })
      }
      return await reply.headers(noStore).send({ status: 'ok' })
    } catch (err) {
      request.log.error({ err }, 'readiness probe failed')
      return await reply.code(503).headers(noStore).send({ status: 'unavailable' })
    }
  })
}
