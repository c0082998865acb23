import type { Db } from '../db/connection.js'
import type { ContentVersion } from '../db/content-version.js'
import { InvalidInputError } from '../errors.js'
import type { ArticleFilter } from '../modules/articles/index.js'
import type { ArticleRecord } from '../modules/articles/index.js'
import type { ArticleService } from '../modules/articles/index.js'
import type { AuthorService } from '../modules/authors/index.js'
import type { CategoryService } from '../modules/categories/index.js'
import type { EditionService } from '../modules/editions/index.js'
import type { PageService } from '../modules/pages/index.js'
import type { TagService } from '../modules/tags/index.js'
import type { CursorCodec } from '../pagination/cursor.js'
import type { Page } from '../pagination/page.js'
import type { Clock } from '../time.js'
import { Highlighter } from './highlight.js'
import type { SearchHighlight, SearchHit, Suggestion } from './parent-types.js'
import { DEFAULT_SUGGESTIONS, MAX_RESULTS, MAX_SUGGESTIONS, MIN_PREFIX } from './limits.js'
import { applyPendingSearchUpdates } from './index-maintenance.js'
import { normalizeSearchText } from './normalize.js'
import { parseSearchQuery, type ParsedQuery } from './query.js'
import { createSearchStatements, type SearchSort, type SearchType } from './statements.js'
import { languageOfEdition, stemLanguages, type StemLanguage } from './word-forms.js'
import { DEFAULT_LIMIT } from '../pagination/limits.js'
import { htmlToWords } from '../editorial/html-text.js'

export interface SearchOptions {
  q: string
  edition?: string
  category?: string
  tag?: string
  author?: string
  publishedAfter?: string
  publishedBefore?: string
  /** Articles or pages only; both when absent. */
  type?: SearchType
  sort?: SearchSort
  limit?: number
  cursor?: string
}

export type { SearchHighlight, SearchHit, Suggestion }

export interface SearchServiceDeps {
  db: Db
  clock: Clock
  codec: CursorCodec
  contentVersion: ContentVersion
  editions: EditionService
  categories: CategoryService
  tags: TagService
  authors: AuthorService
  articles: ArticleService
  pages: PageService
}

const COUNT_CACHE_SIZE = 1000
const cursorSort = (sort: SearchSort) => `search:${sort}`
const collapseSpace = (text: string) => text.replace(/\s+/g, ' ').trim()

