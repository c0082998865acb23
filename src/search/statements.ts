import { and, count, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../db/connection.js'
import { articles } from '../db/schema.js'
import { filterConditions, filterParams, type ArticleFilter } from '../modules/articles/index.js'
import { articleVisibility as publiclyVisible } from '../modules/articles/index.js'

export const searchSorts = ['relevance', '-publishedAt'] as const
export type SearchSort = typeof searchSorts[number]

/** bm25 weights of the index columns, in their order: a title hit outweighs an excerpt hit, which outweighs a body hit. */
export const columnWeights = { title: 10, excerpt: 4, body: 1 } as const

const p = sql.placeholder
// selected as SQL: drizzle refuses column objects of a table it did not join itself
const articleId = sql<number>`articles.id`
const articleTitle = sql<string>`articles.title`

/*
 * Read model: search reads the articles table beside its own index (sanctioned in
 * .dependency-cruiser.cjs). Every match is checked against the article list's own visibility rule and filters (the
 * articles module's filterConditions), so search shows exactly what /v1/articles would. The index
 * is the outer loop (CROSS JOIN fixes the order): the planner would otherwise walk an edition's
 * articles and re-run the MATCH for each. Each match then needs its article's edition and
 * visible_from; the narrow (id, edition_id, visible_from) index answers that without reading
 * article rows, which are a page each — five times faster per match.
 */
const matches = sql.raw('search_index cross join articles indexed by articles_search_filter_idx on articles.id = search_index.rowid')
const titleMatches = sql.raw('search_titles cross join articles indexed by articles_search_filter_idx on articles.id = search_titles.rowid')
const bm25 = sql.raw(`bm25(search_index, ${columnWeights.title}, ${columnWeights.excerpt}, ${columnWeights.body})`)

const orderings: Record<SearchSort, SQL> = {
  // equal scores (republished copies of a story) go newest first
  relevance: sql`${bm25}, articles.visible_from desc, articles.id desc`,
  '-publishedAt': sql.raw('articles.visible_from desc, articles.id desc')
}

interface Statement<T> { all: (params: Record<string, unknown>) => T[], get: (params: Record<string, unknown>) => T | undefined }

const filterKey = (filter: ArticleFilter): string =>
  (Object.keys(filter) as Array<keyof ArticleFilter>).filter((k) => filter[k] !== undefined).sort().join(',')

/** The search statements, prepared once per combination of filters (the SQL never depends on values). */
export function createSearchStatements (db: Db) {
  const pages = new Map<string, Statement<{ id: number }>>()
  const counts = new Map<string, Statement<{ n: number }>>()
  const where = (filter: ArticleFilter) => and(sql`search_index match ${p('match')}`, ...filterConditions(filter))

  const suggestions = db.select({ id: articleId, title: articleTitle }).from(titleMatches)
    .where(and(sql`search_titles match ${p('match')}`, publiclyVisible, sql`(${p('editionId')} is null or ${articles.editionId} = ${p('editionId')})`))
    // newest-created first, which the index reads in that order: the scan stops at the limit
    .orderBy(sql`search_titles.rowid desc`).limit(p('limit')).prepare()

  const pending = db.$client.prepare('select exists (select 1 from search_pending) as pending').pluck()

  return {
    /** Ids of one page of matches, `limit` of them from position `offset`. */
    page (filter: ArticleFilter, sort: SearchSort, match: string, offset: number, limit: number, now: number): number[] {
      const key = `${filterKey(filter)}|${sort}`
      let statement = pages.get(key)
      if (statement === undefined) {
        statement = db.select({ id: articleId }).from(matches).where(where(filter)).orderBy(orderings[sort])
          .limit(p('limit')).offset(p('offset')).prepare()
        pages.set(key, statement)
      }
      return statement.all({ ...filterParams(filter, now), match, limit, offset }).map((row) => row.id)
    },

    count (filter: ArticleFilter, match: string, now: number): number {
      const key = filterKey(filter)
      let statement = counts.get(key)
      if (statement === undefined) {
        statement = db.select({ n: count() }).from(matches).where(where(filter)).prepare()
        counts.set(key, statement)
      }
      return statement.get({ ...filterParams(filter, now), match })?.n ?? 0
    },

    suggestions (match: string, editionId: number | null, limit: number, now: number): Array<{ id: number, title: string }> {
      return suggestions.all({ match, editionId, limit, now })
    },

    hasPending: (): boolean => pending.get() === 1
  }
}

export type SearchStatements = ReturnType<typeof createSearchStatements>
