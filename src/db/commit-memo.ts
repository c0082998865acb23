import { changeProbeOf } from './change-probe.js'
import { readsMayRollBack } from './read-snapshot.js'
import type { Db } from './connection.js'

/**
 * Rows that public responses read on every request but that change rarely — bylines, category and
 * tag refs, media, an edition's settings — kept in memory by key until the database changes.
 *
 * "Changes" is the same cheap test the edition cache and the HTTP validators use: this connection
 * wrote (`total_changes()`) or another connection or process committed (`PRAGMA data_version`).
 * Both are counter reads (db/change-probe.ts), taken on every lookup, so a write is seen by the next
 * read — this connection's at once, another's from the next stretch of work — whatever wrote it (a
 * command, a CLI, a restore) and whether or not it was logged. Any write clears every
 * memo — a draft save too — but refilling costs one batch statement per memo for the few keys the
 * next response needs, not a reload of the table. Inside a transaction nothing is kept or served:
 * its reads may see rows that roll back (a read snapshot, db/read-snapshot.ts, is the exception).
 */
export interface CommitStamp {
  /** A number that moves whenever the database may have changed; null inside a transaction that may roll back. */
  (): number | null
}

export function createCommitStamp (db: Db): CommitStamp {
  const client = db.$client
  const probe = changeProbeOf(client)
  let seenChanges = -1
  let seenDataVersion = -1
  let stamp = 0
  return () => {
    if (readsMayRollBack(client)) return null
    const total = probe.changes()
    const data = probe.dataVersion()
    if (total !== seenChanges || data !== seenDataVersion) {
      seenChanges = total
      seenDataVersion = data
      stamp++
    }
    return stamp
  }
}

/** Memos hold shared objects: frozen, so a caller that changes one fails loudly instead of changing it for everyone. */
function deepFreeze<T> (value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const inner of Object.values(value)) deepFreeze(inner)
  }
  return value
}

// far above any site's authors, categories and tags; a bound all the same
const MAX_ENTRIES = 50_000

/**
 * `load` reads the values of the keys it is given (one batch statement); the memo answers in key
 * order, null for a key without a row (remembered too, until the next change).
 */
export function createCommitMemo<K, V> (stamp: CommitStamp, load: (keys: K[]) => ReadonlyMap<K, V>): (keys: readonly K[]) => Array<V | null> {
  const entries = new Map<K, V | null>()
  let at: number | null = null
  return (keys) => {
    if (keys.length === 0) return []
    const now = stamp()
    if (now === null) {
      const found = load([...new Set(keys)])
      return keys.map((key) => found.get(key) ?? null)
    }
    if (now !== at || entries.size > MAX_ENTRIES) {
      entries.clear()
      at = now
    }
    const missing = [...new Set(keys.filter((key) => !entries.has(key)))]
    if (missing.length > 0) {
      const found = load(missing)
      for (const key of missing) entries.set(key, deepFreeze(found.get(key) ?? null))
    }
    return keys.map((key) => entries.get(key) ?? null)
  }
}
