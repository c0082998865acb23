/**
 * The events an endpoint may subscribe to. Articles and pages follow the editorial workflow;
 * categories and media have none, so they are `published` when created and never `unpublished`.
 */
export const webhookEntityTypes = ['article', 'page', 'category', 'media'] as const
export type WebhookEntityType = typeof webhookEntityTypes[number]

export const eventActions = ['published', 'updated', 'unpublished', 'deleted'] as const
export type EventAction = typeof eventActions[number]

const withoutWorkflow: ReadonlySet<WebhookEntityType> = new Set(['category', 'media'])

/**
 * Readers' comments and contact messages (docs/comments.md): events for the newsroom's tools,
 * derived from the comment and contact changes (src/webhooks/discussion-events.ts).
 */
export const discussionEventTypes = [
  'comment.created', 'comment.approved', 'comment.spam', 'comment.trashed', 'comment.restored', 'comment.updated', 'comment.deleted', 'contact.received'
] as const

export const webhookEventTypes: readonly string[] = [...webhookEntityTypes.flatMap((entity) =>
  eventActions.filter((action) => action !== 'unpublished' || !withoutWorkflow.has(entity)).map((action) => `${entity}.${action}`)), ...discussionEventTypes]

/** Sent by `POST /v1/webhooks/{id}/ping` to that endpoint only, whatever it subscribes to. */
export const PING_EVENT = 'webhook.ping'

/** What `events` may list: an event type, `<entity>.*` for all of an entity's events, or `*`. */
export const subscribablePatterns: readonly string[] = ['*', ...webhookEntityTypes.map((entity) => `${entity}.*`), 'comment.*', 'contact.*', ...webhookEventTypes]

export const isWebhookEntityType = (type: string): type is WebhookEntityType => (webhookEntityTypes as readonly string[]).includes(type)

export function subscribes (patterns: readonly string[], eventType: string): boolean {
  const entity = eventType.slice(0, eventType.indexOf('.'))
  return patterns.some((pattern) => pattern === '*' || pattern === eventType || pattern === `${entity}.*`)
}
