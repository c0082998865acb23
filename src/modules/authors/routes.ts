import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { versioned, visibilityOf } from '../../http/editorial.js'
import { listEnvelope } from '../../http/envelope.js'
import { IdParams, ItemEnvelope, ListEnvelope, problems, ref, Slug } from '../../schemas/common.js'
import { Author, AuthorEditionQuery, AuthorListQuery } from './schemas.js'
import type { AuthorService } from './service.js'
import { DEFAULT_LIMIT } from '../../pagination/limits.js'

export const authorRoutes: FastifyPluginAsyncTypebox<{ authors: AuthorService, baseUrl: string }> = async (app, { authors, baseUrl }) => {
  app.get('/authors', {
    config: { surrogateKeys: 'author' },
    schema: {
      tags: ['authors'], operationId: 'listAuthors', summary: 'List authors by name, in an edition',
      querystring: AuthorListQuery,
      response: { 200: ListEnvelope(ref(Author)), ...problems(400) }
    }
  }, async (request) => listEnvelope(request, baseUrl, authors.list({ ...request.query, limit: request.query.limit ?? DEFAULT_LIMIT })))

  app.get('/authors/:id', {
    config: { surrogateKeys: 'author' },
    schema: {
      tags: ['authors'], operationId: 'getAuthor', summary: 'Get an author by id, in an edition',
      params: IdParams, querystring: AuthorEditionQuery,
      response: { 200: ItemEnvelope(ref(Author)), ...problems(400, 404) }
    }
  }, async (request, reply) => versioned(reply, authors.findById(Number(request.params.id), visibilityOf(request), request.query.edition)))

  // authors write for every edition, so their slugs are global rather than per edition
  app.get('/authors/by-slug/:slug', {
    config: { surrogateKeys: 'author' },
    schema: {
      tags: ['authors'], operationId: 'getAuthorBySlug', summary: 'Get an author by slug, in an edition',
      params: Type.Object({ slug: Slug }, { additionalProperties: false }), querystring: AuthorEditionQuery,
      response: { 200: ItemEnvelope(ref(Author)), ...problems(400, 404) }
    }
  }, async (request) => ({ data: authors.findBySlug(request.params.slug, request.query.edition) }))
}
