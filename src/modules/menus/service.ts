import { and, asc, eq, sql } from 'drizzle-orm'
import { type Visibility, showsVersion } from '../../auth/permissions.js'
import type { Db } from '../../db/connection.js'
import { menuItems, menus } from '../../db/schema.js'
import type { ChangeLog } from '../../editorial/changes.js'
import { NotFoundError } from '../../errors.js'
import type { Clock } from '../../time.js'
import type { EditionService } from '../editions/index.js'
import { createMenuCommands } from './commands.js'
import type { Menu, MenuItem, MenuTarget } from './schemas.js'
import { editionContentCounter } from '../../editorial/edition-content.js'
import type { FrontendUrls } from '../../frontend-urls.js'

/** A link target as the owning module answers for it. */
export interface MenuTargetRef { id: number, edition: string, slug: string, url: string }

/*
 * The menus module reads no other module's tables: targets are resolved through these batch
 * finders (one call per target kind per load, answers in key order, null for missing). The
 * categories and pages services and the articles service satisfy them as they are. Pages and
 * articles answer only for what the public may see, so visibility is decided there, once.
 */
export interface CategoryRefFinder { findRefsByIds: (ids: readonly number[]) => Array<MenuTargetRef | null> }
export interface PageRefFinder {
  findRefsByIds: (ids: readonly number[]) => Array<MenuTargetRef | null>
  /** Any status with `editorial`: what API keys read and menu writes check targets against. */
  findByIds: (ids: readonly number[], visibility: Visibility) => Array<MenuTargetRef | null>
}
export interface ArticleRecordFinder {
  findRecordsByIds: (ids: readonly number[], visibility: Visibility) => Array<{ id: number, slug: string, editionId: number } | null>
}
/** Galleries and tags answer as categories do; authors belong to no edition (their URL is the menu's edition's). */
export interface AuthorRefFinder { findRefsByIds: (ids: readonly number[]) => Array<{ id: number, slug: string } | null> }

export interface MenuServiceDeps {
  db: Db
  editions: EditionService
  categories: CategoryRefFinder
  pages: PageRefFinder
  articles: ArticleRecordFinder
  galleries: CategoryRefFinder
  tags: CategoryRefFinder
  authors: AuthorRefFinder
  clock: Clock
  changeLog: ChangeLog
  /** Frontend URLs of articles and authors: their records carry none. */
  urls: Pick<FrontendUrls, 'article' | 'author'>
}

type MenuRow = typeof menus.$inferSelect
type MenuItemRow = typeof menuItems.$inferSelect

const noTarget: MenuTarget = { id: null, slug: null, edition: null }

function byId<T extends { id: number }> (refs: Array<T | null>): Map<number, T> {
  return new Map(refs.filter((ref): ref is T => ref !== null).map((ref) => [ref.id, ref]))
}

function push<K, V> (map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list === undefined) map.set(key, [value])
  else list.push(value)
}

