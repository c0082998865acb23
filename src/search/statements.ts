import { and, count, or, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../db/connection.js'
import { articles, pages as pagesTable } from '../db/schema.js'
import { filterConditions, filterParams, type ArticleFilter } from '../modules/articles/index.js'
import { articleVisibility as publiclyVisible } from '../modules/articles/index.js'

export const searchSorts = ['relevance', '-publishedAt'] as const
export type SearchSort = typeof searchSorts[number]

/** What a search may be narrowed to; both when it is not. */
export const searchTypes = ['articles', 'pages'] as const
export type SearchType = typeof searchTypes[number]

/**
 * bm25 weights of the index columns, in their order: a title hit outweighs an excerpt hit, which
 * outweighs a body hit; and an exact word, which also matches its own form, outweighs another form
 * of it (the form columns weigh half their exact column).
 */
export const columnWeights = { title: 10, excerpt: 4, body: 1, titleForms: 5, excerptForms: 2, bodyForms: 0.5 } as const

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
const articleMatches = 'search_index cross join articles indexed by articles_search_filter_idx on articles.id = search_index.rowid'
// pages are indexed under minus their id (index-maintenance.ts)
const pageMatches = 'search_index cross join pages on pages.id = -search_index.rowid'
// both: one MATCH, each row looked up in both tables (the one it is not in answers at once from the key)
const anyMatches = 'search_index left join articles indexed by articles_search_filter_idx on articles.id = search_index.rowid ' +
  'left join pages on pages.id = -search_index.rowid'
const sources: Record<SearchType | 'all', SQL> = { articles: sql.raw(articleMatches), pages: sql.raw(pageMatches), all: sql.raw(anyMatches) }
const titleMatches = sql.raw('search_titles cross join articles indexed by articles_search_filter_idx on articles.id = search_titles.rowid')
const bm25 = sql.raw(`bm25(search_index, ${Object.values(columnWeights).join(', ')})`)
const visibleFrom = { articles: sql.raw('articles.visible_from'), pages: sql.raw('pages.visible_from'), all: sql.raw('coalesce(articles.visible_from, pages.visible_from)') }

// equal scores (republished copies of a story) go newest first
const orderings = (type: SearchType | 'all'): Record<SearchSort, SQL> => ({
  relevance: sql`${bm25}, ${visibleFrom[type]} desc, search_index.rowid desc`,
  '-publishedAt': sql`${visibleFrom[type]} desc, search_index.rowid desc`
})

/**
 * Pages pass the article filters that apply to them (edition, publication dates) and the same
 * visibility rule; a filter on categories, tags, authors or featured leaves them out.
 */
const pageFilterKeys = new Set(['editionId', 'publishedAfter', 'publishedBefore'])
function pageConditions (filter: ArticleFilter): SQL[] | null {
  const present = (Object.keys(filter) as Array<keyof ArticleFilter>).filter((k) => filter[k] !== undefined)
  if (present.some((k) => !pageFilterKeys.has(k))) return null
  const conditions: SQL[] = [sql`${pagesTable.visibleFrom} <= ${p('now')}`]
  if (filter.editionId !== undefined) conditions.push(sql`${pagesTable.editionId} = ${p('editionId')}`)
  if (filter.publishedAfter !== undefined) conditions.push(sql`${pagesTable.visibleFrom} >= ${p('publishedAfter')}`)
  if (filter.publishedBefore !== undefined) conditions.push(sql`${pagesTable.visibleFrom} < ${p('publishedBefore')}`)
  return conditions
}

/** Which tables a search reads, given its type and filters; null when nothing can match. */
function scopeOf (filter: ArticleFilter, type: SearchType | undefined): { source: SearchType | 'all', where: SQL } | null {
  const match = sql`search_index match ${p('match')}`
  const forPages = type === 'articles' ? null : pageConditions(filter)
  if (type === 'pages') return forPages === null ? null : { source: 'pages', where: and(match, ...forPages)! }
  if (forPages === null) return { source: 'articles', where: and(match, ...filterConditions(filter))! }
  return {
    source: 'all',
    where: and(match, or(and(sql`articles.id is not null`, ...filterConditions(filter)), and(sql`pages.id is not null`, ...forPages)))!
  }
}

interface Statement<T> { all: (params: Record<string, unknown>) => T[], get: (params: Record<string, unknown>) => T | undefined }

const filterKey = (filter: ArticleFilter): string =>
  (Object.keys(filter) as Array<keyof ArticleFilter>).filter((k) => filter[k] !== undefined).sort().join(',')

/** A result: an article's id, or minus a page's id (the index's rowid). */
export type DocumentKey = number

/** The search statements, prepared once per combination of filters and type (the SQL never depends on values). */
export function createSearchStatements (db: Db) {
  const pages = new Map<string, Statement<{ key: number }>>()
  const counts = new Map<string, Statement<{ n: number }>>()
  const documentKey = sql<number>`search_index.rowid`

  const suggestions = db.select({ id: articleId, title: articleTitle }).from(titleMatches)
    .where(and(sql`search_titles match ${p('match')}`, publiclyVisible, sql`(${p('editionId')} is null or ${articles.editionId} = ${p('editionId')})`))
    // newest-created first, which the index reads in that order: the scan stops at the limit
    .orderBy(sql`search_titles.rowid desc`).limit(p('limit')).prepare()

  const pending = db.$client.prepare('select exists (select 1 from search_pending) as pending').pluck()

  return {
    /** Document keys of one page of matches, `limit` of them from position `offset`. */
    page (filter: ArticleFilter, type: SearchType | undefined, sort: SearchSort, match: string, offset: number, limit: number, now: number): DocumentKey[] {
      const scope = scopeOf(filter, type)
      if (scope === null) return []
      const key = `${filterKey(filter)}|${type ?? 'all'}|${sort}`
      let statement = pages.get(key)
      if (statement === undefined) {
        statement = db.select({ key: documentKey }).from(sources[scope.source]).where(scope.where).orderBy(orderings(scope.source)[sort])
          .limit(p('limit')).offset(p('offset')).prepare()
        pages.set(key, statement)
      }
      return statement.all({ ...filterParams(filter, now), match, limit, offset }).map((row) => row.key)
    },

    count (filter: ArticleFilter, type: SearchType | undefined, match: string, now: number): number {
      const scope = scopeOf(filter, type)
      if (scope === null) return 0
      const key = `${filterKey(filter)}|${type ?? 'all'}`
      let statement = counts.get(key)
      if (statement === undefined) {
        statement = db.select({ n: count() }).from(sources[scope.source]).where(scope.where).prepare()
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
