import type { Db } from './connection.js'

/**
 * A cheap fingerprint of everything the public can see, used as the validator for HTTP caching
 * and as the key of cached counts. It changes when
 * - this connection writes (`total_changes()` is cumulative per connection),
 * - another connection or process commits (`PRAGMA data_version`), or
 * - time passes a visibility boundary: the newest `visible_from <= now` of articles and pages
 *   moves when a scheduled item becomes due, though no row changed.
 * Each part is an index seek or a counter read, so no response has to be rendered to revalidate it.
 */
export function createContentVersion (db: Db) {
  const client = db.$client
  const changes = client.prepare('select total_changes() as n').pluck()
  const dataVersion = client.prepare('pragma data_version').pluck()
  const boundary = client.prepare(`select
      (select max(visible_from) from articles where visible_from <= ?) as articles,
      (select max(visible_from) from pages where visible_from <= ?) as pages`).raw()

  const boundaries = (now: number): { articles: number, pages: number } => {
    const [articles, pages] = boundary.get(now, now) as [number | null, number | null]
    return { articles: articles ?? 0, pages: pages ?? 0 }
  }

  /** The version and, from the same read, its visibility boundaries (what moves when a scheduled item falls due). */
  const read = (now: number): { version: string, articles: number, pages: number } => {
    const { articles, pages } = boundaries(now)
    return { version: `${dataVersion.get() as number}.${changes.get() as number}.${articles}.${pages}`, articles, pages }
  }

  return {
    at: (now: number): string => read(now).version,
    read
  }
}

export type ContentVersion = ReturnType<typeof createContentVersion>
