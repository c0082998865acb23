import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { FastifyReply } from 'fastify'
import { visibilityOf } from '../../http/editorial.js'
import { versionEtag } from '../../http/etag.js'
import { numberedListEnvelope, splitList } from '../../http/envelope.js'
import { IdParams, ItemEnvelope, NumberedListEnvelope, problems, ref } from '../../schemas/common.js'
import { ArticleItemQuery, ArticleListQuery, ArticleOut, ArticleSlugParams, neighbourIncludes, type ArticleField, type ArticleInclude, type NeighbourInclude } from './schemas.js'
import type { ArticleService } from './service.js'

export interface ArticleRoutesOptions { articles: ArticleService, baseUrl: string }

const view = (query: { fields?: string, include?: string }) => ({
  fields: splitList<ArticleField>(query.fields),
  include: splitList<ArticleInclude>(query.include)
})

/** A single article's include: its relations for the shaper, its neighbours apart. */
function itemView (query: { fields?: string, include?: string, sameCategory?: boolean }) {
  const named = splitList<ArticleInclude | NeighbourInclude>(query.include)
  const isNeighbour = (name: string): name is NeighbourInclude => (neighbourIncludes as readonly string[]).includes(name)
  return {
    view: { fields: splitList<ArticleField>(query.fields), include: named?.filter((name): name is ArticleInclude => !isNeighbour(name)) },
    neighbours: { adjacent: named?.includes('adjacent') === true, related: named?.includes('related') === true, sameCategory: query.sameCategory === true }
  }
}

/**
 * A single article's Last-Modified is its updatedAt, so If-Modified-Since revalidation works without
 * an ETag. Editorial reads (API keys) carry the version as ETag, the one If-Match names on writes.
 */
function withLastModified<T extends { updatedAt?: string, version?: number }> (reply: FastifyReply, data: T): { data: T } {
  if (data.updatedAt !== undefined) reply.header('last-modified', new Date(data.updatedAt).toUTCString())
  if (data.version !== undefined) reply.header('etag', versionEtag(data.version))
  return { data }
}

const MovedPermanently = Type.Null({ description: 'The slug changed: Location names the article\'s current path' })

export const articleRoutes: FastifyPluginAsyncTypebox<ArticleRoutesOptions> = async (app, { articles, baseUrl }) => {
  app.get('/articles', {
    config: { surrogateKeys: 'article' },
    schema: {
      tags: ['articles'],
      operationId: 'listArticles',
      summary: 'List published articles',
      description: 'Keyset-paginated list of published articles, newest first by default; `page=N` pages by number instead (archives with numbered pages; capped, see docs/rest.md). `edition` + `slug` looks one article up.',
      querystring: ArticleListQuery,
      response: { 200: NumberedListEnvelope(ref(ArticleOut)), ...problems(400) }
    }
  }, async (request) => {
    const { fields, include, ...options } = request.query
    return numberedListEnvelope(request, baseUrl, articles.list(options, view({ fields, include }), visibilityOf(request)))
  })

  app.get('/articles/:id', {
    config: { surrogateKeys: 'article' },
    schema: {
      tags: ['articles'],
      operationId: 'getArticle',
      summary: 'Get a published article by id',
      params: IdParams,
      querystring: ArticleItemQuery,
      response: { 200: ItemEnvelope(ref(ArticleOut)), ...problems(400, 404) }
    }
  }, async (request, reply) => {
    const { view, neighbours } = itemView(request.query)
    return withLastModified(reply, articles.findById(Number(request.params.id), view, visibilityOf(request), neighbours))
  })

  app.get('/editions/:code/articles/:slug', {
    config: { surrogateKeys: 'article' },
    schema: {
      tags: ['articles'],
      operationId: 'getArticleBySlug',
      summary: 'Get a published article by edition and slug',
      description: 'A slug the article had while published answers 301 with the current path in Location.',
      params: ArticleSlugParams,
      querystring: ArticleItemQuery,
      response: { 200: ItemEnvelope(ref(ArticleOut)), 301: MovedPermanently, ...problems(400, 404) }
    }
  }, async (request, reply) => {
    const { code, slug } = request.params
    const { view, neighbours } = itemView(request.query)
    const found = articles.findBySlugOrRedirect(code, slug, view, visibilityOf(request), neighbours)
    if ('article' in found) return withLastModified(reply, found.article)
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : ''
    return reply.code(301).header('location', `${baseUrl}/v1/editions/${encodeURIComponent(code)}/articles/${encodeURIComponent(found.movedTo)}${query}`).send(null)
  })
}