export function createSearchService (deps: SearchServiceDeps) {
  const { db, clock, codec, editions } = deps
  const statements = createSearchStatements(db)
  // totals cached per query and filter until the content version moves, as article list totals are
  const counts = new Map<string, { version: string, total: number }>()

  /** Writes made by connections without the indexing trigger are applied before they could be missed. */
  function catchUp (): void {
    if (statements.hasPending()) applyPendingSearchUpdates(db.$client)
  }

  /** The article list's own filter rule (slugs, dates, visibility), so search admits what /v1/articles would. */
  function resolveFilter ({ edition, category, tag, author, publishedAfter, publishedBefore }: SearchOptions): ArticleFilter | null {
    return deps.articles.resolveFilter({ edition, category, tag, author, publishedAfter, publishedBefore })
  }

  function total (filter: ArticleFilter, type: SearchType | undefined, match: string, now: number): number {
    const key = JSON.stringify([match, filter, type])
    const version = deps.contentVersion.at(now)
    const cached = counts.get(key)
    if (cached !== undefined && cached.version === version) return cached.total
    const value = statements.count(filter, type, match, now)
    if (counts.size >= COUNT_CACHE_SIZE) counts.delete(counts.keys().next().value as string)
    counts.set(key, { version, total: value })
    return value
  }

  /** The page window a cursor asks for: an `after` cursor starts past its item, a `before` cursor ends at it. */
  function windowOf (sort: SearchSort, limit: number, cursor: string | undefined): { offset: number, limit: number } {
    if (cursor === undefined) return { offset: 0, limit }
    const position = codec.decode(cursor, cursorSort(sort))
    if (typeof position.value !== 'number' || !Number.isInteger(position.value) || position.value < 0 || position.value >= MAX_RESULTS) {
      throw new InvalidInputError('The cursor is not valid for this request.', [{ name: 'query.cursor', reason: 'is malformed' }])
    }
    if (position.direction === 'after') return { offset: position.value + 1, limit }
    const offset = Math.max(0, position.value - limit)
    return { offset, limit: position.value - offset }
  }

  function highlightOf (record: { title: string, excerpt?: string | null, body?: string | null }, highlighter: Highlighter): SearchHighlight {
    const excerpt = collapseSpace(record.excerpt ?? '')
    const body = () => collapseSpace(htmlToWords(record.body ?? ''))
    const snippet = (excerpt !== '' && highlighter.has(excerpt) ? highlighter.mark(excerpt) : null) ??
      highlighter.snippet(body()) ??
      (excerpt !== '' ? highlighter.mark(excerpt) : highlighter.passage(body()))
    return { title: highlighter.mark(record.title), snippet }
  }

  /** The stemmer languages of a search: its edition's, or every one when it spans editions. */
  function languagesOf (edition: string | undefined): readonly StemLanguage[] {
    const language = edition === undefined ? null : languageOfEdition(edition)
    return language === null ? stemLanguages : [language]
  }

  /** Articles and pages by document key (see statements.ts), in key order; null where one stopped being visible. */
  function documentsOf (keys: readonly number[], highlighter: Highlighter): Array<SearchHit | null> {
    const articles = deps.articles.findRecordsByIds(keys.filter((key) => key > 0))
    const pages = deps.pages.findByIds(keys.filter((key) => key < 0).map((key) => -key))
    let a = 0
    let p = 0
    return keys.map((key) => {
      if (key > 0) {
        const record = articles[a++]
        return record === null || record === undefined ? null : { type: 'article', record, highlight: highlightOf(record, highlighter) }
      }
      const record = pages[p++]
      return record === null || record === undefined ? null : { type: 'page', record, highlight: highlightOf(record, highlighter) }
    })
  }

  function search (options: SearchOptions): Page<SearchHit> {
    const sort = options.sort ?? 'relevance'
    const requested = options.limit ?? DEFAULT_LIMIT
    const window = windowOf(sort, requested, options.cursor)
    const query = parseSearchQuery(options.q, { minPrefix: MIN_PREFIX, languages: languagesOf(options.edition) })
    const filter = resolveFilter(options)
    const now = clock().getTime()
    const match = filter === null ? null : query.match
    if (match !== null) catchUp()
    const size = Math.max(0, Math.min(window.limit, MAX_RESULTS - window.offset))
    // one row past the page proves there is a next one
    const keys = match === null || filter === null || size === 0 ? [] : statements.page(filter, options.type, sort, match, window.offset, size + 1, now)
    const found = match === null || filter === null ? 0 : total(filter, options.type, match, now)
    const highlighter = new Highlighter(query)
    const items: SearchHit[] = []
    const positions: number[] = []
    documentsOf(keys.slice(0, size), highlighter).forEach((hit, index) => {
      // a document can only be missing if it stopped being visible between the two statements
      if (hit === null) return
      items.push(hit)
      positions.push(window.offset + index)
    })
    const cursorAt = (index: number, direction: 'after' | 'before') => {
      const position = positions[index]
      const item = items[index]
      if (position === undefined || item === undefined) throw new RangeError(`no item ${index} on this page`)
      return codec.encode({ sort: cursorSort(sort), value: position, id: item.record.id, direction })
    }
    const hasNext = keys.length > size && window.offset + size < MAX_RESULTS
    return {
      items,
      total: found,
      limit: requested,
      nextCursor: hasNext && items.length > 0 ? cursorAt(items.length - 1, 'after') : null,
      prevCursor: window.offset > 0 && items.length > 0 ? cursorAt(0, 'before') : null,
      cursorAt: (index) => cursorAt(index, 'after')
    }
  }

  /**
   * Titles for search-as-you-type: every term must be in the title, the last one as a prefix of
   * any length. Newest first, one per distinct title (republished copies share a title).
   */
  function suggest (options: { q: string, edition?: string, limit?: number }): Suggestion[] {
    const limit = Math.min(options.limit ?? DEFAULT_SUGGESTIONS, MAX_SUGGESTIONS)
    const query: ParsedQuery = parseSearchQuery(options.q, { minPrefix: 1, exactOnly: true })
    const editionId = options.edition !== undefined ? editions.resolveFilter(options.edition).id : null
    if (query.match === null) return []
    catchUp()
    const rows = statements.suggestions(query.match, editionId, limit * 4, clock().getTime())
    const seen = new Set<string>()
    const chosen: number[] = []
    for (const row of rows) {
      const key = normalizeSearchText(row.title)
      if (seen.has(key)) continue
      seen.add(key)
      chosen.push(row.id)
      if (chosen.length === limit) break
    }
    const highlighter = new Highlighter(query)
    return deps.articles.findRecordsByIds(chosen)
      .filter((record): record is ArticleRecord => record !== null)
      .map((record) => ({ record, highlight: highlighter.mark(record.title) }))
  }

  /**
   * A numbered page of matches for the WordPress-compatible API's `search`: ids in rank (or date)
   * order from `offset`, and the total. The filter is the articles module's numbered filter.
   */
  function numbered (filter: ArticleFilter, q: string, sort: SearchSort, offset: number, limit: number): { ids: number[], total: number } {
    const query = parseSearchQuery(q, { minPrefix: MIN_PREFIX })
    if (query.match === null) return { ids: [], total: 0 }
    catchUp()
    const now = clock().getTime()
    const size = Math.max(0, Math.min(limit, MAX_RESULTS - offset))
    return { ids: size === 0 ? [] : statements.page(filter, 'articles', sort, query.match, offset, size, now), total: total(filter, 'articles', query.match, now) }
  }

  /**
   * Public articles of the same edition whose words are like the article's title: any of its terms,
   * by relevance (bm25). What a single article's `related` falls back on (modules/articles/neighbours.ts).
   */
  function similarArticleIds (article: { id: number, editionId: number, title: string }, excludeIds: readonly number[], limit: number): number[] {
    const edition = editions.findById(article.editionId)
    // a trailing space: no prefix match on the title's last word
    const query = parseSearchQuery(`${article.title} `, { minPrefix: MIN_PREFIX, languages: languagesOf(edition.code), anyTerm: true })
    if (query.match === null || limit < 1) return []
    catchUp()
    return statements.page({ editionId: article.editionId, excludeIds: [...excludeIds] }, 'articles', 'relevance', query.match, 0, limit, clock().getTime())
  }

  return { search, suggest, numbered, similarArticleIds }
}

export type SearchService = ReturnType<typeof createSearchService>
