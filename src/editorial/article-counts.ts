import type { Db } from '../db/connection.js'

/*
 * Public article counts per category and per tag (archive headers, tag clouds) without a scan per
 * request. The triggers of the counts migration keep, in every write's own transaction, how many
 * published or scheduled articles link to each category and tag. A scheduled article counts from its
 * publishedAt on, as it lists from then on; the count of those not yet due is subtracted at read
 * time, found through the visible_from index — the only rows it reads are the scheduled-and-future
 * ones, however large the archive. Categories count the articles filed in them directly, as
 * WordPress's term `count` does; an archive list's `meta.total` includes subcategories.
 */
export function createArticleCounts (db: Db) {
  const client = db.$client
  const counter = (counts: string, links: string, key: string) => {
    const kept = client.prepare(`select ${key} as id, articles as n from ${counts} where ${key} in (select value from json_each(?))`)
    // `a.visible_from > ?` is a range of articles_visible_idx; each due-later article's links by primary key.
    // CROSS JOIN keeps that order: left free, SQLite drives from the term's links — every article it has.
    const notYetDue = client.prepare(`select l.${key} as id, count(*) as n from articles a indexed by articles_visible_idx
      cross join ${links} l on l.article_id = a.id
      where a.visible_from > ? and l.${key} in (select value from json_each(?)) group by l.${key}`)
    return (ids: readonly number[], now: number): Map<number, number> => {
      const out = new Map<number, number>(ids.map((id) => [id, 0]))
      if (ids.length === 0) return out
      const json = JSON.stringify([...new Set(ids)])
      for (const row of kept.all(json) as Array<{ id: number, n: number }>) out.set(row.id, row.n)
      for (const row of notYetDue.all(now, json) as Array<{ id: number, n: number }>) out.set(row.id, (out.get(row.id) ?? 0) - row.n)
      return out
    }
  }
  return {
    /** Public articles filed in each category (not its subcategories), by category id; 0 for none. */
    byCategoryIds: counter('category_article_counts', 'article_categories', 'category_id'),
    /** Public articles with each tag, by tag id; 0 for none. */
    byTagIds: counter('tag_article_counts', 'article_tags', 'tag_id')
  }
}

export type ArticleCounts = ReturnType<typeof createArticleCounts>
