import { and, asc, eq, ne, sql } from 'drizzle-orm'
import type { Visibility } from '../../auth/permissions.js'
import type { Db } from '../../db/connection.js'
import { menuItems, menus } from '../../db/schema.js'
import type { ChangeLog } from '../../editorial/changes.js'
import { createEntityCommands } from '../../editorial/entity-commands.js'
import { textProblem } from '../../editorial/text-rules.js'
import { ConflictError, InvalidInputError, type FieldProblem } from '../../errors.js'
import type { Clock } from '../../time.js'
import type { EditionService } from '../editions/index.js'
import type { MenuItemKind } from './schemas.js'
import { MENU_ITEMS_MAX, type MenuCreateBody, type MenuItemInput, type MenuPatchBody } from './write-schemas.js'

export type MenuRow = typeof menus.$inferSelect

/** Existence and edition of link targets, in any status, through the owning modules' batch finders. */
export interface MenuTargetFinders {
  categories: { findRefsByIds: (ids: readonly number[]) => Array<{ id: number, edition: string } | null> }
  pages: { findByIds: (ids: readonly number[], visibility: Visibility) => Array<{ id: number, edition: string } | null> }
  articles: { findRecordsByIds: (ids: readonly number[], visibility: Visibility) => Array<{ id: number, editionId: number } | null> }
  galleries: { findRefsByIds: (ids: readonly number[]) => Array<{ id: number, edition: string } | null> }
  tags: { findRefsByIds: (ids: readonly number[]) => Array<{ id: number, edition: string } | null> }
  authors: { findRefsByIds: (ids: readonly number[]) => Array<{ id: number } | null> }
}

/** The column holding each id-target kind's target. */
const idColumn = { category: 'categoryId', page: 'pageId', article: 'articleId', gallery: 'galleryId', tag: 'tagId', author: 'authorId' } as const
type IdKind = keyof typeof idColumn

/** An item ready to store: the kind's target column set, the others null. */
interface ResolvedItem {
  label: string
  kind: MenuItemKind
  categoryId: number | null
  pageId: number | null
  articleId: number | null
  targetEditionId: number | null
  url: string | null
  galleryId: number | null
  tagId: number | null
  authorId: number | null
  children: ResolvedItem[]
}

/**
 * Menu writes (editors). `items` replaces the whole tree, validated first: every target must exist
 * (categories, pages, articles, galleries and tags in the menu's own edition; authors belong to
 * every edition; other editions are linked with an `edition` item) and each problem names its
 * item by path, e.g. `body.items.2.children.0.target`. A `label` item links nowhere and exists to
 * hold children, so it has no target and at least one child. The tree arrives nested, so it cannot
 * hold a cycle, and its depth is capped by the body schema (MENU_DEPTH).
 * Deleting a menu takes its items with it; nothing else refers to menus.
 */
