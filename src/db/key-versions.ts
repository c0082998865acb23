import { changeProbeOf } from './change-probe.js'
import type { Db } from './connection.js'

/**
 * The versions of surrogate keys (table surrogate_key_versions): written by the invalidation
 * observer inside each public write's transaction, read by the HTTP cache for every public
 * response. Reads come from an in-memory copy that follows the table: after this connection wrote
 * (`total_changes()`) or another connection or process committed (`PRAGMA data_version`), only the
 * rows with a seq above the newest one seen are read again — so a draft save, which bumps nothing,
 * costs one empty index range scan, and a quiet database two counter reads per request.
 *
 * A commit by another connection that added no change-log row was not made by Quire (an UPDATE in
 * the sqlite3 shell, a restore): nothing says what it touched, so it moves `epoch`, which is part of
 * every validator — everything is rendered afresh once. Another Quire process's bookkeeping
 * (webhook deliveries, purge jobs) looks the same from here, so processes sharing a file
 * invalidate a little more than one process does; never less.
 */
export function createKeyVersions (db: Db) {
  const client = db.$client
  const bumpKey = client.prepare('insert into surrogate_key_versions (key, seq) values (?, ?) on conflict(key) do update set seq = excluded.seq where excluded.seq > seq')
  const newerThan = client.prepare('select key, seq from surrogate_key_versions where seq > ? order by seq').raw()
  const probe = changeProbeOf(client)
  const changeHead = client.prepare('select coalesce(max(seq), 0) from changes').pluck()

  const versions = new Map<string, number>()
  let head = 0
  let seenChanges = -1
  let seenDataVersion = -1
  let seenChangeHead = -1
  let epoch = 0

  function refresh (): void {
    const total = probe.changes()
    const data = probe.dataVersion()
    if (total === seenChanges && data === seenDataVersion) return
    const foreign = data !== seenDataVersion && seenDataVersion !== -1
    seenChanges = total
    seenDataVersion = data
    const logged = changeHead.get() as number
    if (foreign && logged === seenChangeHead) epoch++
    seenChangeHead = logged
    for (const [key, seq] of newerThan.all(head) as Array<[string, number]>) {
      versions.set(key, seq)
      if (seq > head) head = seq
    }
  }

  return {
    /** Inside the write's transaction: these keys changed at change-log seq `seq`. */
    bump (keys: Iterable<string>, seq: number): void {
      for (const key of keys) bumpKey.run(key, seq)
    },
    /** The newest seq any public write has reached, after catching up with the table. */
    head (): number {
      refresh()
      return head
    },
    /**
     * `head()` caught up with this connection's own writes only: no `PRAGMA data_version` read (the
     * WAL read lock it takes cost a loaded server 5-10 µs). For the check after a render, whose
     * snapshot already read it at the request's start: a commit by another process during the
     * render is seen by the next request (invalidation/freshness.ts says why that is safe).
     */
    headOfOwnWrites (): number {
      if (probe.changes() !== seenChanges) refresh()
      return head
    },
    /** Moves when another connection committed without logging a change (see above); call `head()` first. */
    epoch: (): number => epoch,
    /** The newest seq among `keys` (0 when none was ever written); call `head()` first in a request. */
    newest (keys: Iterable<string>): number {
      let newest = 0
      for (const key of keys) {
        const seq = versions.get(key)
        if (seq !== undefined && seq > newest) newest = seq
      }
      return newest
    }
  }
}

export type KeyVersions = ReturnType<typeof createKeyVersions>
