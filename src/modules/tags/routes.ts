import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { versioned, visibilityOf } from '../../http/editorial.js'
import { listEnvelope } from '../../http/envelope.js'
import { IdParams, ItemEnvelope, ListEnvelope, problems, ref } from '../../schemas/common.js'
import { Tag, TagListQuery } from './schemas.js'
import type { TagService } from './service.js'
import { DEFAULT_LIMIT } from '../../pagination/limits.js'

export const tagRoutes: FastifyPluginAsyncTypebox<{ tags: TagService, baseUrl: string }> = async (app, { tags, baseUrl }) => {
  app.get('/tags', {
    config: { surrogateKeys: 'tag' },
    schema: {
      tags: ['tags'], operationId: 'listTags', summary: 'List tags by name',
      querystring: TagListQuery,
      response: { 200: ListEnvelope(ref(Tag)), ...problems(400) }
    }
  }, async (request) => listEnvelope(request, baseUrl, tags.list({ ...request.query, limit: request.query.limit ?? DEFAULT_LIMIT })))

  app.get('/tags/:id', {
    config: { surrogateKeys: 'tag' },
    schema: {
      tags: ['tags'], operationId: 'getTag', summary: 'Get a tag by id',
      params: IdParams, querystring: Type.Object({}, { additionalProperties: false }),
      response: { 200: ItemEnvelope(ref(Tag)), ...problems(400, 404) }
    }
  }, async (request, reply) => versioned(reply, tags.findById(Number(request.params.id), visibilityOf(request))))
}
