import { and, asc, count, eq, sql } from 'drizzle-orm'
import { authorize } from '../auth/permissions.js'
import type { Principal } from '../auth/principal.js'
import type { Db } from '../db/connection.js'
import { checkVersion, type ExpectedVersion } from '../editorial/entity-commands.js'
import { webhookAttempts, webhookDeliveries, webhookEndpoints, webhookEvents } from '../db/schema.js'
import { ConflictError, InvalidInputError, NotFoundError } from '../errors.js'
import type { CursorCodec } from '../pagination/cursor.js'
import { assemblePage, directionOf, keysetAfter, keysetParams } from '../pagination/keyset.js'
import type { Page } from '../pagination/page.js'
import { toIso, toIsoOrNull, type Clock } from '../time.js'
import { PING_EVENT } from './event-types.js'
import type { WebhookOutbox } from './outbox.js'
import { pingPayload } from './payload.js'
import type { DeliveryListQuery, WebhookCreateBody, WebhookDelivery, WebhookEndpoint, WebhookPatchBody } from './schemas.js'
import { generateSigningSecret } from './secret.js'
import type { SecretBox } from './secret-box.js'
import { systemResolver, urlRefusal, type HostResolver, type UrlPolicy } from './url-guard.js'
import { DEFAULT_LIMIT } from '../pagination/limits.js'

type EndpointRow = typeof webhookEndpoints.$inferSelect
type DeliveryRow = typeof webhookDeliveries.$inferSelect & { webhookId: string, eventType: string }
type AttemptRow = typeof webhookAttempts.$inferSelect

export interface WriteOptions { actor: Principal | null, expectedVersion?: ExpectedVersion }

const toEndpoint = (row: EndpointRow): WebhookEndpoint => ({
  id: row.id,
  url: row.url,
  description: row.description,
  events: row.events,
  enabled: row.enabled,
  version: row.version,
  createdAt: toIso(row.createdAt),
  updatedAt: toIso(row.updatedAt)
})

const toDelivery = (row: DeliveryRow, attempts: AttemptRow[]): WebhookDelivery => ({
  id: row.id,
  endpointId: row.endpointId,
  webhookId: row.webhookId,
  eventType: row.eventType,
  status: row.status,
  attempts: row.attempts,
  nextAttemptAt: row.status === 'pending' ? toIso(row.nextAttemptAt) : null,
  redeliveryOf: row.redeliveryOf,
  createdAt: toIso(row.createdAt),
  completedAt: toIsoOrNull(row.completedAt),
  attemptLog: attempts.map((a) => ({
    attemptedAt: toIso(a.attemptedAt), durationMs: a.durationMs, statusCode: a.statusCode, error: a.error, responseExcerpt: a.responseExcerpt
  }))
})

const deliveryColumns = {
  id: webhookDeliveries.id,
  endpointId: webhookDeliveries.endpointId,
  eventId: webhookDeliveries.eventId,
  redeliveryOf: webhookDeliveries.redeliveryOf,
  status: webhookDeliveries.status,
  attempts: webhookDeliveries.attempts,
  nextAttemptAt: webhookDeliveries.nextAttemptAt,
  lockedUntil: webhookDeliveries.lockedUntil,
  lastAttemptAt: webhookDeliveries.lastAttemptAt,
  lastStatusCode: webhookDeliveries.lastStatusCode,
  lastError: webhookDeliveries.lastError,
  createdAt: webhookDeliveries.createdAt,
  completedAt: webhookDeliveries.completedAt,
  webhookId: webhookEvents.messageId,
  eventType: webhookEvents.type
}

