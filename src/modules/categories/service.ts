import { and, asc, count, eq, getTableColumns, isNull, sql } from 'drizzle-orm'
import { type Visibility, showsVersion } from '../../auth/permissions.js'
import type { Db } from '../../db/connection.js'
import { createCommitMemo, createCommitStamp } from '../../db/commit-memo.js'
import type { ChangeLog } from '../../editorial/changes.js'
import { categories } from '../../db/schema.js'
import { InvalidInputError, NotFoundError } from '../../errors.js'
import type { CursorCodec } from '../../pagination/cursor.js'
import { assemblePage, directionOf, keysetAfter, keysetParams, type KeysetDirection } from '../../pagination/keyset.js'
import type { Page } from '../../pagination/page.js'
import { containsText, numberedOrderBy, selectionConditions, type NumberedPage, type NumberedWindow } from '../../pagination/numbered.js'
import { toIso, type Clock } from '../../time.js'
import type { EditionService } from '../editions/index.js'
import { createCategoryCommands, type CategorizedContent } from './commands.js'
import type { Category, CategoryNode, CategoryRef } from './schemas.js'
import { createArticleCounts } from '../../editorial/article-counts.js'
import { editionContentCounter } from '../../editorial/edition-content.js'
import type { LinkRemoval } from '../../editorial/link-removal.js'
import type { FrontendUrls } from '../../frontend-urls.js'

/** A numbered page of categories (the WordPress-compatible API): by edition, parent, ids, slugs, name search. */
export interface CategoryNumberedOptions extends NumberedWindow<'id' | 'name' | 'slug' | 'include'> {
  edition?: string
  /** 0 for top-level categories, as WordPress names the root. */
  parent?: number
  search?: string
}

export interface CategoryListOptions {
  edition?: string
  parent?: number | 'root'
  limit: number
  cursor?: string
}

interface FilterShape { edition: boolean, parent: 'any' | 'root' | 'id' }

const columns = {
  ...getTableColumns(categories),
  // Translations ride along as a correlated subquery so every read of a Category is one statement.
  // Raw names because drizzle leaves columns unqualified in single-table selects, which would
  // make the correlation ambiguous.
  translations: sql<string>`(select json_group_array(json_array(t.id, t.edition_id, t.slug, t.name) order by t.edition_id)
    from categories t where t.translation_group = categories.translation_group and t.id <> categories.id)`
}
type CategoryRow = typeof categories.$inferSelect & { translations: string }

const inIds = sql`${categories.id} in (select value from json_each(${sql.placeholder('ids')}))`
const json = (ids: readonly number[]) => JSON.stringify([...new Set(ids)])

function filterOf (shape: FilterShape) {
  return and(
    shape.edition ? eq(categories.editionId, sql.placeholder('editionId')) : undefined,
    shape.parent === 'root'
      ? isNull(categories.parentId)
      : shape.parent === 'id' ? eq(categories.parentId, sql.placeholder('parentId')) : undefined
  )
}

const listOrder = { key: categories.position, id: categories.id, descending: false }