export function createMenuCommands ({ db, clock, changeLog, editions, targets }: { db: Db, clock: Clock, changeLog: ChangeLog, editions: EditionService, targets: MenuTargetFinders }) {
  const byId = db.select().from(menus).where(eq(menus.id, sql.placeholder('id'))).prepare()
  const locationTaken = db.select({ id: menus.id }).from(menus)
    .where(and(eq(menus.editionId, sql.placeholder('editionId')), eq(menus.location, sql.placeholder('location')), ne(menus.id, sql.placeholder('id')))).prepare()
  const itemsOf = db.select().from(menuItems).where(eq(menuItems.menuId, sql.placeholder('menuId')))
    .orderBy(asc(menuItems.position), asc(menuItems.id)).prepare()
  // the checked tree of a write, from the column step to afterWrite (same input object, same transaction)
  const resolvedTrees = new WeakMap<object, ResolvedItem[]>()

  function assertLocationFree (editionId: number, location: string, id: number): void {
    if (locationTaken.get({ editionId, location, id }) !== undefined) {
      throw new ConflictError(`Edition ${editions.findById(editionId).code} already has a menu at location "${location}".`)
    }
  }

  function resolve (items: MenuItemInput[], editionId: number): ResolvedItem[] {
    const edition = editions.findById(editionId).code
    const problems: FieldProblem[] = []
    const flat: Array<{ item: MenuItemInput, path: string }> = []
    const walk = (list: MenuItemInput[], path: string) => list.forEach((item, i) => {
      flat.push({ item, path: `${path}.${i}` })
      if (item.children !== undefined) walk(item.children, `${path}.${i}.children`)
    })
    walk(items, 'body.items')
    if (flat.length > MENU_ITEMS_MAX) {
      throw new InvalidInputError(`A menu holds at most ${MENU_ITEMS_MAX} items; this one has ${flat.length}.`, [{ name: 'body.items', reason: `has ${flat.length} items in all, more than ${MENU_ITEMS_MAX}` }])
    }

    const idsOf = (kind: MenuItemKind) => flat.filter(({ item }) => item.kind === kind && typeof item.target === 'number').map(({ item }) => item.target as number)
    const editionsOf = (refs: Array<{ id: number, edition: string } | null>) => new Map(refs.flatMap((r) => r === null ? [] : [[r.id, r.edition] as const]))
    // authors write for every edition: any author fits any menu
    const anyEdition = (refs: Array<{ id: number } | null>) => new Map(refs.flatMap((r) => r === null ? [] : [[r.id, edition] as const]))
    const editionOf: Record<IdKind, Map<number, string>> = {
      category: editionsOf(targets.categories.findRefsByIds(idsOf('category'))),
      page: editionsOf(targets.pages.findByIds(idsOf('page'), 'editorial')),
      article: new Map(targets.articles.findRecordsByIds(idsOf('article'), 'editorial')
        .flatMap((r) => r === null ? [] : [[r.id, editions.findById(r.editionId).code] as const])),
      gallery: editionsOf(targets.galleries.findRefsByIds(idsOf('gallery'))),
      tag: editionsOf(targets.tags.findRefsByIds(idsOf('tag'))),
      author: anyEdition(targets.authors.findRefsByIds(idsOf('author')))
    }
    const editionIds = new Map(editions.list().map((e) => [e.code, e.id]))

    const resolved = new Map<MenuItemInput, ResolvedItem>()
    for (const { item, path } of flat) {
      const out: ResolvedItem = {
        label: item.label, kind: item.kind, categoryId: null, pageId: null, articleId: null, targetEditionId: null, url: null,
        galleryId: null, tagId: null, authorId: null, children: []
      }
      const bad = (reason: string) => problems.push({ name: `${path}.target`, reason })
      if (item.kind !== 'label' && (item.target === undefined || item.target === null)) {
        bad(`is required for a ${item.kind} item (a parent with no link of its own is a label item)`)
        resolved.set(item, out)
        continue
      }
      switch (item.kind) {
        case 'category': case 'page': case 'article': case 'gallery': case 'tag': case 'author': {
          if (typeof item.target !== 'number') { bad(`must be the id of a${item.kind === 'article' || item.kind === 'author' ? 'n' : ''} ${item.kind}`); break }
          const found = editionOf[item.kind].get(item.target)
          if (found === undefined) bad(`${item.kind} ${item.target} does not exist`)
          else if (found !== edition) bad(`${item.kind} ${item.target} belongs to edition ${found}, not ${edition}`)
          else out[idColumn[item.kind]] = item.target
          break
        }
        case 'label': {
          if (item.target !== undefined && item.target !== null) bad('must be absent or null: a label item links nowhere (use a url item for a link)')
          if ((item.children ?? []).length === 0) problems.push({ name: `${path}.children`, reason: 'a label item holds children: give it at least one, or make it a link' })
          break
        }
        case 'edition': {
          const id = typeof item.target === 'string' ? editionIds.get(item.target) : undefined
          if (id === undefined) bad(typeof item.target === 'string' ? `no edition has code "${item.target}"` : 'must be an edition code')
          else out.targetEditionId = id
          break
        }
        case 'url': {
          // the link rule every stored link obeys: same-site paths, or absolute http(s)/mailto URLs
          const problem = typeof item.target === 'string' ? textProblem(item.target, 'link') : 'must be an http(s) or mailto URL or a path starting with a single /'
          if (problem !== null) bad(problem)
          else out.url = item.target as string
          break
        }
      }
      resolved.set(item, out)
    }
    if (problems.length > 0) throw new InvalidInputError(problems.map((p) => `${p.name}: ${p.reason}`).join('; '), problems)
    const build = (list: MenuItemInput[]): ResolvedItem[] => list.map((item) => ({ ...resolved.get(item)!, children: build(item.children ?? []) }))
    return build(items)
  }

  function insertTree (tx: Db, menuId: number, items: ResolvedItem[], parentId: number | null): void {
    items.forEach(({ children, ...item }, position) => {
      const { id } = tx.insert(menuItems).values({ ...item, menuId, parentId, position }).returning({ id: menuItems.id }).get()
      insertTree(tx, menuId, children, id)
    })
  }

  /** The stored tree in the compact form the change log keeps: `[label, kind, target, children?]`. */
  function compactTree (menuId: number): unknown[] {
    const rows = itemsOf.all({ menuId })
    const childrenOf = (parentId: number | null): unknown[] => rows.filter((row) => row.parentId === parentId).map((row) => {
      const target = row.categoryId ?? row.pageId ?? row.articleId ?? row.galleryId ?? row.tagId ?? row.authorId ??
        (row.targetEditionId !== null ? editions.findById(row.targetEditionId).code : row.url)
      const children = childrenOf(row.id)
      return children.length > 0 ? [row.label, row.kind, target, children] : [row.label, row.kind, target]
    })
    return childrenOf(null)
  }

  return createEntityCommands<MenuRow, MenuCreateBody, MenuPatchBody>({ db, clock, changeLog }, {
    type: 'menu',
    label: 'menu',
    table: menus,
    operations: { create: 'menu:create', update: 'menu:update', delete: 'menu:delete' },
    load: (id) => byId.get({ id }),
    insertColumns (input) {
      const edition = editions.resolveFilter(input.edition, 'body.edition')
      if (input.items !== undefined) resolvedTrees.set(input, resolve(input.items, edition.id))
      assertLocationFree(edition.id, input.location, 0)
      return { editionId: edition.id, location: input.location, name: input.name }
    },
    updateColumns (row, patch) {
      if (patch.items !== undefined) resolvedTrees.set(patch, resolve(patch.items, row.editionId))
      if (patch.location !== undefined && patch.location !== row.location) assertLocationFree(row.editionId, patch.location, row.id)
      return { ...(patch.location !== undefined ? { location: patch.location } : {}), ...(patch.name !== undefined ? { name: patch.name } : {}) }
    },
    afterWrite (row, input, tx) {
      const tree = resolvedTrees.get(input)
      if (tree === undefined) return
      resolvedTrees.delete(input)
      // children go with their parents (menu_items.parent_id cascades)
      tx.delete(menuItems).where(eq(menuItems.menuId, row.id)).run()
      insertTree(tx, row.id, tree, null)
    },
    snapshot: (row) => ({ edition: editions.findById(row.editionId).code, location: row.location, name: row.name, items: compactTree(row.id) })
  })
}

export type MenuCommands = ReturnType<typeof createMenuCommands>
