import { changeProbeOf } from './change-probe.js'
import { readsMayRollBack } from './read-snapshot.js'
import type { Db } from './connection.js'

/**
 * A cheap fingerprint of everything the public can see, used as the validator for HTTP caching
 * and as the key of cached counts. It changes when
 * - this connection writes (`total_changes()` is cumulative per connection),
 * - another connection or process commits (`PRAGMA data_version`), or
 * - time passes a visibility boundary: the newest `visible_from <= now` of articles and pages
 *   moves when a scheduled item becomes due, though no row changed.
 * Each part is a counter read or, after a write or when a scheduled item falls due, two index seeks
 * per table, so no response has to be rendered to revalidate it.
 */
export function createContentVersion (db: Db) {
  const client = db.$client
  const probe = changeProbeOf(client)
  // the boundary now, and the next one ahead (a scheduled item): what is read stays true for every
  // instant between the two until something is written, so most requests read no table at all
  const boundary = client.prepare(`select
      (select max(visible_from) from articles where visible_from <= @now),
      (select min(visible_from) from articles where visible_from > @now),
      (select max(visible_from) from pages where visible_from <= @now),
      (select min(visible_from) from pages where visible_from > @now)`).raw()
  let known: { changes: number, data: number, from: number, until: number, articles: number, pages: number } | null = null

  const boundaries = (now: number): { changes: number, data: number, articles: number, pages: number } => {
    const changes = probe.changes()
    const data = probe.dataVersion()
    if (known !== null && known.changes === changes && known.data === data && now >= known.from && now < known.until) return known
    const [articles, nextArticle, pages, nextPage] = boundary.get({ now }) as Array<number | null>
    // inside a transaction the rows read may still roll back: nothing is kept
    if (readsMayRollBack(client)) return { changes, data, articles: articles ?? 0, pages: pages ?? 0 }
    known = {
      changes,
      data,
      from: Math.max(articles ?? -Infinity, pages ?? -Infinity),
      until: Math.min(nextArticle ?? Infinity, nextPage ?? Infinity),
      articles: articles ?? 0,
      pages: pages ?? 0
    }
    return known
  }

  /** The version and, from the same read, its visibility boundaries (what moves when a scheduled item falls due). */
  const read = (now: number): { version: string, articles: number, pages: number } => {
    // the counters the boundary was checked against, not a second read that could disagree with it
    const { changes, data, articles, pages } = boundaries(now)
    return { version: `${data}.${changes}.${articles}.${pages}`, articles, pages }
  }

  return {
    at: (now: number): string => read(now).version,
    read
  }
}

export type ContentVersion = ReturnType<typeof createContentVersion>
