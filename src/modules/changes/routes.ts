import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { listEnvelope } from '../../http/envelope.js'
import { ListEnvelope, problems, ref } from '../../schemas/common.js'
import { Change, ChangeListQuery } from './schemas.js'
import type { ChangeHistoryService } from './service.js'
import { DEFAULT_LIMIT } from '../../pagination/limits.js'

export const changeRoutes: FastifyPluginAsyncTypebox<{ changes: ChangeHistoryService, baseUrl: string }> = async (app, { changes, baseUrl }) => {
  app.get('/changes', {
    schema: {
      tags: ['changes'], operationId: 'listChanges', summary: 'The audit log: every write, newest first',
      description: 'Needs `changes:read`. One entry per write (who, what, when, the changed fields); deletes stay here as tombstones. Filter by `entityType` (+ `entityId`), `keyId` or `action`.',
      querystring: ChangeListQuery,
      response: { 200: ListEnvelope(ref(Change)), ...problems(400, 401, 403) }
    }
  }, async (request) => {
    const { entityId, keyId, ...query } = request.query
    return listEnvelope(request, baseUrl, changes.list({
      ...query,
      ...(entityId !== undefined ? { entityId: Number(entityId) } : {}),
      ...(keyId !== undefined ? { keyId: Number(keyId) } : {}),
      limit: query.limit ?? DEFAULT_LIMIT
    }, request.principal))
  })
}
