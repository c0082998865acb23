import { and, asc, desc, eq, gt, sql } from 'drizzle-orm'
import type { Db } from '../db/connection.js'
import { changes, type ChangeAction, type ChangeEntityType } from '../db/schema.js'

export interface ChangeInput {
  entityType: ChangeEntityType
  entityId: number
  action: ChangeAction
  at: number
  keyId: number | null
  summary?: Record<string, unknown>
}

export interface ChangeRecord extends Required<ChangeInput> { seq: number }

/**
 * Called by `record` right after the change row is inserted, inside the write's transaction: what
 * it writes commits or rolls back with the write (the webhook outbox, src/webhooks/outbox.ts).
 */
export type ChangeObserver = (change: ChangeRecord) => void

/**
 * The change log: written by every write in its own transaction (call `record` inside
 * `db.transaction`), so a change is logged if and only if it happened. Doubles as the audit log.
 */
export function createChangeLog (db: Db) {
  // every write records one, an import hundreds of thousands: a plain statement, not a query builder's per call
  const insert = db.$client.prepare<[string, number, string, number, number | null, string]>('insert into changes (entity_type, entity_id, action, at, key_id, summary) values (?, ?, ?, ?, ?, ?)')
  const ofEntity = db.select().from(changes)
    .where(and(eq(changes.entityType, sql.placeholder('entityType')), eq(changes.entityId, sql.placeholder('entityId'))))
    .orderBy(desc(changes.seq)).prepare()
  const since = db.select().from(changes).where(gt(changes.seq, sql.placeholder('seq'))).orderBy(asc(changes.seq)).limit(sql.placeholder('limit')).prepare()
  const head = db.select({ seq: sql<number>`coalesce(max(${changes.seq}), 0)` }).from(changes).prepare()
  const observers: ChangeObserver[] = []

  return {
    record (change: ChangeInput): void {
      const summary = change.summary ?? {}
      // the json column's encoding, as the query builder would write it
      const { lastInsertRowid } = insert.run(change.entityType, change.entityId, change.action, change.at, change.keyId, JSON.stringify(summary))
      for (const observe of observers) observe({ ...change, summary, seq: Number(lastInsertRowid) })
    },
    /** Adds an observer of every later `record` (see ChangeObserver). */
    observe (observer: ChangeObserver): void {
      observers.push(observer)
    },
    ofEntity (entityType: ChangeEntityType, entityId: number): ChangeRecord[] {
      return ofEntity.all({ entityType, entityId })
    },
    /** The sequence after `seq`, oldest first: what sync clients and webhook delivery will read. */
    since (seq: number, limit: number): ChangeRecord[] {
      return since.all({ seq, limit })
    },
    /** The newest seq (0 before any write): a sync watermark taken now covers every change committed so far. */
    head (): number {
      return head.get()?.seq ?? 0
    }
  }
}

export type ChangeLog = ReturnType<typeof createChangeLog>

/** Field-level summary of an edit: old and new values of what changed, long text shown by length only. */
const lengthOf = (text: unknown): number => typeof text === 'string' ? text.length : 0

export function diffSummary (before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(after)) {
    const from = before[key]
    const to = after[key]
    if (JSON.stringify(from) === JSON.stringify(to)) continue
    out[key] = key === 'body' ? { fromLength: lengthOf(from), toLength: lengthOf(to) } : { from: from ?? null, to: to ?? null }
  }
  return out
}
