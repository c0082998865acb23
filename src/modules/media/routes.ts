import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { versioned, visibilityOf } from '../../http/editorial.js'
import { listEnvelope } from '../../http/envelope.js'
import { IdParams, ItemEnvelope, ListEnvelope, problems, ref } from '../../schemas/common.js'
import { Media, MediaItemQuery, MediaListQuery } from './schemas.js'
import type { MediaService } from './service.js'

export const mediaRoutes: FastifyPluginAsyncTypebox<{ media: MediaService, baseUrl: string }> = async (app, { media, baseUrl }) => {
  app.get('/media', {
    config: { surrogateKeys: 'media' },
    schema: {
      tags: ['media'], operationId: 'listMedia', summary: 'List media, newest first',
      querystring: MediaListQuery,
      response: { 200: ListEnvelope(ref(Media)), ...problems(400) }
    }
  }, async (request) => listEnvelope(request, baseUrl, media.list(request.query)))

  app.get('/media/:id', {
    config: { surrogateKeys: 'media' },
    schema: {
      tags: ['media'], operationId: 'getMedia', summary: 'Get one media item',
      params: IdParams, querystring: MediaItemQuery,
      response: { 200: ItemEnvelope(ref(Media)), ...problems(400, 404) }
    }
  }, async (request, reply) => versioned(reply, media.findById(Number(request.params.id), visibilityOf(request), request.query.edition)))
}
