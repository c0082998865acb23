import { and, asc, eq, isNull, lte, or, sql } from 'drizzle-orm'
import type { Db } from '../db/connection.js'
import { webhookAttempts, webhookDeliveries, webhookEndpoints, webhookEvents, type WebhookDeliveryStatus } from '../db/schema.js'
import type { SecretBox } from './secret-box.js'

/** A delivery the worker has leased: everything needed to sign and send it. */
export interface ClaimedDelivery {
  id: number
  attempts: number
  url: string
  /** Decrypted for this attempt; null when it was encrypted under another key (WEBHOOK_SECRET_KEY changed). */
  secret: string | null
  messageId: string
  payload: string
}

export interface AttemptRecord {
  attemptedAt: number
  durationMs: number
  statusCode: number | null
  error: string | null
  responseExcerpt: string | null
}

export interface DeliveryState {
  status: WebhookDeliveryStatus
  /** When to try again (pending), or when it settled (succeeded, failed). */
  nextAttemptAt: number
}

/** The worker's SQL: lease due deliveries, then record each attempt and what follows it. */
export function createDeliveryStore (db: Db, secrets: SecretBox) {
  const now = sql.placeholder('now')
  const due = db.select({ id: webhookDeliveries.id }).from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(and(
      eq(webhookDeliveries.status, 'pending'),
      lte(webhookDeliveries.nextAttemptAt, now),
      or(isNull(webhookDeliveries.lockedUntil), lte(webhookDeliveries.lockedUntil, now)),
      eq(webhookEndpoints.enabled, true)
    ))
    .orderBy(asc(webhookDeliveries.nextAttemptAt), asc(webhookDeliveries.id))
    .limit(sql.placeholder('limit'))
  // one UPDATE takes the lease: two instances on one database never both get a row
  const claim = db.update(webhookDeliveries).set({ lockedUntil: sql`${sql.placeholder('leaseUntil')}` })
    .where(sql`${webhookDeliveries.id} in ${due}`)
    .returning({ id: webhookDeliveries.id }).prepare()
  const details = db.select({
    id: webhookDeliveries.id,
    attempts: webhookDeliveries.attempts,
    url: webhookEndpoints.url,
    secret: webhookEndpoints.secret,
    messageId: webhookEvents.messageId,
    payload: webhookEvents.payload
  }).from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
    .where(sql`${webhookDeliveries.id} in (select value from json_each(${sql.placeholder('ids')}))`)
    .orderBy(asc(webhookDeliveries.nextAttemptAt), asc(webhookDeliveries.id)).prepare()
  const settle = db.update(webhookDeliveries).set({
    attempts: sql`${webhookDeliveries.attempts} + 1`,
    status: sql`${sql.placeholder('status')}`,
    nextAttemptAt: sql`${sql.placeholder('nextAttemptAt')}`,
    lockedUntil: null,
    lastAttemptAt: sql`${sql.placeholder('attemptedAt')}`,
    lastStatusCode: sql`${sql.placeholder('statusCode')}`,
    lastError: sql`${sql.placeholder('error')}`,
    completedAt: sql`${sql.placeholder('completedAt')}`
  }).where(eq(webhookDeliveries.id, sql.placeholder('id'))).returning({ id: webhookDeliveries.id }).prepare()
  const logAttempt = db.insert(webhookAttempts).values({
    deliveryId: sql.placeholder('deliveryId'),
    attemptedAt: sql.placeholder('attemptedAt'),
    durationMs: sql.placeholder('durationMs'),
    statusCode: sql.placeholder('statusCode'),
    error: sql.placeholder('error'),
    responseExcerpt: sql.placeholder('responseExcerpt')
  }).prepare()

  const byStatus = db.select({ status: webhookDeliveries.status, count: sql<number>`count(*)` }).from(webhookDeliveries)
    .groupBy(webhookDeliveries.status).prepare()

  return {
    /** Deliveries per status (pending is the queue, failed the ones that gave up): for /metrics. */
    countByStatus (): Record<WebhookDeliveryStatus, number> {
      const counts: Record<WebhookDeliveryStatus, number> = { pending: 0, succeeded: 0, failed: 0 }
      for (const row of byStatus.all()) counts[row.status] = row.count
      return counts
    },
    /** Leases up to `limit` due deliveries until `leaseUntil`, oldest first. */
    claim (at: number, leaseUntil: number, limit: number): ClaimedDelivery[] {
      const ids = claim.all({ now: at, leaseUntil, limit }).map((row) => row.id)
      return ids.length === 0 ? [] : details.all({ ids: JSON.stringify(ids) }).map((row) => ({ ...row, secret: secrets.open(row.secret) }))
    },

    /** The attempt and the delivery's next state, together; nothing if the endpoint was deleted meanwhile. */
    record (deliveryId: number, attempt: AttemptRecord, next: DeliveryState): void {
      db.transaction(() => {
        const settled = settle.get({
          id: deliveryId,
          status: next.status,
          nextAttemptAt: next.nextAttemptAt,
          attemptedAt: attempt.attemptedAt,
          statusCode: attempt.statusCode,
          error: attempt.error,
          completedAt: next.status === 'pending' ? null : next.nextAttemptAt
        })
        if (settled !== undefined) logAttempt.run({ deliveryId, ...attempt })
      }, { behavior: 'immediate' })
    }
  }
}

export type DeliveryStore = ReturnType<typeof createDeliveryStore>
