import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { CreateHeaders, WriteHeaders } from '../editorial/schemas.js'
import { expectedVersionOf, versioned } from '../http/editorial.js'
import { listEnvelope } from '../http/envelope.js'
import { CollectionEnvelope, IdParams, ItemEnvelope, ListEnvelope, problems, ref } from '../schemas/common.js'
import { CreatedWebhookEndpoint, DeliveryListQuery, DeliveryParams, WebhookCreateBody, WebhookDelivery, WebhookEndpoint, WebhookPatchBody } from './schemas.js'
import type { WebhookService } from './service.js'
import type { ModuleOptions } from '../http/module-options.js'

const NoQuery = Type.Object({}, { additionalProperties: false })
const tags = ['webhooks']
const needs = 'Needs `webhook:manage` (admin keys).'

/** Webhook endpoints and delivery logs over REST; responses are `private, no-store` (http/auth.ts). */
export const webhookRoutes: FastifyPluginAsyncTypebox<ModuleOptions<{ webhooks: WebhookService }>> = async (app, { services: { webhooks }, baseUrl }) => {
  app.post('/webhooks', {
    config: { oneTimeSecret: { resource: 'webhook endpoint', secret: 'signing secret', remedy: 'delete that endpoint and register it again' } },
    schema: {
      tags, operationId: 'createWebhook', summary: 'Register a webhook endpoint; its signing secret is in this response only',
      description: `${needs} The URL must be https on a public address unless WEBHOOK_ALLOW_PRIVATE_URLS is set. The secret is stored encrypted and shown in this response only: with \`Idempotency-Key\`, a retry of a registration that succeeded is a 409 naming the endpoint (a \`Link\` to it), never the secret again.`,
      headers: CreateHeaders, querystring: NoQuery, body: WebhookCreateBody,
      response: { 201: ItemEnvelope(CreatedWebhookEndpoint), ...problems(400, 401, 403, 409, 422) }
    }
  }, async (request, reply) => {
    const endpoint = await webhooks.create(request.body, request.principal)
    reply.code(201).header('location', `${baseUrl}/v1/webhooks/${endpoint.id}`)
    return versioned(reply, endpoint)
  })

  app.get('/webhooks', {
    schema: {
      tags, operationId: 'listWebhooks', summary: 'List webhook endpoints', description: needs,
      querystring: NoQuery,
      response: { 200: CollectionEnvelope(ref(WebhookEndpoint)), ...problems(400, 401, 403) }
    }
  }, async (request) => {
    const data = webhooks.list(request.principal)
    return { data, meta: { total: data.length } }
  })

  app.get('/webhooks/:id', {
    schema: {
      tags, operationId: 'getWebhook', summary: 'Get a webhook endpoint', description: needs,
      params: IdParams, querystring: NoQuery,
      response: { 200: ItemEnvelope(ref(WebhookEndpoint)), ...problems(400, 401, 403, 404) }
    }
  }, async (request, reply) => versioned(reply, webhooks.get(Number(request.params.id), request.principal)))

  app.patch('/webhooks/:id', {
    schema: {
      tags, operationId: 'updateWebhook', summary: 'Change a webhook endpoint (URL, events, description, enabled)',
      description: `${needs} Honours \`If-Match\`. A disabled endpoint gets no new events, and deliveries already queued for it wait until it is enabled again.`,
      headers: WriteHeaders, params: IdParams, querystring: NoQuery, body: WebhookPatchBody,
      response: { 200: ItemEnvelope(ref(WebhookEndpoint)), ...problems(400, 401, 403, 404, 412, 428) }
    }
  }, async (request, reply) => versioned(reply, await webhooks.update(Number(request.params.id), request.body, { actor: request.principal, expectedVersion: expectedVersionOf(request) })))

  app.delete('/webhooks/:id', {
    schema: {
      tags, operationId: 'deleteWebhook', summary: 'Delete a webhook endpoint with its delivery log',
      description: `${needs} Honours \`If-Match\`.`,
      headers: WriteHeaders, params: IdParams, querystring: NoQuery,
      response: { 204: Type.Null({ description: 'Deleted' }), ...problems(400, 401, 403, 404, 412, 428) }
    }
  }, async (request, reply) => {
    webhooks.remove(Number(request.params.id), { actor: request.principal, expectedVersion: expectedVersionOf(request) })
    return reply.code(204).send(null)
  })

  app.get('/webhooks/:id/deliveries', {
    schema: {
      tags, operationId: 'listWebhookDeliveries', summary: 'The delivery log of an endpoint, newest first, with every attempt',
      description: needs, params: IdParams, querystring: DeliveryListQuery,
      response: { 200: ListEnvelope(ref(WebhookDelivery)), ...problems(400, 401, 403, 404) }
    }
  }, async (request) => listEnvelope(request, baseUrl, webhooks.deliveries(Number(request.params.id), request.query, request.principal)))

  app.get('/webhooks/:id/deliveries/:deliveryId', {
    schema: {
      tags, operationId: 'getWebhookDelivery', summary: 'One delivery with every attempt', description: needs,
      params: DeliveryParams, querystring: NoQuery,
      response: { 200: ItemEnvelope(ref(WebhookDelivery)), ...problems(400, 401, 403, 404) }
    }
  }, async (request) => ({ data: webhooks.delivery(Number(request.params.id), Number(request.params.deliveryId), request.principal) }))

  app.post('/webhooks/:id/deliveries/:deliveryId/redeliver', {
    schema: {
      tags, operationId: 'redeliverWebhookDelivery', summary: 'Send a delivered or failed event again (same webhook-id)',
      description: `${needs} Queues a new delivery of the same event with a fresh retry budget; a delivery still pending is a 409.`,
      params: DeliveryParams, querystring: NoQuery,
      response: { 202: ItemEnvelope(ref(WebhookDelivery)), ...problems(400, 401, 403, 404, 409) }
    }
  }, async (request, reply) => {
    const delivery = webhooks.redeliver(Number(request.params.id), Number(request.params.deliveryId), request.principal)
    reply.code(202).header('location', `${baseUrl}/v1/webhooks/${delivery.endpointId}/deliveries/${delivery.id}`)
    return { data: delivery }
  })

  app.post('/webhooks/:id/ping', {
    schema: {
      tags, operationId: 'pingWebhook', summary: 'Queue a `webhook.ping` event for this endpoint',
      description: `${needs} Whatever the endpoint subscribes to; its delivery shows in the log like any other.`,
      params: IdParams, querystring: NoQuery,
      response: { 202: ItemEnvelope(ref(WebhookDelivery)), ...problems(400, 401, 403, 404) }
    }
  }, async (request, reply) => {
    const delivery = webhooks.ping(Number(request.params.id), request.principal)
    reply.code(202).header('location', `${baseUrl}/v1/webhooks/${delivery.endpointId}/deliveries/${delivery.id}`)
    return { data: delivery }
  })
}
