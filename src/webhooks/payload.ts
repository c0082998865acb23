import { effectiveStatus } from '../editorial/workflow.js'
import { keysForWrite } from '../cache-keys/surrogate-keys.js'
import { toIso, toIsoOrNull } from '../time.js'
import type { EntityState } from './change-events.js'
import type { WebhookEntityType } from './event-types.js'

/**
 * The body of a content event, serialized once when the event is queued: every attempt and
 * redelivery signs and sends the same bytes. Its shape is part of the API (docs/webhooks.md):
 * add fields, never rename or drop them.
 */
export interface ContentEventPayload {
  type: string
  timestamp: string
  data: {
    id: number
    type: WebhookEntityType
    edition: string | null
    url: string | null
    /** What a CDN should purge: exactly the keys this write purges (cache-keys/surrogate-keys.ts keysForWrite). */
    surrogateKeys: string[]
    /** The change log sequence number of the write; orders events of one entity. */
    changeSeq: number
    /** A summary, not the representation: fetch `/v1/...` for the current content. */
    entity: { slug: string | null, title: string | null, status: string | null, publishedAt: string | null } | null
  }
}

export function contentEventPayload (input: {
  type: string, occursAt: number, entityType: WebhookEntityType, entityId: number, state: EntityState | null, changeSeq: number
}): string {
  const { state } = input
  const payload: ContentEventPayload = {
    type: input.type,
    timestamp: toIso(input.occursAt),
    data: {
      id: input.entityId,
      type: input.entityType,
      edition: state?.edition ?? null,
      url: state?.url ?? null,
      surrogateKeys: keysForWrite({ type: input.entityType, id: input.entityId, edition: state?.edition ?? null }),
      changeSeq: input.changeSeq,
      // the status when the event happens: a scheduled article's `published` event says published
      entity: state === null
        ? null
        : { slug: state.slug, title: state.title, status: state.status === null ? null : effectiveStatus(state.status, state.publishedAt, input.occursAt), publishedAt: toIsoOrNull(state.publishedAt) }
    }
  }
  return JSON.stringify(payload)
}

export function pingPayload (endpointId: number, at: number): string {
  return JSON.stringify({ type: 'webhook.ping', timestamp: toIso(at), data: { endpointId } })
}
