import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { splitList } from '../http/envelope.js'
import { listKey } from '../cache-keys/surrogate-keys.js'
import { problems } from '../schemas/common.js'
import { SyncQuery, SyncResponse, type SyncType } from './schemas.js'
import type { SyncService } from './service.js'
import type { ModuleOptions } from '../http/module-options.js'

export type SyncRoutesOptions = ModuleOptions<{ sync: SyncService }>

export const syncRoutes: FastifyPluginAsyncTypebox<SyncRoutesOptions> = async (app, { services: { sync }, baseUrl }) => {
  app.get('/sync', {
    // a page is a function of the change log (an author re-sent because its avatar changed, a token
    // moving past changes of other types): the origin revalidates it against every write
    config: { followsEveryWrite: true },
    schema: {
      tags: ['sync'],
      operationId: 'sync',
      summary: 'Delta sync of published content',
      description: 'Without `token`: the initial sync, every published entity page by page. With the `meta.nextSyncToken` of the previous response: ' +
        'what was created, changed, unpublished or deleted since, as upserts and tombstones. Call again at once while `meta.hasMore`; ' +
        'otherwise store the token and call with it later. Public content only, even with an API key. See docs/sync.md.',
      querystring: SyncQuery,
      response: { 200: SyncResponse, ...problems(400) }
    }
  }, async (request, reply) => {
    const { types, ...query } = request.query
    const page = sync.sync({ ...query, ...(types !== undefined ? { types: splitList<SyncType>(types) } : {}) })
    // every write of a type purges its all-editions list key; an edition's client also hears of
    // other editions' writes (translations), so the response names the all-editions keys
    reply.surrogateKeys(page.types.map((type) => listKey(type)))
    const next = new URLSearchParams({ token: page.nextSyncToken })
    if (query.limit !== undefined) next.set('limit', String(query.limit))
    return {
      data: page.items,
      meta: { limit: page.limit, hasMore: page.hasMore, nextSyncToken: page.nextSyncToken },
      links: {
        self: `${baseUrl}${request.url}`,
        next: page.hasMore ? `${baseUrl}${request.url.split('?')[0] as string}?${next.toString()}` : null
      },
      nextSyncToken: page.nextSyncToken
    }
  })
}
