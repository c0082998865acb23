import { and, eq, sql } from 'drizzle-orm'
import type { Visibility } from '../../auth/permissions.js'
import type { Db } from '../../db/connection.js'
import { readSnapshot } from '../../db/read-snapshot.js'
import type { ContentVersion } from '../../db/content-version.js'
import { articles, slugRedirects, type ContentStatus } from '../../db/schema.js'
import type { ChangeLog } from '../../editorial/changes.js'
import type { LinkRemoval } from '../../editorial/link-removal.js'
import type { RevisionStore } from '../../editorial/revisions.js'
import type { RichTextSanitizer } from '../../editorial/sanitize.js'
import { InvalidInputError, NotFoundError } from '../../errors.js'
import type { CursorCodec } from '../../pagination/cursor.js'
import { assemblePage } from '../../pagination/keyset.js'
import { assembleNumberedPage, offsetOfPage, requirePageInRange, totalPagesOf } from '../../pagination/page-number.js'
import type { Page, PageNumbering } from '../../pagination/page.js'
import type { Clock } from '../../time.js'
import type { AuthorService } from '../authors/index.js'
import type { CategoryService } from '../categories/index.js'
import type { EditionService } from '../editions/index.js'
import type { MediaService } from '../media/index.js'
import type { TagService } from '../tags/index.js'
import type { FrontendUrls } from '../../frontend-urls.js'
import { shareLinksFor, type ShareLink, type ShareNetwork } from '../../editorial/share-links.js'
import { createCommentCounts, storedCommentStatus, type CommentPolicy } from './comment-policy.js'
import { createArticleFilterResolver, type ArticleFilterOptions } from './filters.js'
import { createArticleListQueries, editorialSortSpecs, sortSpecs, type ArticleFilter, type NumberedArticleSort } from './list-query.js'
import type { NumberedPage, NumberedWindow } from '../../pagination/numbered.js'
import { createArticleCommands } from './commands.js'
import { editorialRecordColumnsWithBody, recordColumnsWithBody, type ArticleRecord } from './records.js'
import { createArticleRelations } from './relations.js'
import { createArticleNeighbours, MAX_RELATED } from './neighbours.js'
import { createArticleChunker, type ArticleChunk } from './sitemap-chunks.js'
import type { ArticleField, ArticleInclude, ArticleSort } from './schemas.js'
import { createArticleShaper } from './shape.js'
import { publiclyVisible } from './visibility.js'
import { effectiveStatus } from '../../editorial/workflow.js'
import { DEFAULT_LIMIT } from '../../pagination/limits.js'
import { editionContentCounter } from '../../editorial/edition-content.js'
import { createAttachmentStore } from '../../editorial/attachments.js'
import { requireInstant, toIso } from '../../time.js'

export interface ArticleListOptions extends ArticleFilterOptions {
  sort?: ArticleSort
  limit?: number
  cursor?: string
  /** A numbered page instead of a cursor (pagination/page-number.ts). */
  page?: number
}

/**
 * A numbered page of public articles (the WordPress-compatible API): WordPress's filters on ids
 * (categories and tags directly, not their descendants, as WordPress does by default).
 */
export interface ArticleNumberedOptions extends NumberedWindow<NumberedArticleSort> {
  edition?: string
  categoryIds?: number[]
  tagIds?: number[]
  authorIds?: number[]
  /** WordPress's `sticky`: Quire's featured flag. */
  featured?: boolean
  /** Exclusive bounds, as WordPress's `after`/`before`; RFC 3339. */
  after?: string
  before?: string
  /** Parameter names for errors, so a bad date names the client's parameter. */
  names?: { edition?: string, after?: string, before?: string }
}

/** A page of the article list: every one says where it stands among numbered pages, however it was asked for. */
type ArticlePage<T> = Page<T> & { numbering: PageNumbering }

export interface ArticleView {
  fields?: readonly ArticleField[]
  include?: readonly ArticleInclude[]
}

