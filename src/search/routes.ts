import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { listEnvelope } from '../http/envelope.js'
import { entityKey, listKey } from '../cache-keys/surrogate-keys.js'
import { CollectionEnvelope, ListEnvelope, problems, ref } from '../schemas/common.js'
import { SearchHit, SearchQuery, SearchSuggestion, SuggestQuery } from './schemas.js'
import type { SearchService } from './service.js'
import type { SearchShaper } from './shape.js'
import type { ModuleOptions } from '../http/module-options.js'

export type SearchRoutesOptions = ModuleOptions<{ search: SearchService, searchShaper: SearchShaper }>

export const searchRoutes: FastifyPluginAsyncTypebox<SearchRoutesOptions> = async (app, { services: { search, searchShaper: shape }, baseUrl }) => {
  app.get('/search', {
    config: { surrogateKeys: 'article' },
    schema: {
      tags: ['search'],
      operationId: 'searchArticles',
      summary: 'Full-text search of published articles',
      description: 'Matches every word of `q` in titles, excerpts and bodies, in any edition\'s script, with the article list\'s filters. ' +
        'Ranked by relevance (or newest first); each hit carries its title and a snippet with the matches in `<mark>`.',
      querystring: SearchQuery,
      response: { 200: ListEnvelope(ref(SearchHit)), ...problems(400) }
    }
  }, async (request, reply) => {
    const page = search.search(request.query)
    // pages are searched too: a page's publication or edit changes the results like an article's
    const edition = request.query.edition
    reply.surrogateKeys(listKey('page'), edition === undefined ? [] : [listKey('page', edition)],
      page.items.flatMap((item) => item.type === 'page' ? [entityKey('page', item.record.id)] : []))
    return listEnvelope(request, baseUrl, { ...page, items: page.items.map(shape.hit) })
  })

  app.get('/search/suggest', {
    config: { surrogateKeys: 'article' },
    schema: {
      tags: ['search'],
      operationId: 'suggestArticleTitles',
      summary: 'Article titles for search-as-you-type',
      description: 'Published titles containing every word of `q`, the last one as a prefix of any length; newest first, one per distinct title.',
      querystring: SuggestQuery,
      response: { 200: CollectionEnvelope(ref(SearchSuggestion)), ...problems(400) }
    }
  }, async (request) => {
    const data = search.suggest(request.query).map(shape.suggestion)
    return { data, meta: { total: data.length } }
  })
}
