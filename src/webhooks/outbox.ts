import { and, eq, gt, inArray, sql } from 'drizzle-orm'
import type { Db } from '../db/connection.js'
import { webhookDeliveries, webhookEndpoints, webhookEvents } from '../db/schema.js'
import type { ChangeRecord } from '../editorial/changes.js'
import type { Clock } from '../time.js'
import { decideEvent } from './change-events.js'
import type { EntityStateReader } from './entity-states.js'
import { isWebhookEntityType, subscribes } from './event-types.js'
import type { DiscussionEventDeriver } from './discussion-events.js'
import { contentEventPayload } from './payload.js'
import { generateMessageId } from './secret.js'

export interface QueuedEvent {
  type: string
  entityType: string | null
  entityId: number | null
  changeSeq: number | null
  payload: string
  deliverAfter: number
}

/**
 * The transactional outbox. `recordChange` observes the change log (editorial/changes.ts) inside
 * each write's transaction and queues the event and one delivery per subscribed endpoint there, so
 * an event is queued if and only if its write commits — and once committed, it survives any crash
 * until the worker has delivered it.
 */
export function createWebhookOutbox ({ db, clock, readState, discussionEvents }: { db: Db, clock: Clock, readState: EntityStateReader, discussionEvents?: DiscussionEventDeriver }) {
  const enabledEndpoints = db.select({ id: webhookEndpoints.id, events: webhookEndpoints.events }).from(webhookEndpoints)
    .where(eq(webhookEndpoints.enabled, true)).prepare()
  // not yet due and never tried: nobody has seen it, so a later write may take it back
  const notYetDue = db.select({ id: webhookEvents.id }).from(webhookEvents).where(and(
    eq(webhookEvents.entityType, sql.placeholder('entityType')),
    eq(webhookEvents.entityId, sql.placeholder('entityId')),
    gt(webhookEvents.deliverAfter, sql.placeholder('at')),
    sql`not exists (select 1 from ${webhookDeliveries} where ${webhookDeliveries.eventId} = ${webhookEvents.id} and ${webhookDeliveries.attempts} > 0)`
  )).prepare()
  const listeners: Array<() => void> = []

  function enqueue (event: QueuedEvent, endpointIds: readonly number[]): { eventId: number, deliveryIds: number[] } {
    const createdAt = clock().getTime()
    const { id: eventId } = db.insert(webhookEvents).values({ ...event, messageId: generateMessageId(), createdAt }).returning({ id: webhookEvents.id }).get()
    const deliveryIds = endpointIds.length === 0
      ? []
      : db.insert(webhookDeliveries).values(endpointIds.map((endpointId) => ({ endpointId, eventId, nextAttemptAt: event.deliverAfter, createdAt })))
        .returning({ id: webhookDeliveries.id }).all().map((row) => row.id)
    notify()
    return { eventId, deliveryIds }
  }

  // the write's transaction is synchronous: by the time this runs it has committed or rolled back
  function notify (): void {
    setImmediate(() => { for (const listener of listeners) listener() })
  }

  return {
    enqueue,
    notify,

    /** The change log observer (see above): runs inside the write's transaction. */
    recordChange (change: ChangeRecord): void {
      const entityType = change.entityType
      if (entityType === 'comment' || entityType === 'contact') {
        const endpoints = enabledEndpoints.all()
        if (endpoints.length === 0 || discussionEvents === undefined) return
        const event = discussionEvents(change)
        if (event === null) return
        const subscribers = endpoints.filter((endpoint) => subscribes(endpoint.events, event.type)).map((endpoint) => endpoint.id)
        if (subscribers.length > 0) enqueue({ type: event.type, entityType, entityId: change.entityId, changeSeq: change.seq, payload: event.payload, deliverAfter: change.at }, subscribers)
        return
      }
      if (!isWebhookEntityType(entityType)) return
      // the common case, no webhooks at all, costs this one indexed read per write
      const endpoints = enabledEndpoints.all()
      if (endpoints.length === 0) return
      const state = readState(entityType, change.entityId, change.summary)
      const withdrawn = notYetDue.all({ entityType, entityId: change.entityId, at: change.at }).map((row) => row.id)
      if (withdrawn.length > 0) db.delete(webhookEvents).where(inArray(webhookEvents.id, withdrawn)).run()
      const decision = decideEvent(entityType, change.action, state, change.at, withdrawn.length > 0)
      if (decision === null) return
      const type = `${entityType}.${decision.action}`
      const subscribers = endpoints.filter((endpoint) => subscribes(endpoint.events, type)).map((endpoint) => endpoint.id)
      if (subscribers.length === 0) return
      enqueue({
        type,
        entityType,
        entityId: change.entityId,
        changeSeq: change.seq,
        payload: contentEventPayload({ type, occursAt: decision.occursAt, entityType, entityId: change.entityId, state, changeSeq: change.seq }),
        deliverAfter: decision.occursAt
      }, subscribers)
    },

    /** Called (once per queued event, after the current transaction) so the worker can start at once. */
    onQueued (listener: () => void): void {
      listeners.push(listener)
    }
  }
}

export type WebhookOutbox = ReturnType<typeof createWebhookOutbox>