export interface ArticleServiceDeps {
  db: Db
  contentVersion: ContentVersion
  clock: Clock
  codec: CursorCodec
  urls: Pick<FrontendUrls, 'article' | 'author'>
  /** The networks of an edition's share links (site settings). */
  shareNetworksOf: (editionId: number) => readonly ShareNetwork[]
  editions: EditionService
  categories: CategoryService
  authors: AuthorService
  tags: TagService
  media: MediaService
  // the write side's collaborators, one set shared by every module (createServices)
  sanitize: RichTextSanitizer
  changeLog: ChangeLog
  revisions: RevisionStore
  menuLinks: LinkRemoval
  /** The comments module's rule (edition default, close after N days); the stored setting without it. */
  commentPolicy?: CommentPolicy
  /**
   * Search's similar articles (full-text, by the article's title), to fill `related` when shared
   * categories and tags give fewer than asked: public ids of the same edition, best first.
   */
  similarArticleIds?: (article: { id: number, editionId: number, title: string }, excludeIds: readonly number[], limit: number) => number[]
}

/** What a single article may embed beyond its relations: its neighbours (REST `include=adjacent,related`). */
export interface NeighbourView {
  adjacent?: boolean
  related?: boolean
  /** previous/next within the primary category instead of the edition. */
  sameCategory?: boolean
}

/** How many related articles REST embeds and GraphQL's `related` gives by default. */
export const DEFAULT_RELATED = 5