export function createMenuService ({ db, editions, categories, pages, articles, galleries, tags, authors, clock, changeLog, urls }: MenuServiceDeps) {
  const ofEdition = db.select().from(menus).where(eq(menus.editionId, sql.placeholder('editionId')))
    .orderBy(asc(menus.location), asc(menus.id)).prepare()
  const byLocation = db.select().from(menus)
    .where(and(eq(menus.editionId, sql.placeholder('editionId')), eq(menus.location, sql.placeholder('location')))).prepare()
  const menuById = db.select().from(menus).where(eq(menus.id, sql.placeholder('id'))).prepare()
  const menusByIds = db.select().from(menus).where(sql`${menus.id} in (select value from json_each(${sql.placeholder('ids')}))`).prepare()
  const itemsOf = db.select().from(menuItems)
    .where(sql`${menuItems.menuId} in (select value from json_each(${sql.placeholder('ids')}))`)
    .orderBy(asc(menuItems.menuId), asc(menuItems.position), asc(menuItems.id)).prepare()

  /**
   * Items of all the menus in one statement, and each target kind resolved in one batch for all of
   * them. With `editorial` visibility items linking to drafts are kept (what an editor wrote).
   */
  function assemble (rows: MenuRow[], visibility: Visibility = 'public'): Menu[] {
    if (rows.length === 0) return []
    const items = itemsOf.all({ ids: JSON.stringify(rows.map((row) => row.id)) })
    const idsOf = (column: (item: MenuItemRow) => number | null) => [...new Set(items.map(column).filter((id): id is number => id !== null))]
    const categoryRefs = byId(categories.findRefsByIds(idsOf((item) => item.categoryId)))
    const pageIds = idsOf((item) => item.pageId)
    const pageRefs = byId(visibility === 'editorial' ? pages.findByIds(pageIds, 'editorial') : pages.findRefsByIds(pageIds))
    const articleRefs = byId(articles.findRecordsByIds(idsOf((item) => item.articleId), visibility))
    const galleryRefs = byId(galleries.findRefsByIds(idsOf((item) => item.galleryId)))
    const tagRefs = byId(tags.findRefsByIds(idsOf((item) => item.tagId)))
    const authorRefs = byId(authors.findRefsByIds(idsOf((item) => item.authorId)))
    const editionsById = new Map(editions.list().map((edition) => [edition.id, edition]))

    type Resolved = { target: MenuTarget, url: string | null }
    const linked = (ref: MenuTargetRef | undefined): Resolved | null =>
      ref === undefined ? null : { target: { id: ref.id, slug: ref.slug, edition: ref.edition }, url: ref.url }

    /** The item's target, or null when it must not be shown (an unpublished page or article). */
    function targetOf (item: MenuItemRow, menuEdition: string): Resolved | null {
      switch (item.kind) {
        case 'url': return item.url === null ? null : { target: noTarget, url: item.url }
        case 'label': return { target: noTarget, url: null }
        case 'category': return item.categoryId === null ? null : linked(categoryRefs.get(item.categoryId))
        case 'page': return item.pageId === null ? null : linked(pageRefs.get(item.pageId))
        case 'gallery': return item.galleryId === null ? null : linked(galleryRefs.get(item.galleryId))
        case 'tag': return item.tagId === null ? null : linked(tagRefs.get(item.tagId))
        case 'author': {
          const author = item.authorId === null ? undefined : authorRefs.get(item.authorId)
          return author === undefined ? null : { target: { id: author.id, slug: author.slug, edition: menuEdition }, url: urls.author(menuEdition, author.slug) }
        }
        case 'article': {
          const record = item.articleId === null ? undefined : articleRefs.get(item.articleId)
          const edition = record === undefined ? undefined : editionsById.get(record.editionId)
          return record === undefined || edition === undefined
            ? null
            : { target: { id: record.id, slug: record.slug, edition: edition.code }, url: urls.article(edition.code, record.slug) }
        }
        case 'edition': {
          const edition = item.targetEditionId === null ? undefined : editionsById.get(item.targetEditionId)
          return edition === undefined ? null : { target: { id: edition.id, slug: null, edition: edition.code }, url: edition.url }
        }
      }
    }

    const roots = new Map<number, MenuItemRow[]>()
    const children = new Map<number, MenuItemRow[]>()
    for (const item of items) {
      if (item.parentId === null) push(roots, item.menuId, item)
      else push(children, item.parentId, item)
    }
    // Built top-down from the roots: a hidden item takes its subtree with it, and rows caught in a
    // parent cycle (which no root reaches) are never visited. A label item whose children are all
    // hidden would be an empty heading linking nowhere: it is hidden too.
    const build = (siblings: MenuItemRow[], menuEdition: string): MenuItem[] => siblings.flatMap((item): MenuItem[] => {
      const resolved = targetOf(item, menuEdition)
      if (resolved === null) return []
      const own = build((children.get(item.id) ?? []).filter((child) => child.menuId === item.menuId), menuEdition)
      if (item.kind === 'label' && own.length === 0) return []
      return [{ id: item.id, label: item.label, kind: item.kind, target: resolved.target, url: resolved.url, children: own }]
    })

    return rows.map((row): Menu => {
      const edition = editions.findById(row.editionId).code
      return { id: row.id, edition, location: row.location, name: row.name, items: build(roots.get(row.id) ?? [], edition) }
    })
  }

  return {
    countByEdition: editionContentCounter(db, menus),
    ...createMenuCommands({ db, clock, changeLog, editions, targets: { categories, pages, articles, galleries, tags, authors } }),

    /** With `editorial` visibility (an API key) the menu carries its version and items linking to drafts. */
    findById (id: number, visibility: Visibility = 'public'): Menu {
      const row = menuById.get({ id })
      if (row === undefined) throw new NotFoundError('menu', id)
      const menu = assemble([row], visibility)[0]!
      return showsVersion(visibility) ? { ...menu, version: row.version } : menu
    },

    /** Batch finder for `node(id:)`: one statement, answers in key order. */
    findByIds (ids: readonly number[]): Array<Menu | null> {
      if (ids.length === 0) return []
      const found = new Map(assemble(menusByIds.all({ ids: JSON.stringify([...new Set(ids)]) })).map((menu) => [menu.id, menu]))
      return ids.map((id) => found.get(id) ?? null)
    },

    /** Every menu of an edition, by location; an unknown edition is a bad filter value. */
    list (editionCode: string): Menu[] {
      return assemble(ofEdition.all({ editionId: editions.resolveFilter(editionCode).id }))
    },

    findByLocation (editionCode: string, location: string): Menu {
      const row = byLocation.get({ editionId: editions.findByCode(editionCode).id, location })
      if (row === undefined) throw new NotFoundError('menu', `${editionCode}/${location}`)
      return assemble([row])[0]!
    }
  }
}

export type MenuService = ReturnType<typeof createMenuService>
