import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { versioned, visibilityOf } from '../../http/editorial.js'
import { CollectionEnvelope, ItemEnvelope, problems, ref } from '../../schemas/common.js'
import { Edition, EditionParams } from './schemas.js'
import type { EditionService } from './service.js'

const NoQuery = Type.Object({}, { additionalProperties: false })

export const editionRoutes: FastifyPluginAsyncTypebox<{ editions: EditionService }> = async (app, { editions }) => {
  app.get('/editions', {
    config: { surrogateKeys: 'edition' },
    schema: {
      tags: ['editions'], operationId: 'listEditions', summary: 'List language editions',
      querystring: NoQuery,
      response: { 200: CollectionEnvelope(ref(Edition)), ...problems(400) }
    }
  }, async () => {
    const data = editions.list()
    return { data, meta: { total: data.length } }
  })

  app.get('/editions/:code', {
    config: { surrogateKeys: 'edition' },
    schema: {
      tags: ['editions'], operationId: 'getEdition', summary: 'Get an edition by code',
      params: EditionParams, querystring: NoQuery,
      response: { 200: ItemEnvelope(ref(Edition)), ...problems(400, 404) }
    }
  }, async (request, reply) => versioned(reply, editions.findByCode(request.params.code, visibilityOf(request))))
}