/** Webhook endpoints and their delivery logs, for admin keys (`webhook:manage`). */
export function createWebhookService ({ db, clock, codec, outbox, urlPolicy, secrets, sealPlaintext, resolveHost = systemResolver }: {
  db: Db, clock: Clock, codec: CursorCodec, outbox: WebhookOutbox, urlPolicy: UrlPolicy, resolveHost?: HostResolver
  /** Encrypts signing secrets at rest (secret-box.ts). */
  secrets: SecretBox
  /** Encrypt secrets an older version stored in clear; not with an ephemeral key, which would lose them at the next restart. */
  sealPlaintext: boolean
}) {
  const byId = db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, sql.placeholder('id'))).prepare()
  const all = db.select().from(webhookEndpoints).orderBy(asc(webhookEndpoints.id)).prepare()
  const deliveryById = db.select(deliveryColumns).from(webhookDeliveries).innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
    .where(and(eq(webhookDeliveries.id, sql.placeholder('id')), eq(webhookDeliveries.endpointId, sql.placeholder('endpointId')))).prepare()
  const attemptsOf = db.select().from(webhookAttempts)
    .where(sql`${webhookAttempts.deliveryId} in (select value from json_each(${sql.placeholder('ids')}))`)
    .orderBy(asc(webhookAttempts.id)).prepare()

  const now = () => clock().getTime()

  if (sealPlaintext) {
    db.transaction((tx) => {
      for (const row of tx.select({ id: webhookEndpoints.id, secret: webhookEndpoints.secret }).from(webhookEndpoints).all()) {
        if (secrets.isPlaintext(row.secret)) tx.update(webhookEndpoints).set({ secret: secrets.seal(row.secret) }).where(eq(webhookEndpoints.id, row.id)).run()
      }
    }, { behavior: 'immediate' })
  }

  function load (id: number): EndpointRow {
    const row = byId.get({ id })
    if (row === undefined) throw new NotFoundError('webhook', id)
    return row
  }

  async function checkUrl (url: string): Promise<void> {
    const refusal = await urlRefusal(url, urlPolicy, resolveHost)
    if (refusal !== null) throw new InvalidInputError(`body.url ${refusal}`, [{ name: 'body.url', reason: refusal }])
  }

  function withAttempts (rows: DeliveryRow[]): WebhookDelivery[] {
    const byDelivery = new Map<number, AttemptRow[]>()
    if (rows.length > 0) {
      for (const attempt of attemptsOf.all({ ids: JSON.stringify(rows.map((r) => r.id)) })) {
        const list = byDelivery.get(attempt.deliveryId) ?? []
        list.push(attempt)
        byDelivery.set(attempt.deliveryId, list)
      }
    }
    return rows.map((row) => toDelivery(row, byDelivery.get(row.id) ?? []))
  }

  function loadDelivery (endpointId: number, deliveryId: number): DeliveryRow {
    load(endpointId)
    const row = deliveryById.get({ id: deliveryId, endpointId })
    if (row === undefined) throw new NotFoundError('webhook delivery', deliveryId)
    return row
  }

  const inTransaction = <T>(fn: () => T): T => db.transaction(() => fn(), { behavior: 'immediate' })

  return {
    /** The secret is generated here and returned this once; only its encryption is stored. */
    async create (input: WebhookCreateBody, actor: Principal | null): Promise<WebhookEndpoint & { secret: string }> {
      authorize(actor, 'webhook:manage')
      await checkUrl(input.url)
      const at = now()
      const secret = generateSigningSecret()
      const row = db.insert(webhookEndpoints).values({
        url: input.url,
        description: input.description ?? null,
        events: input.events,
        secret: secrets.seal(secret),
        enabled: input.enabled ?? true,
        createdAt: at,
        updatedAt: at
      }).returning().get()
      return { ...toEndpoint(row), secret }
    },

    list (actor: Principal | null): WebhookEndpoint[] {
      authorize(actor, 'webhook:manage')
      return all.all().map(toEndpoint)
    },

    get (id: number, actor: Principal | null): WebhookEndpoint {
      authorize(actor, 'webhook:manage')
      return toEndpoint(load(id))
    },

    async update (id: number, patch: WebhookPatchBody, { actor, expectedVersion }: WriteOptions): Promise<WebhookEndpoint> {
      authorize(actor, 'webhook:manage')
      load(id)
      if (patch.url !== undefined) await checkUrl(patch.url)
      return inTransaction(() => {
        const row = load(id)
        checkVersion('webhook', row, expectedVersion)
        const updated = db.update(webhookEndpoints).set({
          ...(patch.url !== undefined ? { url: patch.url } : {}),
          ...(patch.events !== undefined ? { events: patch.events } : {}),
          ...(patch.description !== undefined ? { description: patch.description } : {}),
          ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
          version: row.version + 1,
          updatedAt: now()
        }).where(eq(webhookEndpoints.id, id)).returning().get()
        return toEndpoint(updated)
      })
    },

    /** Its deliveries and their log go with it; events stay for other endpoints. */
    remove (id: number, { actor, expectedVersion }: WriteOptions): void {
      authorize(actor, 'webhook:manage')
      inTransaction(() => {
        checkVersion('webhook', load(id), expectedVersion)
        db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id)).run()
      })
    },

    /** The delivery log of an endpoint, newest first, each delivery with its attempts. */
    deliveries (id: number, query: DeliveryListQuery, actor: Principal | null): Page<WebhookDelivery> {
      authorize(actor, 'webhook:manage')
      load(id)
      const limit = query.limit ?? DEFAULT_LIMIT
      const position = query.cursor !== undefined ? codec.decode(query.cursor, 'delivery') : null
      const filter = and(eq(webhookDeliveries.endpointId, id), query.status !== undefined ? eq(webhookDeliveries.status, query.status) : undefined)
      const keyset = keysetAfter({ id: webhookDeliveries.id, descending: true }, directionOf(position))
      const rows = db.select(deliveryColumns).from(webhookDeliveries).innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
        .where(and(filter, keyset.where)).orderBy(...keyset.orderBy)
        .limit(limit + 1).all(keysetParams(position))
      const total = db.select({ n: count() }).from(webhookDeliveries).where(filter).get()?.n ?? 0
      const page = assemblePage(rows, { limit, position }, { sort: 'delivery', sortValue: () => null, codec, total, map: (row) => row })
      return { ...page, items: withAttempts(page.items) }
    },

    delivery (id: number, deliveryId: number, actor: Principal | null): WebhookDelivery {
      authorize(actor, 'webhook:manage')
      return withAttempts([loadDelivery(id, deliveryId)])[0]!
    },

    /**
     * Sends a settled delivery's event again as a new delivery with a fresh retry budget and the
     * same webhook-id, so a receiver that deduplicates by it sees a repeat, not a new event.
     */
    redeliver (id: number, deliveryId: number, actor: Principal | null): WebhookDelivery {
      authorize(actor, 'webhook:manage')
      const created = inTransaction(() => {
        const original = loadDelivery(id, deliveryId)
        if (original.status === 'pending') throw new ConflictError(`Delivery ${deliveryId} is still pending; it will be tried again at ${toIso(original.nextAttemptAt)}.`)
        const at = now()
        return db.insert(webhookDeliveries).values({ endpointId: id, eventId: original.eventId, redeliveryOf: original.id, nextAttemptAt: at, createdAt: at })
          .returning({ id: webhookDeliveries.id }).get()
      })
      outbox.notify()
      return withAttempts([loadDelivery(id, created.id)])[0]!
    },

    /** A `webhook.ping` event to this endpoint alone, to check the URL and the receiver's signature check. */
    ping (id: number, actor: Principal | null): WebhookDelivery {
      authorize(actor, 'webhook:manage')
      const { deliveryIds } = inTransaction(() => {
        load(id)
        const at = now()
        return outbox.enqueue({ type: PING_EVENT, entityType: null, entityId: null, changeSeq: null, payload: pingPayload(id, at), deliverAfter: at }, [id])
      })
      return withAttempts([loadDelivery(id, deliveryIds[0]!)])[0]!
    }
  }
}

export type WebhookService = ReturnType<typeof createWebhookService>
