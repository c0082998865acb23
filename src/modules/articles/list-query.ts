import { and, asc, count, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../db/connection.js'
import type { ContentVersion } from '../../db/content-version.js'
import { articles, type ContentStatus } from '../../db/schema.js'
import type { KeysetPosition } from '../../pagination/cursor.js'
import { numberedOrderBy, type NumberedOrder } from '../../pagination/numbered.js'
import { directionOf, keysetAfter, keysetParams, type KeysetDirection } from '../../pagination/keyset.js'
import { editorialRecordColumns, editorialRecordColumnsWithBody, recordColumns, recordColumnsWithBody, type ArticleRecord } from './records.js'
import type { ArticleSort } from './schemas.js'
import { publiclyVisible } from './visibility.js'

/** Filters after slugs have been resolved to ids by the owning services. */
export interface ArticleFilter {
  editionId?: number
  categoryIds?: number[]
  tagIds?: number[]
  authorId?: number
  featured?: boolean
  slug?: string
  publishedAfter?: number
  publishedBefore?: number
  /** The numbered (WordPress-compatible) reads' selections: only these ids, never these, any of these slugs or authors. */
  ids?: number[]
  excludeIds?: number[]
  slugs?: string[]
  authorIds?: number[]
  /** Editorial reads: every status unless `status` narrows them (see editorialStatusCondition). */
  editorial?: true
  status?: ContentStatus
}

interface SortSpec { column: typeof articles.visibleFrom | typeof articles.updatedAt | typeof articles.title, descending: boolean, value: (r: ArticleRecord) => number | string | null }

// The only mapping from a sort name to SQL: request strings never reach the query.
export const sortSpecs: Record<ArticleSort, SortSpec> = {
  // visible_from equals published_at for every visible row and is what the list indexes hold
  '-publishedAt': { column: articles.visibleFrom, descending: true, value: (r) => r.publishedAt },
  publishedAt: { column: articles.visibleFrom, descending: false, value: (r) => r.publishedAt },
  '-updatedAt': { column: articles.updatedAt, descending: true, value: (r) => r.updatedAt },
  title: { column: articles.title, descending: false, value: (r) => r.title }
}

const p = sql.placeholder

/** The numbered (WordPress-compatible) list's orders: `orderby` names mapped to columns, never SQL from the request. */
export const numberedSortColumns = {
  date: articles.visibleFrom,
  modified: articles.updatedAt,
  title: articles.title,
  slug: articles.slug,
  id: articles.id
} as const
export type NumberedArticleSort = keyof typeof numberedSortColumns | 'include'

/*
 * Editorial lists see drafts, whose publishedAt (and visible_from) is null, so the publishedAt
 * sorts order by publishedAt falling back to createdAt — the same value the article shows as its
 * publishedAt. These lists are for a handful of editors, so they sort without a dedicated index.
 */
const editorialPublishedAt = sql`coalesce(${articles.publishedAt}, ${articles.createdAt})`
export const editorialSortSpecs: Record<ArticleSort, { column: SQL | SortSpec['column'], descending: boolean, value: (r: ArticleRecord) => number | string | null }> = {
  '-publishedAt': { column: editorialPublishedAt, descending: true, value: (r) => r.publishedAt ?? r.createdAt },
  publishedAt: { column: editorialPublishedAt, descending: false, value: (r) => r.publishedAt ?? r.createdAt },
  '-updatedAt': sortSpecs['-updatedAt'],
  title: sortSpecs.title
}

/**
 * A status as readers see it: a scheduled article whose time has come is published (visible_from
 * makes it so without a job), one still in the future is scheduled.
 */
function editorialStatusCondition (status: ContentStatus): SQL {
  switch (status) {
    case 'published': return publiclyVisible
    case 'scheduled': return sql`${articles.visibleFrom} > ${p('now')}`
    default: return eq(articles.status, status)
  }
}

export function filterConditions (filter: ArticleFilter): SQL[] {
  const conditions: SQL[] = filter.editorial === true
    ? (filter.status !== undefined ? [editorialStatusCondition(filter.status)] : [])
    : [publiclyVisible]
  if (filter.editionId !== undefined) conditions.push(eq(articles.editionId, p('editionId')))
  if (filter.categoryIds !== undefined) {
    conditions.push(sql`exists (select 1 from article_categories ac where ac.article_id = ${articles.id} and ac.category_id in (select value from json_each(${p('categoryIds')})))`)
  }
  if (filter.tagIds !== undefined) {
    conditions.push(sql`exists (select 1 from article_tags at where at.article_id = ${articles.id} and at.tag_id in (select value from json_each(${p('tagIds')})))`)
  }
  if (filter.authorId !== undefined) {
    conditions.push(sql`exists (select 1 from article_authors aa where aa.article_id = ${articles.id} and aa.author_id = ${p('authorId')})`)
  }
  if (filter.featured !== undefined) conditions.push(eq(articles.featured, p('featured')))
  if (filter.slug !== undefined) conditions.push(eq(articles.slug, p('slug')))
  if (filter.publishedAfter !== undefined) conditions.push(gte(articles.visibleFrom, p('publishedAfter')))
  if (filter.publishedBefore !== undefined) conditions.push(lt(articles.visibleFrom, p('publishedBefore')))
  if (filter.ids !== undefined) conditions.push(sql`${articles.id} in (select value from json_each(${p('ids')}))`)
  if (filter.excludeIds !== undefined) conditions.push(sql`${articles.id} not in (select value from json_each(${p('excludeIds')}))`)
  if (filter.slugs !== undefined) conditions.push(sql`${articles.slug} in (select value from json_each(${p('slugs')}))`)
  if (filter.authorIds !== undefined) {
    conditions.push(sql`exists (select 1 from article_authors aa where aa.article_id = ${articles.id} and aa.author_id in (select value from json_each(${p('authorIds')})))`)
  }
  return conditions
}

const jsonOrUndefined = (values: readonly unknown[] | undefined): string | undefined => values === undefined ? undefined : JSON.stringify(values)

export function filterParams (filter: ArticleFilter, now: number): Record<string, unknown> {
  return {
    now,
    editionId: filter.editionId,
    categoryIds: filter.categoryIds !== undefined ? JSON.stringify(filter.categoryIds) : undefined,
    tagIds: filter.tagIds !== undefined ? JSON.stringify(filter.tagIds) : undefined,
    authorId: filter.authorId,
    featured: filter.featured === undefined ? undefined : filter.featured ? 1 : 0,
    slug: filter.slug,
    publishedAfter: filter.publishedAfter,
    publishedBefore: filter.publishedBefore,
    ids: jsonOrUndefined(filter.ids),
    excludeIds: jsonOrUndefined(filter.excludeIds),
    slugs: jsonOrUndefined(filter.slugs),
    authorIds: jsonOrUndefined(filter.authorIds)
  }
}

const shapeOf = (filter: ArticleFilter): string =>
  (Object.keys(filter) as Array<keyof ArticleFilter>).filter((k) => filter[k] !== undefined).sort()
    .map((k) => k === 'status' ? `status=${filter.status}` : k).join(',')

/**
 * Keyset list and count statements, prepared once per combination of filters, sort, direction
 * and body/no-body, then reused: the SQL text never depends on values, only on which filters are present.
 */
const COUNT_CACHE_SIZE = 2000

export function createArticleListQueries (db: Db, contentVersion: ContentVersion) {
  // Totals are cached per filter until the content version moves (any write, or a scheduled
  // article becoming due): counting an edition at 1M articles is a scan of ~250k index entries,
  // while checking the version is three index seeks.
  const counts = new Map<string, { version: string, total: number }>()
  const pageStatements = new Map<string, { all: (params: Record<string, unknown>) => ArticleRecord[] }>()
  const countStatements = new Map<string, { get: (params: Record<string, unknown>) => { n: number } | undefined }>()

  /** `offset`: the numbered-page form of the first page, skipping `:offset` rows (page-number.ts). */
  function pageStatement (filter: ArticleFilter, sort: ArticleSort, direction: KeysetDirection, withBody: boolean, offset = false) {
    const key = `${shapeOf(filter)}|${sort}|${direction}|${withBody ? 1 : 0}|${offset ? 'offset' : ''}`
    let statement = pageStatements.get(key)
    if (statement === undefined) {
      const spec = (filter.editorial === true ? editorialSortSpecs : sortSpecs)[sort]
      const keyset = keysetAfter({ key: spec.column, id: articles.id, descending: spec.descending }, direction)
      const columns = filter.editorial === true
        ? (withBody ? editorialRecordColumnsWithBody : editorialRecordColumns)
        : (withBody ? recordColumnsWithBody : recordColumns)
      const query = db.select(columns).from(articles)
        .where(and(...filterConditions(filter), keyset.where)).orderBy(...keyset.orderBy).limit(p('limit'))
      statement = offset ? query.offset(p('offset')).prepare() : query.prepare()
      pageStatements.set(key, statement)
    }
    return statement
  }

  const numberedStatements = new Map<string, { all: (params: Record<string, unknown>) => ArticleRecord[] }>()

  /** Public reads only: the numbered list serves the WordPress-compatible API, which shows nothing else. */
  function numberedStatement (filter: ArticleFilter, sort: NumberedArticleSort, order: NumberedOrder, withBody: boolean) {
    const key = `${shapeOf(filter)}|${sort}|${order}|${withBody ? 1 : 0}`
    let statement = numberedStatements.get(key)
    if (statement === undefined) {
      const by = sort === 'include' ? 'include' : numberedSortColumns[sort]
      const orderBy = sort === 'include'
        ? [order === 'asc' ? asc(sql`(select key from json_each(${p('ids')}) where value = ${articles.id})`) : desc(sql`(select key from json_each(${p('ids')}) where value = ${articles.id})`)]
        : numberedOrderBy(by, articles.id, order)
      statement = db.select(withBody ? recordColumnsWithBody : recordColumns).from(articles)
        .where(and(...filterConditions(filter))).orderBy(...orderBy).limit(p('limit')).offset(p('offset')).prepare()
      numberedStatements.set(key, statement)
    }
    return statement
  }

  function countStatement (filter: ArticleFilter) {
    const key = shapeOf(filter)
    let statement = countStatements.get(key)
    if (statement === undefined) {
      statement = db.select({ n: count() }).from(articles).where(and(...filterConditions(filter))).prepare()
      countStatements.set(key, statement)
    }
    return statement
  }

  return {
    /** Fetches `limit + 1` rows in the direction of travel (see assemblePage). */
    page (filter: ArticleFilter, sort: ArticleSort, position: KeysetPosition | null, limit: number, withBody: boolean, now: number): ArticleRecord[] {
      const params: Record<string, unknown> = { ...filterParams(filter, now), ...keysetParams(position), limit: limit + 1 }
      if (position !== null) {
        // SQLite does not turn a row-value comparison into an index range, so a deep page would
        // scan from the newest row down to the cursor. Walking toward older rows, the cursor's
        // publishedAt is an upper bound just like `now`: binding the smaller of the two as `now`
        // makes the index range start at the cursor, and the row value only settles ties.
        const spec = sortSpecs[sort]
        const towardOlder = spec.descending !== (position.direction === 'before')
        if (filter.editorial !== true && spec.column === articles.visibleFrom && towardOlder && typeof position.value === 'number') {
          params.now = Math.min(now, position.value)
        }
      }
      return pageStatement(filter, sort, directionOf(position), withBody).all(params)
    },
    /** `limit + 1` rows from `offset` in the list's own order: a numbered page of Quire's list (`page=N`). */
    pageAt (filter: ArticleFilter, sort: ArticleSort, offset: number, limit: number, withBody: boolean, now: number): ArticleRecord[] {
      return pageStatement(filter, sort, 'first', withBody, true).all({ ...filterParams(filter, now), limit: limit + 1, offset })
    },
    /** One numbered page (OFFSET): the WordPress-compatible API's `page`/`per_page`. */
    numbered (filter: ArticleFilter, sort: NumberedArticleSort, order: NumberedOrder, offset: number, limit: number, withBody: boolean, now: number): ArticleRecord[] {
      return numberedStatement(filter, sort, order, withBody).all({ ...filterParams(filter, now), limit, offset })
    },
    count (filter: ArticleFilter, now: number): number {
      const params = filterParams(filter, now)
      // editorial statuses depend on `now` beyond the content version only through visible_from, which the version covers
      const key = JSON.stringify([shapeOf(filter), params.editionId, params.categoryIds, params.tagIds, params.authorId, params.featured, params.slug, params.publishedAfter, params.publishedBefore, params.ids, params.excludeIds, params.slugs, params.authorIds])
      const version = contentVersion.at(now)
      const cached = counts.get(key)
      if (cached !== undefined && cached.version === version) return cached.total
      const total = countStatement(filter).get(params)?.n ?? 0
      if (counts.size >= COUNT_CACHE_SIZE) counts.delete(counts.keys().next().value as string)
      counts.set(key, { version, total })
      return total
    }
  }
}
