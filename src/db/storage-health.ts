import type Database from 'better-sqlite3'

/**
 * SQLite result codes that mean the storage, not the request, is at fault: the disk or the
 * database's page limit is full, the file system failed or went read-only, or a file cannot be
 * opened. No retry of the same request will help until an operator acts, so the instance should
 * leave the load balancer's rotation meanwhile.
 */
export type StorageFailure = { kind: 'full' | 'unavailable', code: string }

const UNAVAILABLE = /^SQLITE_(IOERR|READONLY|CANTOPEN)(_[A-Z_]+)?$/

/** The storage failure behind `error` (drizzle wraps better-sqlite3's SqliteError in `cause`), if any. */
export function storageFailureOf (error: unknown): StorageFailure | null {
  let current: unknown = error
  for (let hops = 0; hops < 5 && typeof current === 'object' && current !== null; hops++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string') {
      // ENOSPC / EDQUOT: the file system (media files, upload temporaries) is full, not only the database
      if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return { kind: 'full', code }
      if (UNAVAILABLE.test(code)) return { kind: 'unavailable', code }
    }
    current = (current as { cause?: unknown }).cause
  }
  return null
}

export interface StorageHealth {
  /** Remembers a storage failure seen by a request; returns it, or null when `error` is something else. */
  recordFailure: (error: unknown) => StorageFailure | null
  /**
   * Null while storage is healthy. After a failure, each call probes with a write that is rolled
   * back (it allocates pages, so a full database or a read-only file fails it) and forgets the
   * failure once the probe succeeds.
   */
  failure: () => (StorageFailure & { since: Date }) | null
}

export function createStorageHealth (client: Database.Database, now: () => number = Date.now): StorageHealth {
  let last: (StorageFailure & { since: Date }) | null = null

  const probe = (): void => {
    client.exec('BEGIN IMMEDIATE')
    try {
      // a new table needs a page and the blob a few more: exactly what a full database cannot give
      client.exec('CREATE TABLE quire_storage_probe (x BLOB); INSERT INTO quire_storage_probe VALUES (zeroblob(16384))')
    } finally {
      // after SQLITE_FULL or an I/O error SQLite may already have rolled the transaction back
      if (client.inTransaction) client.exec('ROLLBACK')
    }
  }

  return {
    recordFailure (error) {
      const failure = storageFailureOf(error)
      if (failure !== null && last === null) last = { ...failure, since: new Date(now()) }
      return failure
    },
    failure () {
      const previous = last
      if (previous === null) return null
      try {
        probe()
        last = null
      } catch (error) {
        const failure = storageFailureOf(error)
        if (failure !== null) last = { ...failure, since: previous.since }
      }
      return last
    }
  }
}