export function createCategoryService ({ db, clock, codec, editions, urls, changeLog, menuLinks, categorized }: { db: Db, clock: Clock, codec: CursorCodec, editions: EditionService, urls: Pick<FrontendUrls, 'category'>, changeLog: ChangeLog, menuLinks: LinkRemoval, categorized: () => CategorizedContent }) {
  const byId = db.select(columns).from(categories).where(eq(categories.id, sql.placeholder('id'))).prepare()
  const bySlug = db.select(columns).from(categories)
    .where(and(eq(categories.editionId, sql.placeholder('editionId')), eq(categories.slug, sql.placeholder('slug')))).prepare()
  const byIds = db.select(columns).from(categories).where(inIds).prepare()
  const refsByIds = db.select({
    id: categories.id, editionId: categories.editionId, slug: categories.slug, name: categories.name, parentId: categories.parentId
  }).from(categories).where(inIds).prepare()
  const byEdition = db.select(columns).from(categories).where(eq(categories.editionId, sql.placeholder('editionId')))
    .orderBy(asc(categories.position), asc(categories.id)).prepare()
  const childrenOf = db.select(columns).from(categories)
    .where(sql`${categories.parentId} in (select value from json_each(${sql.placeholder('ids')}))`)
    .orderBy(asc(categories.parentId), asc(categories.position), asc(categories.id)).prepare()
  // `union` (not `union all`) stops the walk if bad data ever forms a parent cycle.
  const descendants = (scoped: boolean) => db.select({ id: categories.id }).from(categories).where(sql`${categories.id} in (
    with recursive subtree(id) as (
      select id from categories where slug = ${sql.placeholder('slug')}
        ${scoped ? sql`and edition_id = ${sql.placeholder('editionId')}` : sql``}
      union
      select child.id from categories child join subtree on child.parent_id = subtree.id
    ) select id from subtree)`).orderBy(asc(categories.id)).prepare()
  const descendantsInEdition = descendants(true)
  const descendantsAnywhere = descendants(false)

  // One statement per filter shape and direction, each prepared on first use and kept: a single
  // statement with `? is null or …` filters would stop SQLite from using categories_edition_parent_idx.
  const prepareList = (shape: FilterShape, direction: KeysetDirection) => {
    const keyset = keysetAfter(listOrder, direction)
    return db.select(columns).from(categories).where(and(filterOf(shape), keyset.where)).orderBy(...keyset.orderBy).limit(sql.placeholder('limit')).prepare()
  }
  const prepareCount = (shape: FilterShape) => db.select({ n: count() }).from(categories).where(filterOf(shape)).prepare()
  const listStatements = new Map<string, ReturnType<typeof prepareList>>()
  const countStatements = new Map<string, ReturnType<typeof prepareCount>>()

  const editionCode = (editionId: number) => editions.findById(editionId).code
  // every article response embeds its categories: kept until the database changes (db/commit-memo.ts)
  const refs = createCommitMemo(createCommitStamp(db), (ids: number[]) => new Map(refsByIds.all({ ids: json(ids) }).map((row): [number, CategoryRef] => [row.id, {
    id: row.id, edition: editionCode(row.editionId), slug: row.slug, name: row.name, parentId: row.parentId, url: urls.category(editionCode(row.editionId), row.slug)
  }])))

  const articleCounts = createArticleCounts(db)

  function toUncountedCategory (row: CategoryRow): Omit<Category, 'articleCount'> {
    const translations = JSON.parse(row.translations) as Array<[number, number, string, string]>
    return {
      id: row.id,
      edition: editionCode(row.editionId),
      parentId: row.parentId,
      slug: row.slug,
      name: row.name,
      description: row.description,
      position: row.position,
      url: urls.category(editionCode(row.editionId), row.slug),
      translations: translations.map(([id, editionId, slug, name]) => ({ id, edition: editionCode(editionId), slug, name, url: urls.category(editionCode(editionId), slug) })),
      createdAt: toIso(row.createdAt),
      updatedAt: toIso(row.updatedAt)
    }
  }
  const toCategory = (row: CategoryRow, articleCount: number): Category => ({ ...toUncountedCategory(row), articleCount })

  // GraphQL's article categories: everything but the count (which moves with the clock, as scheduled
  // articles fall due), kept until the database changes; Category.articleCount loads counts when asked
  const uncounted = createCommitMemo(createCommitStamp(db), (ids: number[]) =>
    new Map(byIds.all({ ids: json(ids) }).map((row): [number, Omit<Category, 'articleCount'>] => [row.id, toUncountedCategory(row)])))

  /** Rows as categories, their article counts read for the whole batch at once. */
  function toCategories (rows: readonly CategoryRow[]): Category[] {
    const counts = articleCounts.byCategoryIds(rows.map((row) => row.id), clock().getTime())
    return rows.map((row) => toCategory(row, counts.get(row.id) ?? 0))
  }

  // with `editorial` visibility (an API key) the item carries its version, the ETag If-Match names
  const visible = (row: CategoryRow, visibility: Visibility): Category => {
    const [category] = toCategories([row]) as [Category]
    return showsVersion(visibility) ? { ...category, version: row.version } : category
  }

  return {
    countByEdition: editionContentCounter(db, categories),
    ...createCategoryCommands({ db, clock, changeLog, editions, menuLinks, categorized }),

    findById (id: number, visibility: Visibility = 'public'): Category {
      const row = byId.get({ id })
      if (row === undefined) throw new NotFoundError('category', id)
      return visible(row, visibility)
    },

    findBySlug (editionCode: string, slug: string, visibility: Visibility = 'public'): Category {
      const row = bySlug.get({ editionId: editions.findByCode(editionCode).id, slug })
      if (row === undefined) throw new NotFoundError('category', slug)
      return visible(row, visibility)
    },

    /** Batch finder for GraphQL loaders: one statement, answers in key order. */
    findByIds (ids: readonly number[]): Array<Category | null> {
      if (ids.length === 0) return []
      const found = new Map(toCategories(byIds.all({ ids: json(ids) })).map((category) => [category.id, category]))
      return ids.map((id) => found.get(id) ?? null)
    },

    /** Batch finder for article embeds: one statement, answers in key order. */
    findRefsByIds: refs,

    /** Batch finder without `articleCount`, kept in memory until the database changes; in key order. */
    findUncountedByIds: uncounted,

    /** Public articles filed in each category (not its subcategories), one batch; 0 for none. */
    articleCountsByIds: (ids: readonly number[]): Map<number, number> => articleCounts.byCategoryIds(ids, clock().getTime()),

    /** Children of each parent in (position, id) order, one statement for all parents, in key order. */
    childrenByParentIds (parentIds: readonly number[]): Category[][] {
      if (parentIds.length === 0) return []
      const groups = new Map<number, Category[]>()
      for (const category of toCategories(childrenOf.all({ ids: json(parentIds) }))) {
        const parentId = category.parentId as number
        let group = groups.get(parentId)
        if (group === undefined) groups.set(parentId, group = [])
        group.push(category)
      }
      return parentIds.map((id) => groups.get(id) ?? [])
    },

    /** The categories with this slug and all their descendants, for "articles in this section" filters. */
    descendantIdsBySlug (slug: string, editionId?: number): number[] {
      const rows = editionId === undefined
        ? descendantsAnywhere.all({ slug })
        : descendantsInEdition.all({ slug, editionId })
      return rows.map((row) => row.id)
    },

    tree (editionCode: string): CategoryNode[] {
      const rows = byEdition.all({ editionId: editions.findByCode(editionCode).id })
      const ids = new Set(rows.map((row) => row.id))
      const shaped = new Map(toCategories(rows).map((category) => [category.id, category]))
      const childrenOfNode = new Map<number | null, CategoryRow[]>()
      for (const row of rows) {
        // A parent outside this edition cannot be shown in this tree, so its child becomes a root.
        const parent = row.parentId !== null && ids.has(row.parentId) ? row.parentId : null
        const siblings = childrenOfNode.get(parent)
        if (siblings === undefined) childrenOfNode.set(parent, [row])
        else siblings.push(row)
      }
      // Built top-down from the roots, so rows caught in a parent cycle are left out instead of
      // producing a cyclic object the serializer would never finish.
      const build = (parent: number | null): CategoryNode[] =>
        (childrenOfNode.get(parent) ?? []).map((row) => ({ ...shaped.get(row.id) as Category, children: build(row.id) }))
      return build(null)
    },

    listNumbered (options: CategoryNumberedOptions): NumberedPage<Category> {
      const edition = options.edition !== undefined ? editions.resolveFilter(options.edition, 'query.lang').id : undefined
      const where = and(
        edition !== undefined ? eq(categories.editionId, edition) : undefined,
        options.parent === undefined ? undefined : options.parent === 0 ? isNull(categories.parentId) : eq(categories.parentId, options.parent),
        options.search !== undefined ? containsText(categories.name, options.search) : undefined,
        ...selectionConditions({ id: categories.id, slug: categories.slug }, options)
      )
      const key = options.orderBy === 'include' ? 'include' : { id: categories.id, name: categories.name, slug: categories.slug }[options.orderBy]
      const rows = db.select(columns).from(categories).where(where).orderBy(...numberedOrderBy(key, categories.id, options.order, options.ids))
        .limit(options.limit).offset(options.offset).all()
      return { items: toCategories(rows), total: db.select({ n: count() }).from(categories).where(where).get()?.n ?? 0 }
    },

    list (options: CategoryListOptions): Page<Category> {
      const edition = options.edition !== undefined ? editions.resolveFilter(options.edition) : undefined
      const position = options.cursor !== undefined ? codec.decode(options.cursor, 'position') : null
      if (position !== null && typeof position.value !== 'number') {
        throw new InvalidInputError('The cursor is not valid for this request.', [{ name: 'query.cursor', reason: 'is malformed' }])
      }
      const shape: FilterShape = {
        edition: edition !== undefined,
        parent: options.parent === undefined ? 'any' : options.parent === 'root' ? 'root' : 'id'
      }
      const direction = directionOf(position)
      const filterKey = `${shape.edition}:${shape.parent}`
      const listKey = `${filterKey}:${direction}`
      let listStatement = listStatements.get(listKey)
      if (listStatement === undefined) listStatements.set(listKey, listStatement = prepareList(shape, direction))
      let countStatement = countStatements.get(filterKey)
      if (countStatement === undefined) countStatements.set(filterKey, countStatement = prepareCount(shape))

      const params = {
        editionId: edition?.id,
        parentId: typeof options.parent === 'number' ? options.parent : undefined,
        ...keysetParams(position),
        limit: options.limit + 1
      }
      const rows = listStatement.all(params)
      const total = countStatement.get(params)?.n ?? 0
      const counts = articleCounts.byCategoryIds(rows.map((row) => row.id), clock().getTime())
      return assemblePage(rows, { limit: options.limit, position }, {
        sort: 'position', sortValue: (row) => row.position, codec, total, map: (row) => toCategory(row, counts.get(row.id) ?? 0)
      })
    }
  }
}

export type CategoryService = ReturnType<typeof createCategoryService>
