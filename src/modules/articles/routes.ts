import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { listEnvelope, splitList } from '../../http/envelope.js'
import { IdParams, ItemEnvelope, ListEnvelope, problems, ref } from '../../schemas/common.js'
import { ArticleItemQuery, ArticleListQuery, ArticleOut, ArticleSlugParams, type ArticleField, type ArticleInclude } from './schemas.js'
import type { ArticleService } from './service.js'

export interface ArticleRoutesOptions { articles: ArticleService, baseUrl: string }

const view = (query: { fields?: string, include?: string }) => ({
  fields: splitList<ArticleField>(query.fields),
  include: splitList<ArticleInclude>(query.include)
})

/** A single article's Last-Modified is its updatedAt, so If-Modified-Since revalidation works without an ETag. */
function withLastModified<T extends { updatedAt?: string }> (reply: FastifyReply, data: T): { data: T } {
  if (data.updatedAt !== undefined) reply.header('last-modified', new Date(data.updatedAt).toUTCString())
  return { data }
}

export const articleRoutes: FastifyPluginAsyncTypebox<ArticleRoutesOptions> = async (app, { articles, baseUrl }) => {
  app.get('/articles', {
    schema: {
      tags: ['articles'],
      operationId: 'listArticles',
      summary: 'List published articles',
      description: 'Keyset-paginated list of published articles, newest first by default. `edition` + `slug` looks one article up.',
      querystring: ArticleListQuery,
      response: { 200: ListEnvelope(ref(ArticleOut)), ...problems(400) }
    }
  }, async (request) => {
    const { fields, include, ...options } = request.query
    return listEnvelope(request, baseUrl, articles.list(options, view({ fields, include })))
  })

  app.get('/articles/:id', {
    schema: {
      tags: ['articles'],
      operationId: 'getArticle',
      summary: 'Get a published article by id',
      params: IdParams,
      querystring: ArticleItemQuery,
      response: { 200: ItemEnvelope(ref(ArticleOut)), ...problems(400, 404) }
    }
  }, async (request, reply) => withLastModified(reply, articles.findById(Number(request.params.id), view(request.query))))

  app.get('/editions/:code/articles/:slug', {
    schema: {
      tags: ['articles'],
      operationId: 'getArticleBySlug',
      summary: 'Get a published article by edition and slug',
      params: ArticleSlugParams,
      querystring: ArticleItemQuery,
      response: { 200: ItemEnvelope(ref(ArticleOut)), ...problems(400, 404) }
    }
  }, async (request, reply) => withLastModified(reply, articles.findBySlug(request.params.code, request.params.slug, view(request.query))))
}
