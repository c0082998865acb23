import type { PurgeConfig, PurgeTarget } from '../config.js'
import type { Clock } from '../time.js'
import { retryDelay } from '../webhooks/backoff.js'
import type { ClaimedPurge, PurgeStore } from './store.js'
import { sendPurge } from './targets.js'

export interface PurgeLog {
  info: (obj: object, msg: string) => void
  warn: (obj: object, msg: string) => void
  error: (obj: object, msg: string) => void
}

/** What this process has seen of a target since it started (the backlog itself is in the database). */
export interface TargetActivity {
  lastSuccessAt: number | null
  lastFailureAt: number | null
  consecutiveFailures: number
  requestsSent: number
  keysPurged: number
}

/**
 * Jobs leased per round and target. Their keys are merged and deduplicated before sending, which
 * is what coalesces a burst: 10,000 writes a minute purge a few hundred distinct keys, sent as a
 * handful of requests per round while the previous round's requests are in flight.
 */
const JOBS_PER_ROUND = 2000

/**
 * The purge loop: each target is worked on its own (a failing Varnish node never delays Fastly),
 * woken by every commit that queued jobs and polled on an unref'd timer for retries and scheduled
 * publications. A failure reschedules the round's jobs with exponential backoff; they are kept as
 * `failed` after `maxAttempts` (visible in `GET /v1/purges/status`). Writes never wait for any of it.
 */
export function createPurgeWorker ({ store, clock, config, log }: { store: PurgeStore, clock: Clock, config: PurgeConfig, log: PurgeLog }) {
  const shutdown = new AbortController()
  // a crashed process's leases expire after any round could have finished
  const leaseMs = config.timeoutMs * 4 + 5_000
  const activity = new Map<string, TargetActivity>(config.targets.map((target) => [target.name, { lastSuccessAt: null, lastFailureAt: null, consecutiveFailures: 0, requestsSent: 0, keysPurged: 0 }]))
  const loops = new Map<string, { running: Promise<void> | null, again: boolean, timer: NodeJS.Timeout | undefined }>()
  let stopped = true

  async function round (target: PurgeTarget): Promise<void> {
    const seen = activity.get(target.name)!
    for (;;) {
      const now = clock().getTime()
      const jobs = store.claim(target.name, now, now + leaseMs, JOBS_PER_ROUND)
      if (jobs.length === 0) return
      const keys = [...new Set(jobs.flatMap((job) => job.keys))].sort()
      const error = await sendPurge(target, keys, { timeoutMs: config.timeoutMs, signal: shutdown.signal })
      if (stopped && error !== null) return
      const at = clock().getTime()
      if (error === null) {
        store.succeeded(jobs)
        Object.assign(seen, { lastSuccessAt: at, consecutiveFailures: 0, requestsSent: seen.requestsSent + 1, keysPurged: seen.keysPurged + keys.length })
        continue
      }
      fail(target, seen, jobs, error, at)
      return
    }
  }

  function fail (target: PurgeTarget, seen: TargetActivity, jobs: readonly ClaimedPurge[], error: string, at: number): void {
    const attempts = Math.max(...jobs.map((job) => job.attempts)) + 1
    store.failed(jobs, error, at + retryDelay(attempts, config.retryBaseMs), config.maxAttempts)
    Object.assign(seen, { lastFailureAt: at, consecutiveFailures: seen.consecutiveFailures + 1 })
    // the target's name is its URL or service id; tokens never reach the log
    const entry = { target: target.name, jobs: jobs.length, attempts, error }
    if (attempts >= config.maxAttempts) log.error(entry, 'cache purge failed for good: cached responses stay stale until they expire')
    else log.warn(entry, 'cache purge failed; it will be retried')
  }

  function schedule (target: PurgeTarget, delay: number): void {
    const loop = loops.get(target.name)!
    if (stopped) return
    clearTimeout(loop.timer)
    loop.timer = setTimeout(() => { void tick(target) }, delay)
    loop.timer.unref()
  }

  async function tick (target: PurgeTarget): Promise<void> {
    const loop = loops.get(target.name)!
    if (loop.running !== null) { loop.again = true; return }
    loop.running = (async () => {
      do {
        loop.again = false
        await round(target)
      } while (loop.again && !stopped)
    })()
      .catch((error: unknown) => { log.error({ err: error, target: target.name }, 'cache purge round failed') })
      .finally(() => { loop.running = null; schedule(target, config.pollIntervalMs) })
    await loop.running
  }

  return {
    activity (name: string): TargetActivity | undefined { return activity.get(name) },
    start (): void {
      if (!stopped) return
      stopped = false
      for (const target of config.targets) {
        loops.set(target.name, { running: null, again: false, timer: undefined })
        schedule(target, 0)
      }
    },
    /** A commit queued jobs: look now rather than at the next poll. */
    wake (): void {
      for (const target of config.targets) {
        const loop = loops.get(target.name)
        if (loop === undefined) continue
        if (loop.running !== null) loop.again = true
        else schedule(target, 0)
      }
    },
    async stop (): Promise<void> {
      stopped = true
      shutdown.abort()
      for (const loop of loops.values()) clearTimeout(loop.timer)
      await Promise.all([...loops.values()].flatMap((loop) => loop.running === null ? [] : [loop.running]))
    }
  }
}

export type PurgeWorker = ReturnType<typeof createPurgeWorker>
