import { and, eq, lt, sql } from 'drizzle-orm'
import type { Db } from '../db/connection.js'
import { idempotencyKeys } from '../db/schema.js'
import { ConflictError, UnprocessableError } from '../errors.js'
import type { Clock } from '../time.js'

/** How long a stored response answers retries. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000

export interface StoredResponse { status: number, location: string | null, body: string }

/**
 * What replaces the body of a response that carried a one-time secret (an API token, a webhook
 * signing secret): the secret is shown once and never stored, so a retry learns only that the
 * first attempt succeeded and where its resource is. Never valid JSON, so never a real body.
 */
export const WITHHELD_BODY = '[withheld: one-time secret]'

/** A stored response, or one whose body was withheld. */
export type PastResponse = (StoredResponse & { withheld: false }) | { status: number, location: string | null, withheld: true }

/**
 * `Idempotency-Key` bookkeeping per API key. `begin` reserves the key before the request runs, so
 * a retry that arrives while the first attempt is still running is refused (409) instead of
 * creating a second resource; `complete` stores a successful response for replay; `abandon`
 * frees the key after a failure so the client may retry. Expired keys are purged as new ones come.
 */
export function createIdempotencyStore ({ db, clock }: { db: Db, clock: Clock }) {
  const find = db.select().from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.keyId, sql.placeholder('keyId')), eq(idempotencyKeys.idempotencyKey, sql.placeholder('key')))).prepare()
  const purge = db.delete(idempotencyKeys).where(lt(idempotencyKeys.expiresAt, sql.placeholder('now'))).prepare()
  const reserve = db.insert(idempotencyKeys).values({
    keyId: sql.placeholder('keyId'),
    idempotencyKey: sql.placeholder('key'),
    fingerprint: sql.placeholder('fingerprint'),
    createdAt: sql.placeholder('now'),
    expiresAt: sql.placeholder('expiresAt')
  }).prepare()
  const complete = db.update(idempotencyKeys)
    .set({ status: sql`${sql.placeholder('status')}`, location: sql`${sql.placeholder('location')}`, body: sql`${sql.placeholder('body')}` })
    .where(and(eq(idempotencyKeys.keyId, sql.placeholder('keyId')), eq(idempotencyKeys.idempotencyKey, sql.placeholder('key')))).prepare()
  // responses stored before secrets were withheld: keep that they succeeded, drop their secret
  db.update(idempotencyKeys).set({ body: WITHHELD_BODY })
    .where(sql`instr(${idempotencyKeys.body}, '"token":"quire_') > 0 or instr(${idempotencyKeys.body}, '"secret":"whsec_') > 0`).run()
  const abandon = db.delete(idempotencyKeys)
    .where(and(eq(idempotencyKeys.keyId, sql.placeholder('keyId')), eq(idempotencyKeys.idempotencyKey, sql.placeholder('key')))).prepare()

  return {
    /** The stored response to replay, or null after reserving the key for this request. */
    begin (keyId: number, key: string, fingerprint: string): PastResponse | null {
      const now = clock().getTime()
      return db.transaction(() => {
        purge.run({ now })
        const row = find.get({ keyId, key })
        if (row !== undefined) {
          if (row.fingerprint !== fingerprint) {
            throw new UnprocessableError('This Idempotency-Key was already used with a different request; use a new key for a new request.')
          }
          if (row.status === null || row.body === null) throw new ConflictError('A request with this Idempotency-Key is still being processed; retry later.')
          if (row.body === WITHHELD_BODY) return { status: row.status, location: row.location, withheld: true }
          return { status: row.status, location: row.location, body: row.body, withheld: false }
        }
        reserve.run({ keyId, key, fingerprint, now, expiresAt: now + IDEMPOTENCY_TTL_MS })
        return null
      }, { behavior: 'immediate' })
    },
    complete (keyId: number, key: string, response: StoredResponse): void {
      complete.run({ keyId, key, ...response })
    },
    /** Records that the request succeeded without keeping its body (it held a secret). */
    completeWithheld (keyId: number, key: string, response: Omit<StoredResponse, 'body'>): void {
      complete.run({ keyId, key, ...response, body: WITHHELD_BODY })
    },
    abandon (keyId: number, key: string): void {
      abandon.run({ keyId, key })
    }
  }
}

export type IdempotencyStore = ReturnType<typeof createIdempotencyStore>
