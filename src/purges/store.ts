import { and, asc, eq, isNull, lte, or, sql } from 'drizzle-orm'
import type { Db } from '../db/connection.js'
import { purgeJobs } from '../db/schema.js'

export interface ClaimedPurge { id: number, keys: string[], attempts: number }

export interface TargetBacklog {
  target: string
  pending: number
  failed: number
  /** When the oldest pending job was queued (epoch ms), null when nothing is pending. */
  oldestPendingAt: number | null
  /** The most attempts any pending job has had: above 0, the target has been failing. */
  maxAttempts: number
  lastError: string | null
}

/** The purge worker's SQL: lease due jobs per target, then delete them once sent or reschedule them. */
export function createPurgeStore (db: Db) {
  const now = sql.placeholder('now')
  const due = db.select({ id: purgeJobs.id }).from(purgeJobs)
    .where(and(
      eq(purgeJobs.target, sql.placeholder('target')),
      eq(purgeJobs.status, 'pending'),
      lte(purgeJobs.nextAttemptAt, now),
      or(isNull(purgeJobs.lockedUntil), lte(purgeJobs.lockedUntil, now))
    ))
    .orderBy(asc(purgeJobs.id))
    .limit(sql.placeholder('limit'))
  // one UPDATE takes the lease: two processes on one database never both get a job
  const claim = db.update(purgeJobs).set({ lockedUntil: sql`${sql.placeholder('leaseUntil')}` })
    .where(sql`${purgeJobs.id} in ${due}`)
    .returning({ id: purgeJobs.id, keys: purgeJobs.keys, attempts: purgeJobs.attempts }).prepare()
  const ids = sql`${purgeJobs.id} in (select value from json_each(${sql.placeholder('ids')}))`
  const done = db.delete(purgeJobs).where(ids).prepare()
  const retry = db.update(purgeJobs).set({
    attempts: sql`${purgeJobs.attempts} + 1`,
    status: sql`case when ${purgeJobs.attempts} + 1 >= ${sql.placeholder('maxAttempts')} then 'failed' else 'pending' end`,
    nextAttemptAt: sql`${sql.placeholder('nextAttemptAt')}`,
    lockedUntil: null,
    lastError: sql`${sql.placeholder('error')}`
  }).where(ids).prepare()
  const backlog = db.select({
    target: purgeJobs.target,
    pending: sql<number>`sum(${purgeJobs.status} = 'pending')`,
    failed: sql<number>`sum(${purgeJobs.status} = 'failed')`,
    oldestPendingAt: sql<number | null>`min(case when ${purgeJobs.status} = 'pending' then ${purgeJobs.createdAt} end)`,
    maxAttempts: sql<number>`max(case when ${purgeJobs.status} = 'pending' then ${purgeJobs.attempts} else 0 end)`,
    lastError: sql<string | null>`(select p.last_error from purge_jobs p where p.target = ${purgeJobs.target} and p.last_error is not null order by p.id desc limit 1)`
  }).from(purgeJobs).where(sql`${purgeJobs.attempts} > 0 or ${purgeJobs.nextAttemptAt} <= ${now}`).groupBy(purgeJobs.target).prepare()
  const scheduled = db.select({ target: purgeJobs.target, n: sql<number>`count(*)` }).from(purgeJobs)
    .where(sql`${purgeJobs.nextAttemptAt} > ${now} and ${purgeJobs.attempts} = 0`).groupBy(purgeJobs.target).prepare()

  return {
    /** Leases up to `limit` due jobs of `target` until `leaseUntil`, oldest first. */
    claim (target: string, at: number, leaseUntil: number, limit: number): ClaimedPurge[] {
      return claim.all({ target, now: at, leaseUntil, limit })
    },
    succeeded (jobs: readonly ClaimedPurge[]): void {
      done.run({ ids: JSON.stringify(jobs.map((job) => job.id)) })
    },
    /** Each job gets one more attempt; past `maxAttempts` it is kept as failed, for the status endpoint. */
    failed (jobs: readonly ClaimedPurge[], error: string, nextAttemptAt: number, maxAttempts: number): void {
      retry.run({ ids: JSON.stringify(jobs.map((job) => job.id)), error, nextAttemptAt, maxAttempts })
    },
    /** Due work per target (scheduled publications' purges, not yet due, are counted apart). */
    backlog (at: number): { due: TargetBacklog[], scheduled: Map<string, number> } {
      return { due: backlog.all({ now: at }), scheduled: new Map(scheduled.all({ now: at }).map((row) => [row.target, row.n])) }
    }
  }
}

export type PurgeStore = ReturnType<typeof createPurgeStore>
