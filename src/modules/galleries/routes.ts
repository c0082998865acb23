import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { versioned, visibilityOf } from '../../http/editorial.js'
import { listEnvelope } from '../../http/envelope.js'
import { IdParams, ItemEnvelope, ListEnvelope, problems, ref } from '../../schemas/common.js'
import { Gallery, GalleryListQuery, GallerySlugParams } from './schemas.js'
import type { GalleryService } from './service.js'

const NoQuery = Type.Object({}, { additionalProperties: false })

export const galleryRoutes: FastifyPluginAsyncTypebox<{ galleries: GalleryService, baseUrl: string }> = async (app, { galleries, baseUrl }) => {
  app.get('/galleries', {
    config: { surrogateKeys: 'gallery' },
    schema: {
      tags: ['galleries'], operationId: 'listGalleries', summary: 'List photo galleries, newest first',
      querystring: GalleryListQuery,
      response: { 200: ListEnvelope(ref(Gallery)), ...problems(400) }
    }
  }, async (request) => listEnvelope(request, baseUrl, galleries.list(request.query)))

  app.get('/galleries/:id', {
    config: { surrogateKeys: 'gallery' },
    schema: {
      tags: ['galleries'], operationId: 'getGallery', summary: 'Get a gallery by id',
      params: IdParams, querystring: NoQuery,
      response: { 200: ItemEnvelope(ref(Gallery)), ...problems(400, 404) }
    }
  }, async (request, reply) => versioned(reply, galleries.findById(Number(request.params.id), visibilityOf(request))))

  app.get('/editions/:code/galleries/:slug', {
    config: { surrogateKeys: 'gallery' },
    schema: {
      tags: ['galleries'], operationId: 'getGalleryBySlug', summary: 'Get a gallery by edition and slug',
      params: GallerySlugParams, querystring: NoQuery,
      response: { 200: ItemEnvelope(ref(Gallery)), ...problems(400, 404) }
    }
  }, async (request) => ({ data: galleries.findBySlug(request.params.code, request.params.slug) }))
}
