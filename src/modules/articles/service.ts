import { and, eq, sql } from 'drizzle-orm'
import type { Db } from '../../db/connection.js'
import type { ContentVersion } from '../../db/content-version.js'
import { articles } from '../../db/schema.js'
import { NotFoundError } from '../../errors.js'
import type { CursorCodec } from '../../pagination/cursor.js'
import { assemblePage } from '../../pagination/keyset.js'
import type { Page } from '../../pagination/page.js'
import type { Clock } from '../../time.js'
import type { AuthorService } from '../authors/service.js'
import type { CategoryService } from '../categories/service.js'
import type { EditionService } from '../editions/service.js'
import type { MediaService } from '../media/service.js'
import type { TagService } from '../tags/service.js'
import { createArticleUrlBuilder } from './article-url.js'
import { createArticleListQueries, sortSpecs, type ArticleFilter } from './list-query.js'
import { recordColumnsWithBody, type ArticleRecord } from './records.js'
import { createArticleRelations } from './relations.js'
import type { ArticleField, ArticleInclude, ArticleSort } from './schemas.js'
import { createArticleShaper } from './shape.js'
import { publiclyVisible } from './visibility.js'

export interface ArticleListOptions {
  edition?: string
  category?: string
  tag?: string
  author?: string
  /** Author id: GraphQL's Author.articles and REST agree on one filter path. */
  authorId?: number
  featured?: boolean
  slug?: string
  publishedAfter?: string
  publishedBefore?: string
  sort?: ArticleSort
  limit?: number
  cursor?: string
}

export interface ArticleView {
  fields?: readonly ArticleField[]
  include?: readonly ArticleInclude[]
}

export interface ArticleServiceDeps {
  db: Db
  contentVersion: ContentVersion
  clock: Clock
  codec: CursorCodec
  articleUrlTemplate: string
  editions: EditionService
  categories: CategoryService
  authors: AuthorService
  tags: TagService
  media: MediaService
}

export function createArticleService (deps: ArticleServiceDeps) {
  const { db, clock, codec, editions } = deps
  const lists = createArticleListQueries(db, deps.contentVersion)
  const relations = createArticleRelations(db)
  const urlFor = createArticleUrlBuilder(deps.articleUrlTemplate)
  const shaper = createArticleShaper({ ...deps, relations, urlFor })

  const byId = db.select(recordColumnsWithBody).from(articles)
    .where(and(eq(articles.id, sql.placeholder('id')), publiclyVisible)).prepare()
  const bySlug = db.select(recordColumnsWithBody).from(articles)
    .where(and(eq(articles.editionId, sql.placeholder('editionId')), eq(articles.slug, sql.placeholder('slug')), publiclyVisible)).prepare()
  const byIds = db.select(recordColumnsWithBody).from(articles)
    .where(and(sql`${articles.id} in (select value from json_each(${sql.placeholder('ids')}))`, publiclyVisible)).prepare()

  const now = () => clock().getTime()

  /** Resolves slugs to ids through their services; null means a named filter matches nothing. */
  function resolveFilter (options: ArticleListOptions): ArticleFilter | null {
    const filter: ArticleFilter = {}
    if (options.edition !== undefined) filter.editionId = editions.resolveFilter(options.edition).id
    if (options.category !== undefined) {
      const categoryIds = deps.categories.descendantIdsBySlug(options.category, filter.editionId)
      if (categoryIds.length === 0) return null
      filter.categoryIds = categoryIds
    }
    if (options.tag !== undefined) {
      const tagIds = deps.tags.idsBySlug(options.tag, filter.editionId)
      if (tagIds.length === 0) return null
      filter.tagIds = tagIds
    }
    if (options.author !== undefined) {
      const authorId = deps.authors.idBySlug(options.author)
      if (authorId === null) return null
      filter.authorId = authorId
    }
    if (options.authorId !== undefined) {
      if (filter.authorId !== undefined && filter.authorId !== options.authorId) return null
      filter.authorId = options.authorId
    }
    if (options.featured !== undefined) filter.featured = options.featured
    if (options.slug !== undefined) filter.slug = options.slug
    if (options.publishedAfter !== undefined) filter.publishedAfter = Date.parse(options.publishedAfter)
    if (options.publishedBefore !== undefined) filter.publishedBefore = Date.parse(options.publishedBefore)
    return filter
  }

  function listRecords (options: ArticleListOptions, withBody = false): Page<ArticleRecord> {
    const sort = options.sort ?? '-publishedAt'
    const limit = options.limit ?? 20
    const position = options.cursor !== undefined ? codec.decode(options.cursor, sort) : null
    const filter = resolveFilter(options)
    const at = now()
    const rows = filter === null ? [] : lists.page(filter, sort, position, limit, withBody, at)
    const total = filter === null ? 0 : lists.count(filter, at)
    return assemblePage(rows, { limit, position }, { sort, sortValue: sortSpecs[sort].value, codec, total, map: (r) => r })
  }

  return {
    urlFor,
    listRecords,

    list (options: ArticleListOptions, view: ArticleView = {}): Page<Partial<import('./schemas.js').Article>> {
      const fields = view.fields ?? shaper.defaultListFields
      const page = listRecords(options, fields.includes('body'))
      return { ...page, items: shaper.shape(page.items, fields, view.include ?? [], now()) }
    },

    findById (id: number, view: ArticleView = {}) {
      const record = byId.get({ id, now: now() })
      if (record === undefined) throw new NotFoundError('article', id)
      return shaper.shape([record], view.fields ?? shaper.allFields, view.include ?? shaper.allIncludes, now())[0]!
    },

    findBySlug (editionCode: string, slug: string, view: ArticleView = {}) {
      const edition = editions.findByCode(editionCode)
      const record = bySlug.get({ editionId: edition.id, slug, now: now() })
      if (record === undefined) throw new NotFoundError('article', `${editionCode}/${slug}`)
      return shaper.shape([record], view.fields ?? shaper.allFields, view.include ?? shaper.allIncludes, now())[0]!
    },

    findRecordById (id: number): ArticleRecord {
      const record = byId.get({ id, now: now() })
      if (record === undefined) throw new NotFoundError('article', id)
      return record
    },

    findRecordBySlug (editionCode: string, slug: string): ArticleRecord {
      const edition = editions.findByCode(editionCode)
      const record = bySlug.get({ editionId: edition.id, slug, now: now() })
      if (record === undefined) throw new NotFoundError('article', `${editionCode}/${slug}`)
      return record
    },

    /** Batch finder for GraphQL node lookups: visible articles only, in key order. */
    findRecordsByIds (ids: readonly number[]): Array<ArticleRecord | null> {
      if (ids.length === 0) return []
      const rows = byIds.all({ ids: JSON.stringify([...new Set(ids)]), now: now() })
      const found = new Map(rows.map((r) => [r.id, r]))
      return ids.map((id) => found.get(id) ?? null)
    },

    authorIdsByArticleIds: relations.authorIds,
    categoryLinksByArticleIds: relations.categoryLinks,
    tagIdsByArticleIds: relations.tagIds,
    translationsOf: (items: ReadonlyArray<{ id: number, translationGroup: number | null }>) => relations.translations(items, now())
  }
}

export type ArticleService = ReturnType<typeof createArticleService>
