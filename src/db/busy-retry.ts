import type Database from 'better-sqlite3'

/** SQLITE_BUSY and its extended codes (SQLITE_BUSY_SNAPSHOT, SQLITE_BUSY_RECOVERY …), also when drizzle wrapped the error. */
export function isBusy (error: unknown): boolean {
  let current: unknown = error
  for (let hops = 0; hops < 5 && typeof current === 'object' && current !== null; hops++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) return true
    current = (current as { cause?: unknown }).cause
  }
  return false
}

const pause = new Int32Array(new SharedArrayBuffer(4))
/** Attempts after the first; the waits (25, 50, 100, 200 ms, with jitter) come on top of busy_timeout. */
export const BUSY_RETRIES = 4

/**
 * Runs a whole write transaction again when SQLite answers SQLITE_BUSY. busy_timeout already waits
 * for the write lock, but not in every case: a deferred transaction that read before writing
 * gets SQLITE_BUSY_SNAPSHOT at once when another process committed meanwhile, and a lock held past
 * the timeout (a long bulk import in another process) ends the wait. The transaction has been rolled
 * back by then, so running it again is safe; a nested one (a savepoint) is left to its outermost
 * transaction. The wait blocks the thread, as busy_timeout's own wait does.
 */
export function withBusyRetry<T> (client: Database.Database, run: () => T, random: () => number = Math.random): T {
  for (let attempt = 0; ; attempt++) {
    try {
      return run()
    } catch (error) {
      if (attempt >= BUSY_RETRIES || client.inTransaction || !isBusy(error)) throw error
      Atomics.wait(pause, 0, 0, Math.round(25 * 2 ** attempt * (0.5 + random() / 2)))
    }
  }
}
