import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { problems } from '../schemas/common.js'
import { renderAtom } from './atom.js'
import type { FeedDocument } from './document.js'
import { renderJsonFeed } from './json-feed.js'
import { renderRss } from './rss.js'
import { EditionFeedParams, FEED_LIMIT_DEFAULT, FeedQuery, ScopedFeedParams } from './schemas.js'
import type { FeedScopeKind, FeedService } from './service.js'
import type { ModuleOptions } from '../http/module-options.js'

export type FeedRoutesOptions = ModuleOptions<{ feeds: FeedService }>

interface FeedFormat {
  file: string
  name: string
  mediaType: string
  render: (feed: FeedDocument, selfUrl: string) => string
}

const formats: readonly FeedFormat[] = [
  { file: 'rss.xml', name: 'Rss', mediaType: 'application/rss+xml', render: renderRss },
  { file: 'atom.xml', name: 'Atom', mediaType: 'application/atom+xml', render: renderAtom },
  { file: 'feed.json', name: 'Json', mediaType: 'application/feed+json', render: renderJsonFeed }
]

const scopes: ReadonlyArray<{ kind: FeedScopeKind, segment: string | null, what: string }> = [
  { kind: 'edition', segment: null, what: 'the newest articles of an edition' },
  { kind: 'category', segment: 'categories', what: 'the newest articles of a category and its descendants' },
  { kind: 'tag', segment: 'tags', what: 'the newest articles with a tag' },
  { kind: 'author', segment: 'authors', what: 'the newest articles by an author in an edition' }
]

const capitalized = (word: string) => word[0]!.toUpperCase() + word.slice(1)

/**
 * /feeds/{edition}/{rss.xml|atom.xml|feed.json}, and the same under categories/{slug}/,
 * tags/{slug}/ and authors/{slug}/. Public and cacheable like every GET (http/caching.ts); each
 * response names its content in Surrogate-Key.
 */
export const feedRoutes: FastifyPluginAsyncTypebox<FeedRoutesOptions> = async (app, { services: { feeds }, baseUrl }) => {
  for (const scope of scopes) {
    for (const format of formats) {
      const url = scope.segment === null ? `/feeds/:edition/${format.file}` : `/feeds/:edition/${scope.segment}/:slug/${format.file}`
      app.get(url, {
        schema: {
          tags: ['feeds'],
          operationId: `get${capitalized(scope.kind)}${format.name}Feed`,
          summary: `${format.name === 'Json' ? 'JSON Feed 1.1' : format.name === 'Rss' ? 'RSS 2.0' : 'Atom 1.0'} feed of ${scope.what}`,
          params: scope.segment === null ? EditionFeedParams : ScopedFeedParams,
          querystring: FeedQuery,
          response: {
            200: { description: `The feed, newest first (\`limit\` entries, ${FEED_LIMIT_DEFAULT} by default)`, content: { [format.mediaType]: { schema: Type.String() } } },
            ...problems(400, 404)
          }
        }
      }, async (request, reply) => {
        const { edition, slug } = request.params as { edition: string, slug?: string }
        const feed = feeds.feed({ edition, scope: scope.kind, ...(slug !== undefined ? { slug } : {}), limit: request.query.limit ?? FEED_LIMIT_DEFAULT })
        const selfUrl = baseUrl + (request.url.split('?')[0] ?? '')
        reply.surrogateKeys(feed.surrogateKeys).type(`${format.mediaType}; charset=utf-8`)
        return format.render(feed, selfUrl)
      })
    }
  }
}
