import { Type, type Static } from '@sinclair/typebox'
import { Cursor, DateTime, Id, IdString, Limit, Nullable } from '../schemas/common.js'
import { subscribablePatterns } from './event-types.js'

// one enum keyword, so an unknown type is one clear error rather than one per literal
const EventPattern = Type.Unsafe<string>({ type: 'string', enum: [...subscribablePatterns], description: 'An event type, `<entity>.*` or `*`' })
const Events = Type.Array(EventPattern, { minItems: 1, maxItems: 20, uniqueItems: true })
const EndpointUrl = Type.String({ minLength: 1, maxLength: 2000, description: 'Where events are POSTed; https, on a public address (unless WEBHOOK_ALLOW_PRIVATE_URLS)' })
const Description = Nullable(Type.String({ maxLength: 500 }))

export const WebhookEndpoint = Type.Object({
  id: Id,
  url: Type.String(),
  description: Nullable(Type.String()),
  events: Type.Array(Type.String()),
  enabled: Type.Boolean(),
  version: Type.Integer({ minimum: 1, description: 'Incremented by every change; the ETag is `"v<version>"`' }),
  createdAt: DateTime,
  updatedAt: DateTime
}, { $id: 'WebhookEndpoint', additionalProperties: false, description: 'A webhook endpoint; its signing secret is shown only when it is created' })
export type WebhookEndpoint = Static<typeof WebhookEndpoint>

export const CreatedWebhookEndpoint = Type.Object({
  ...WebhookEndpoint.properties,
  secret: Type.String({ description: 'The signing secret (`whsec_…`), in this response only: verify `webhook-signature` with it' })
}, { additionalProperties: false })

export const WebhookCreateBody = Type.Object({
  url: EndpointUrl,
  events: Events,
  description: Type.Optional(Description),
  enabled: Type.Optional(Type.Boolean())
}, { additionalProperties: false })
export type WebhookCreateBody = Static<typeof WebhookCreateBody>

export const WebhookPatchBody = Type.Object({
  url: Type.Optional(EndpointUrl),
  events: Type.Optional(Events),
  description: Type.Optional(Description),
  enabled: Type.Optional(Type.Boolean())
}, { additionalProperties: false, minProperties: 1 })
export type WebhookPatchBody = Static<typeof WebhookPatchBody>

export const WebhookAttempt = Type.Object({
  attemptedAt: DateTime,
  durationMs: Type.Integer({ minimum: 0 }),
  statusCode: Nullable(Type.Integer()),
  error: Nullable(Type.String()),
  responseExcerpt: Nullable(Type.String({ description: 'The first 200 characters of the response body' }))
}, { additionalProperties: false })

export const DeliveryStatus = Type.Union([Type.Literal('pending'), Type.Literal('succeeded'), Type.Literal('failed')])

export const WebhookDelivery = Type.Object({
  id: Id,
  endpointId: Id,
  webhookId: Type.String({ description: 'The event id sent as `webhook-id`: the same on every attempt and redelivery' }),
  eventType: Type.String(),
  status: DeliveryStatus,
  attempts: Type.Integer({ minimum: 0 }),
  nextAttemptAt: Nullable(DateTime),
  redeliveryOf: Nullable(Id),
  createdAt: DateTime,
  completedAt: Nullable(DateTime),
  attemptLog: Type.Array(WebhookAttempt, { description: 'Every attempt, oldest first' })
}, { $id: 'WebhookDelivery', additionalProperties: false, description: 'One event sent (or to be sent) to one endpoint' })
export type WebhookDelivery = Static<typeof WebhookDelivery>

export const DeliveryListQuery = Type.Object({
  status: Type.Optional(DeliveryStatus),
  limit: Type.Optional(Limit),
  cursor: Type.Optional(Cursor)
}, { additionalProperties: false })
export type DeliveryListQuery = Static<typeof DeliveryListQuery>

export const DeliveryParams = Type.Object({ id: IdString, deliveryId: IdString }, { additionalProperties: false })

/** Schemas routes `$ref` by name; OpenAPI lists them as components. */
export const webhookComponents = [WebhookEndpoint, WebhookDelivery]
