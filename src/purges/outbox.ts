import { listKey, type EntityType } from '../cache-keys/surrogate-keys.js'
import type { Db } from '../db/connection.js'
import { purgeJobs } from '../db/schema.js'
import type { ChangeRecord } from '../editorial/changes.js'
import type { Clock } from '../time.js'
import { purgePlan, type WorkflowState } from './plan.js'

/** The entity a change is about, read inside the write's transaction: its edition and, for articles and pages, its workflow state. */
export type PurgeSubjectReader = (change: ChangeRecord) => { edition: string | null, state: WorkflowState | null }

const editionScoped: ReadonlySet<string> = new Set(['article', 'page', 'category', 'tag', 'gallery', 'menu'])

/**
 * The purge side of the transactional outbox (webhooks/outbox.ts is the other): it observes the
 * change log inside each write's transaction and queues one job per configured target and purge
 * instant, so keys are queued if and only if the write commits, and survive any crash until sent.
 * Nothing is queued when no target is configured.
 */
export function createPurgeOutbox ({ db, clock, targets, describe, editionCodes }: {
  db: Db
  clock: Clock
  targets: readonly string[]
  describe: PurgeSubjectReader
  /** Every edition's code: an entity whose edition is unknown (deleted without a snapshot) purges its lists in all. */
  editionCodes: () => string[]
}) {
  const listeners: Array<() => void> = []

  return {
    recordChange (change: ChangeRecord): void {
      if (targets.length === 0) return
      const { edition, state } = describe(change)
      const steps = purgePlan(change, edition, state)
      if (steps.length === 0) return
      const createdAt = clock().getTime()
      const rows = steps.flatMap((step) => {
        const keys = edition === null && editionScoped.has(change.entityType)
          ? [...new Set([...step.keys, ...editionCodes().map((code) => listKey(change.entityType as EntityType, code))])].sort()
          : step.keys
        return targets.map((target) => ({ target, keys, changeSeq: change.seq, nextAttemptAt: step.at, createdAt }))
      })
      db.insert(purgeJobs).values(rows).run()
      // the write's transaction is synchronous: by the time this runs it has committed or rolled back
      setImmediate(() => { for (const listener of listeners) listener() })
    },

    /** Called after a transaction queued jobs, so the worker can send them at once. */
    onQueued (listener: () => void): void {
      listeners.push(listener)
    }
  }
}

export type PurgeOutbox = ReturnType<typeof createPurgeOutbox>