export function createArticleService (deps: ArticleServiceDeps) {
  const { db, clock, codec, editions } = deps
  const lists = createArticleListQueries(db, deps.contentVersion)
  const relations = createArticleRelations(db)
  const attachments = createAttachmentStore(db, 'article')
  const neighbours = createArticleNeighbours(db)
  const urlFor = deps.urls.article
  const commentStatusOf = deps.commentPolicy ?? storedCommentStatus
  const shaper = createArticleShaper({ ...deps, relations, attachments, urlFor, authorUrl: deps.urls.author, commentStatusOf })

  const byId = db.select(recordColumnsWithBody).from(articles)
    .where(and(eq(articles.id, sql.placeholder('id')), publiclyVisible)).prepare()
  const bySlug = db.select(recordColumnsWithBody).from(articles)
    .where(and(eq(articles.editionId, sql.placeholder('editionId')), eq(articles.slug, sql.placeholder('slug')), publiclyVisible)).prepare()
  const byIds = db.select(recordColumnsWithBody).from(articles)
    .where(and(sql`${articles.id} in (select value from json_each(${sql.placeholder('ids')}))`, publiclyVisible)).prepare()
  // editorial reads: any status, with the workflow state and version
  const editorialById = db.select(editorialRecordColumnsWithBody).from(articles).where(eq(articles.id, sql.placeholder('id'))).prepare()
  const editorialBySlug = db.select(editorialRecordColumnsWithBody).from(articles)
    .where(and(eq(articles.editionId, sql.placeholder('editionId')), eq(articles.slug, sql.placeholder('slug')))).prepare()
  const editorialByIds = db.select(editorialRecordColumnsWithBody).from(articles)
    .where(sql`${articles.id} in (select value from json_each(${sql.placeholder('ids')}))`).prepare()
  const states = db.select({ id: articles.id, status: articles.status, publishedAt: articles.publishedAt, version: articles.version }).from(articles)
    .where(sql`${articles.id} in (select value from json_each(${sql.placeholder('ids')}))`).prepare()
  const redirect = db.select({ slug: articles.slug, visibleFrom: articles.visibleFrom }).from(slugRedirects)
    .innerJoin(articles, eq(articles.id, slugRedirects.articleId))
    .where(and(eq(slugRedirects.editionId, sql.placeholder('editionId')), eq(slugRedirects.oldSlug, sql.placeholder('slug')))).prepare()
  const commands = createArticleCommands({
    db,
    clock,
    editions,
    categories: deps.categories,
    authors: deps.authors,
    tags: deps.tags,
    media: deps.media,
    sanitize: deps.sanitize,
    changeLog: deps.changeLog,
    revisions: deps.revisions,
    menuLinks: deps.menuLinks,
    attachments
  })

  const now = () => clock().getTime()

  const resolveFilter = createArticleFilterResolver(deps)

  const chunkArticles = createArticleChunker({ db, codec })

  function listRecords (options: ArticleListOptions, withBody = false, visibility: Visibility = 'public'): ArticlePage<ArticleRecord> {
    const sort = options.sort ?? '-publishedAt'
    const limit = options.limit ?? DEFAULT_LIMIT
    const sortValue = visibility === 'editorial' ? editorialSortSpecs[sort].value : sortSpecs[sort].value
    if (options.page !== undefined) {
      // the cap and the cursor clash are refused before any filter is resolved or row read
      const offset = offsetOfPage(options.page, limit, options.cursor)
      const filter = resolveFilter(options, visibility)
      const at = now()
      const total = filter === null ? 0 : lists.count(filter, at)
      requirePageInRange(options.page, totalPagesOf(total, limit))
      const rows = filter === null ? [] : lists.pageAt(filter, sort, offset, limit, withBody, at)
      return assembleNumberedPage(rows, { page: options.page, limit }, { sort, sortValue, codec, total, map: (r) => r })
    }
    const position = options.cursor !== undefined ? codec.decode(options.cursor, sort) : null
    const filter = resolveFilter(options, visibility)
    const at = now()
    const rows = filter === null ? [] : lists.page(filter, sort, position, limit, withBody, at)
    const total = filter === null ? 0 : lists.count(filter, at)
    const page = assemblePage(rows, { limit, position }, { sort, sortValue, codec, total, map: (r) => r })
    return { ...page, numbering: { page: null, totalPages: totalPagesOf(total, limit) } }
  }

  function findRecord (id: number, visibility: Visibility): ArticleRecord {
    const record = visibility === 'editorial' ? editorialById.get({ id }) : byId.get({ id, now: now() })
    if (record === undefined) throw new NotFoundError('article', id)
    return record
  }

  function findRecordBySlug (editionCode: string, slug: string, visibility: Visibility): ArticleRecord {
    const edition = editions.findByCode(editionCode)
    const record = visibility === 'editorial' ? editorialBySlug.get({ editionId: edition.id, slug }) : bySlug.get({ editionId: edition.id, slug, now: now() })
    if (record === undefined) throw new NotFoundError('article', `${editionCode}/${slug}`)
    return record
  }

  /** The numbered reads' filter: ids as WordPress names them, exclusive date bounds; public articles only. */
  function numberedFilter (options: Omit<ArticleNumberedOptions, keyof NumberedWindow<string>> & Partial<NumberedWindow<string>>): ArticleFilter {
    const filter: ArticleFilter = {}
    const names = options.names ?? {}
    if (options.edition !== undefined) filter.editionId = editions.resolveFilter(options.edition, names.edition ?? 'query.edition').id
    // exclusive bounds at millisecond precision: after T is at or after T + 1 ms
    if (options.after !== undefined) filter.publishedAfter = requireInstant(options.after, names.after ?? 'query.after') + 1
    if (options.before !== undefined) filter.publishedBefore = requireInstant(options.before, names.before ?? 'query.before')
    if (options.categoryIds !== undefined) filter.categoryIds = [...options.categoryIds]
    if (options.tagIds !== undefined) filter.tagIds = [...options.tagIds]
    if (options.authorIds !== undefined) filter.authorIds = [...options.authorIds]
    if (options.featured !== undefined) filter.featured = options.featured
    if (options.ids !== undefined) filter.ids = [...options.ids]
    if (options.excludeIds !== undefined) filter.excludeIds = [...options.excludeIds]
    if (options.slugs !== undefined) filter.slugs = [...options.slugs]
    return filter
  }

  const shapeOne = (record: ArticleRecord, view: ArticleView, visibility: Visibility) =>
    shaper.shape([record], view.fields ?? shaper.allFields, view.include ?? shaper.allIncludes, now(), visibility === 'editorial')[0]!

  /** Previous (older) and next (newer) public articles of the record's edition or primary category. */
  function adjacentOf (record: ArticleRecord, sameCategory = false): { previous: ArticleRecord | null, next: ArticleRecord | null } {
    const ids = neighbours.adjacent(record, sameCategory, now())
    const [previous = null, next = null] = findRecordsByIds([ids.previous ?? 0, ids.next ?? 0])
    return { previous, next }
  }

  /** Up to `limit` related public articles: shared categories and tags first, then search's similar ones. */
  function relatedOf (record: ArticleRecord, limit = DEFAULT_RELATED): ArticleRecord[] {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_RELATED) {
      throw new InvalidInputError(`"first" must be between 1 and ${MAX_RELATED}.`, [{ name: 'first', reason: `must be between 1 and ${MAX_RELATED}` }])
    }
    const ids = neighbours.related(record, limit, now())
    if (ids.length < limit && deps.similarArticleIds !== undefined) {
      ids.push(...deps.similarArticleIds(record, [record.id, ...ids], limit - ids.length))
    }
    return findRecordsByIds(ids).filter((found): found is ArticleRecord => found !== null)
  }

  function findRecordsByIds (ids: readonly number[], visibility: Visibility = 'public'): Array<ArticleRecord | null> {
    if (ids.length === 0) return []
    const json = JSON.stringify([...new Set(ids)])
    const rows = visibility === 'editorial' ? editorialByIds.all({ ids: json }) : byIds.all({ ids: json, now: now() })
    const found = new Map(rows.map((r) => [r.id, r]))
    return ids.map((id) => found.get(id) ?? null)
  }

  /** The neighbours REST embeds: small cards (id, edition, slug, title, url, publishedAt, featured image). */
  function neighbourCards (records: Array<ArticleRecord | null>) {
    const present = records.filter((r): r is ArticleRecord => r !== null)
    const media = new Map(deps.media.findByIds(present.map((r) => r.featuredMediaId).filter((id): id is number => id !== null))
      .filter((m) => m !== null).map((m) => [m.id, m]))
    return records.map((r) => r === null ? null : {
      id: r.id,
      edition: editions.findById(r.editionId).code,
      slug: r.slug,
      title: r.title,
      url: urlFor(editions.findById(r.editionId).code, r.slug),
      publishedAt: toIso(r.publishedAt ?? r.createdAt),
      featuredMedia: r.featuredMediaId === null ? null : media.get(r.featuredMediaId) ?? null
    })
  }

  /** A shaped single article with the neighbours `neighbourView` names. */
  function withNeighbours<T extends object> (article: T, record: ArticleRecord, neighbourView: NeighbourView) {
    const out: T & { previous?: unknown, next?: unknown, related?: unknown } = { ...article }
    if (neighbourView.adjacent === true) {
      const { previous, next } = adjacentOf(record, neighbourView.sameCategory === true)
      const [previousCard, nextCard] = neighbourCards([previous, next])
      out.previous = previousCard ?? null
      out.next = nextCard ?? null
    }
    if (neighbourView.related === true) out.related = neighbourCards(relatedOf(record))
    return out
  }

  return {
    countByEdition: editionContentCounter(db, articles),
    urlFor,
    /** An article's share links (GraphQL's `shareLinks`; REST's come from the shaper). */
    shareLinksOf: (record: Pick<ArticleRecord, 'editionId' | 'slug' | 'title'>): ShareLink[] =>
      shareLinksFor(deps.shareNetworksOf(record.editionId), urlFor(editions.findById(record.editionId).code, record.slug), record.title),
    listRecords,
    commentStatusOf,
    /** Kept by the comments module's writes (see comment-policy.ts). */
    commentCounts: createCommentCounts(db),
    /** The article list's filter rule, for search: the same slugs, dates and visibility. */
    resolveFilter,

    list (options: ArticleListOptions, view: ArticleView = {}, visibility: Visibility = 'public'): ArticlePage<Partial<import('./schemas.js').Article>> {
      const fields = view.fields ?? shaper.defaultListFields
      const page = listRecords(options, fields.includes('body'), visibility)
      return { ...page, items: shaper.shape(page.items, fields, view.include ?? [], now(), visibility === 'editorial') }
    },

    numberedFilter,

    /** Public articles only, numbered pages (OFFSET), shaped with `view.fields` (every field by default). */
    listNumbered (options: ArticleNumberedOptions, view: ArticleView = {}): NumberedPage<Partial<import('./schemas.js').Article>> {
      const filter = numberedFilter(options)
      const sort = options.orderBy === 'include' && filter.ids === undefined ? 'id' : options.orderBy
      const fields = view.fields ?? shaper.allFields
      const at = now()
      const records = lists.numbered(filter, sort, options.order, options.offset, options.limit, fields.includes('body'), at)
      return { items: shaper.shape(records, fields, view.include ?? [], at), total: lists.count(filter, at) }
    },

    /** How many public articles a numbered read would page through (a WordPress term's `count`). */
    countPublic: (options: Omit<ArticleNumberedOptions, keyof NumberedWindow<string>>): number => lists.count(numberedFilter(options), now()),

    findById (id: number, view: ArticleView = {}, visibility: Visibility = 'public', neighbourView: NeighbourView = {}) {
      return readSnapshot(db.$client, () => {
        const record = findRecord(id, visibility)
        return withNeighbours(shapeOne(record, view, visibility), record, neighbourView)
      })
    },

    findBySlug (editionCode: string, slug: string, view: ArticleView = {}, visibility: Visibility = 'public') {
      return shapeOne(findRecordBySlug(editionCode, slug, visibility), view, visibility)
    },

    /**
     * The article at a slug, or where an old slug now points: a published article keeps
     * answering at the slugs it had (GET …/articles/{oldSlug} is a 301 to the current one).
     */
    findBySlugOrRedirect (editionCode: string, slug: string, view: ArticleView = {}, visibility: Visibility = 'public', neighbourView: NeighbourView = {}): { article: Partial<import('./schemas.js').Article> } | { movedTo: string } {
      return readSnapshot(db.$client, () => {
        const edition = editions.findByCode(editionCode)
        const record = visibility === 'editorial' ? editorialBySlug.get({ editionId: edition.id, slug }) : bySlug.get({ editionId: edition.id, slug, now: now() })
        if (record !== undefined) return { article: withNeighbours(shapeOne(record, view, visibility), record, neighbourView) }
        const target = redirect.get({ editionId: edition.id, slug })
        if (target !== undefined && (visibility === 'editorial' || (target.visibleFrom !== null && target.visibleFrom <= now()))) return { movedTo: target.slug }
        throw new NotFoundError('article', `${editionCode}/${slug}`)
      })
    },

    findRecordById: (id: number, visibility: Visibility = 'public'): ArticleRecord => findRecord(id, visibility),
    findRecordBySlug: (editionCode: string, slug: string, visibility: Visibility = 'public'): ArticleRecord => findRecordBySlug(editionCode, slug, visibility),

    /** Batch finder for GraphQL node lookups: visible articles only (unless editorial), in key order. */
    findRecordsByIds,

    adjacentOf,
    relatedOf,

    /** An edition's published articles in sitemap-sized chunks, oldest first (see sitemap-chunks.ts). */
    chunks (editionCode: string, size: number): ArticleChunk[] {
      return chunkArticles(editions.findByCode(editionCode).id, size, now())
    },

    /** Batch finder shaped like list items (every field unless `view` narrows it; relations as ids unless `include` embeds them), in key order. */
    findByIds (ids: readonly number[], view: ArticleView = {}, visibility: Visibility = 'public'): Array<Partial<import('./schemas.js').Article> | null> {
      if (ids.length === 0) return []
      const json = JSON.stringify([...new Set(ids)])
      const records = visibility === 'editorial' ? editorialByIds.all({ ids: json }) : byIds.all({ ids: json, now: now() })
      const shaped = new Map(shaper.shape(records, view.fields ?? shaper.allFields, view.include ?? [], now(), visibility === 'editorial').map((a) => [a.id, a]))
      return ids.map((id) => shaped.get(id) ?? null)
    },

    /** Workflow state and version of each article (any status), for GraphQL's `status` and `version`; in key order. */
    statesByIds (ids: readonly number[]): Array<{ status: ContentStatus, version: number } | null> {
      if (ids.length === 0) return []
      const found = new Map(states.all({ ids: JSON.stringify([...new Set(ids)]) }).map((r) => [r.id, r]))
      const at = now()
      return ids.map((id) => {
        const r = found.get(id)
        return r === undefined ? null : { status: effectiveStatus(r.status, r.publishedAt, at), version: r.version }
      })
    },

    /** A record's status as readers see it (scheduled and due is published); public records are visible, hence published. */
    effectiveStatusOf: (record: ArticleRecord): ContentStatus => record.status === undefined ? 'published' : effectiveStatus(record.status, record.publishedAt, now()),

    // writes: see commands.ts
    ...commands,

    /** Bodies of articles already read (GraphQL reads lists without them), by id. */
    bodiesByIds: relations.bodies,
    authorIdsByArticleIds: relations.authorIds,
    categoryLinksByArticleIds: relations.categoryLinks,
    tagIdsByArticleIds: relations.tagIds,
    /** Each article's attachments in order (media ids and labels), one statement for the batch. */
    attachmentsByArticleIds: attachments.linksOf,
    translationsOf: (items: ReadonlyArray<{ id: number, translationGroup: number | null }>, visibility: Visibility = 'public') => relations.translations(items, now(), visibility === 'editorial')
  }
}

export type ArticleService = ReturnType<typeof createArticleService>
