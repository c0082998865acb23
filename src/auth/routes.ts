import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { CreateHeaders } from '../editorial/schemas.js'
import { IdParams, ItemEnvelope, CollectionEnvelope, problems } from '../schemas/common.js'
import { toIso, toIsoOrNull } from '../time.js'
import type { ApiKeyInfo, ApiKeyService } from './keys.js'
import { authorize } from './permissions.js'
import { ApiKey, ApiKeyCreateBody, CreatedApiKey } from './schemas.js'
import type { ModuleOptions } from '../http/module-options.js'

const NoQuery = Type.Object({}, { additionalProperties: false })

const toApiKey = (key: ApiKeyInfo) => ({
  id: key.id, name: key.name, role: key.role, prefix: key.prefix,
  createdAt: toIso(key.createdAt), lastUsedAt: toIsoOrNull(key.lastUsedAt), revokedAt: toIsoOrNull(key.revokedAt)
})

/** API keys over REST, for admin keys (`key:manage`); the CLI (`quire keys`) does the same without a key. */
export const apiKeyRoutes: FastifyPluginAsyncTypebox<ModuleOptions<{ keys: ApiKeyService }>> = async (app, { services: { keys }, baseUrl }) => {
  app.get('/keys', {
    schema: {
      tags: ['keys'], operationId: 'listApiKeys', summary: 'List API keys', querystring: NoQuery,
      response: { 200: CollectionEnvelope(ApiKey), ...problems(400, 401, 403) }
    }
  }, async (request) => {
    authorize(request.principal, 'key:manage')
    const data = keys.list().map(toApiKey)
    return { data, meta: { total: data.length } }
  })

  app.post('/keys', {
    config: { oneTimeSecret: { resource: 'API key', secret: 'token', remedy: 'revoke that key and create a new one' } },
    schema: {
      tags: ['keys'], operationId: 'createApiKey', summary: 'Create an API key; the token is in this response only',
      description: 'Needs `key:manage` (admin keys). The token is shown in this response only and only its hash is stored. With `Idempotency-Key`, a retry of a creation that succeeded is a 409 naming the key (a `Link` to it), never the token again.',
      headers: CreateHeaders, querystring: NoQuery, body: ApiKeyCreateBody,
      response: { 201: ItemEnvelope(CreatedApiKey), ...problems(400, 401, 403, 409, 422) }
    }
  }, async (request, reply) => {
    const principal = authorize(request.principal, 'key:manage')
    const key = keys.create(request.body, principal)
    reply.code(201).header('location', `${baseUrl}/v1/keys/${key.id}`)
    return { data: { ...toApiKey(key), token: key.token } }
  })

  app.delete('/keys/:id', {
    schema: {
      tags: ['keys'], operationId: 'revokeApiKey', summary: 'Revoke an API key at once and for good',
      params: IdParams, querystring: NoQuery,
      response: { 204: Type.Null({ description: 'Revoked' }), ...problems(400, 401, 403, 404) }
    }
  }, async (request, reply) => {
    const principal = authorize(request.principal, 'key:manage')
    keys.revoke(Number(request.params.id), principal)
    return reply.code(204).send(null)
  })
}
