import type Database from 'better-sqlite3'

/**
 * The two counters every cache of this connection checks before it trusts what it holds:
 * - `total_changes()` moves with every row this connection writes. It is a counter in memory, read
 *   fresh on every call (a fraction of a microsecond).
 * - `PRAGMA data_version` moves when another connection or process commits. Reading it takes the
 *   WAL read lock, about as much as a small query (5 µs measured, against 0.1–0.3 µs for the other),
 *   and a single public response asked for it ten times: the edition cache, each reference memo, the
 *   key versions and the content version. It is read once per synchronous stretch of work and shared:
 *   a commit by another process that lands during the stretch is seen by the next one, as if it had
 *   landed a moment later. Responses stay correct because the HTTP cache checks the key versions again,
 *   in a later stretch, before it keeps or tags a response (invalidation/freshness.ts).
 * One probe per connection, so every reader shares the stretch's read.
 */
export interface ChangeProbe {
  changes: () => number
  dataVersion: () => number
}

const probes = new WeakMap<Database.Database, ChangeProbe>()

export function changeProbeOf (client: Database.Database): ChangeProbe {
  let probe = probes.get(client)
  if (probe === undefined) probes.set(client, probe = createChangeProbe(client))
  return probe
}

function createChangeProbe (client: Database.Database): ChangeProbe {
  const changes = client.prepare('select total_changes()').pluck()
  const dataVersion = client.prepare('pragma data_version').pluck()
  let seen: number | null = null
  const forget = (): void => { seen = null }
  return {
    changes: () => changes.get() as number,
    dataVersion: () => {
      if (seen === null) {
        seen = dataVersion.get() as number
        queueMicrotask(forget)
      }
      return seen
    }
  }
}
