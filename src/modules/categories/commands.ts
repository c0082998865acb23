import { and, count, eq, isNull, ne, sql } from 'drizzle-orm'
import type { Db } from '../../db/connection.js'
import { categories } from '../../db/schema.js'
import type { ChangeLog } from '../../editorial/changes.js'
import { createEntityCommands, type WriteContext } from '../../editorial/entity-commands.js'
import { slugFromTitle, uniqueSlug } from '../../editorial/slugs.js'
import { ConflictError, InvalidInputError } from '../../errors.js'
import type { Clock } from '../../time.js'
import type { EditionService } from '../editions/index.js'
import type { CategoryCreateBody, CategoryPatchBody } from './write-schemas.js'
import type { LinkRemoval } from '../../editorial/link-removal.js'

export type CategoryRow = typeof categories.$inferSelect

const bad = (name: string, reason: string): InvalidInputError => new InvalidInputError(`body.${name} ${reason}`, [{ name: `body.${name}`, reason }])
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/**
 * Category writes (editors). The tree stays a tree: a parent must be in the same edition and may
 * not be the category itself or one of its descendants. Deleting is refused while the category
 * has child categories or articles; menu items linking to it leave their menus, which get an
 * `updated` change. Reads need nothing refreshed afterwards: trees, lists and the "this section and
 * its descendants" article filter are computed per request, and cached totals follow the content
 * version, which every write moves.
 */
/**
 * What files content under categories (articles). Articles are built on categories, so categories
 * cannot import them: createServices hands this in, asked only when a category is deleted.
 */
export interface CategorizedContent {
  countByCategory: (categoryId: number) => number
}

export function createCategoryCommands ({ db, clock, changeLog, editions, menuLinks, categorized }: { db: Db, clock: Clock, changeLog: ChangeLog, editions: EditionService, menuLinks: LinkRemoval, categorized: () => CategorizedContent }) {
  const byId = db.select().from(categories).where(eq(categories.id, sql.placeholder('id'))).prepare()
  const slugTaken = db.select({ id: categories.id }).from(categories)
    .where(and(eq(categories.editionId, sql.placeholder('editionId')), eq(categories.slug, sql.placeholder('slug')), ne(categories.id, sql.placeholder('id')))).prepare()
  const nextTopPosition = db.select({ n: sql<number>`coalesce(max(${categories.position}) + 1, 0)` }).from(categories)
    .where(and(eq(categories.editionId, sql.placeholder('editionId')), isNull(categories.parentId))).prepare()
  const nextChildPosition = db.select({ n: sql<number>`coalesce(max(${categories.position}) + 1, 0)` }).from(categories)
    .where(eq(categories.parentId, sql.placeholder('parentId'))).prepare()
  // `union` stops at a cycle, should bad data ever hold one
  const ancestorIds = db.select({ id: categories.id }).from(categories).where(sql`${categories.id} in (
    with recursive up(id) as (
      select ${sql.placeholder('id')}
      union
      select c.parent_id from categories c join up on c.id = up.id where c.parent_id is not null
    ) select id from up)`).prepare()
  const childCount = db.select({ n: count() }).from(categories).where(eq(categories.parentId, sql.placeholder('id'))).prepare()
  const groupMemberInEdition = db.select({ id: categories.id }).from(categories)
    .where(and(eq(categories.translationGroup, sql.placeholder('group')), eq(categories.editionId, sql.placeholder('editionId')), ne(categories.id, sql.placeholder('id')))).prepare()
  const nextGroup = db.select({ n: sql<number>`coalesce(max(${categories.translationGroup}), 0) + 1` }).from(categories).prepare()
  const groupMembers = db.select({ id: categories.id, editionId: categories.editionId }).from(categories)
    .where(and(eq(categories.translationGroup, sql.placeholder('group')), ne(categories.id, sql.placeholder('id')))).orderBy(categories.id).prepare()

  const editionCode = (editionId: number) => editions.findById(editionId).code

  function assertSlugFree (editionId: number, slug: string, id: number): void {
    if (slugTaken.get({ editionId, slug, id }) !== undefined) {
      throw new ConflictError(`The slug "${slug}" is already used by another category in edition ${editionCode(editionId)}.`)
    }
  }

  /** A parent for `self` (id 0 while it is being created): same edition, and not inside its own subtree. */
  function checkParent (self: { id: number, editionId: number }, parentId: number): void {
    const parent = byId.get({ id: parentId })
    if (parent === undefined) throw bad('parentId', `category ${parentId} does not exist`)
    if (parent.editionId !== self.editionId) throw bad('parentId', `category ${parentId} is in edition ${editionCode(parent.editionId)}, not ${editionCode(self.editionId)}`)
    if (self.id !== 0 && ancestorIds.all({ id: parentId }).some((row) => row.id === self.id)) {
      throw bad('parentId', parentId === self.id ? 'cannot be the category itself' : `category ${parentId} is inside this category's subtree; moving it there would make a cycle`)
    }
  }

  /**
   * Every category lists its translations (id, edition, slug, name), so when one joins, leaves,
   * is renamed or is deleted, the other members of its group change too: each gets a new version
   * and an `updated` change, as a tag's articles do when the tag goes.
   */
  function touchGroup (tx: Db, group: number | null, selfId: number, note: Record<string, unknown>, { actor, at }: WriteContext): void {
    if (group === null) return
    for (const member of groupMembers.all({ group, id: selfId })) {
      tx.update(categories).set({ version: sql`${categories.version} + 1`, updatedAt: at }).where(eq(categories.id, member.id)).run()
      changeLog.record({ entityType: 'category', entityId: member.id, action: 'updated', at, keyId: actor.keyId, summary: { edition: editionCode(member.editionId), translations: note } })
    }
  }

  /** The translation group `self` joins by naming another edition's category (see pages' translationOf). */
  function groupFor (tx: Db, self: { id: number, editionId: number }, translationOf: number | null): number | null {
    if (translationOf === null) return null
    if (translationOf === self.id) throw bad('translationOf', 'must name another category')
    const other = byId.get({ id: translationOf })
    if (other === undefined) throw bad('translationOf', `category ${translationOf} does not exist`)
    if (other.editionId === self.editionId) throw new ConflictError(`Category ${translationOf} is in the same edition; a translation group has at most one category per edition.`)
    if (other.translationGroup !== null) {
      if (groupMemberInEdition.get({ group: other.translationGroup, editionId: self.editionId, id: self.id }) !== undefined) {
        throw new ConflictError(`Category ${translationOf}'s translation group already has a category in edition ${editionCode(self.editionId)}.`)
      }
      return other.translationGroup
    }
    // the other category starts the group; touchGroup then gives it its new version and change
    const group = nextGroup.get()?.n ?? 1
    tx.update(categories).set({ translationGroup: group }).where(eq(categories.id, other.id)).run()
    return group
  }

  return createEntityCommands<CategoryRow, CategoryCreateBody, CategoryPatchBody>({ db, clock, changeLog }, {
    type: 'category',
    label: 'category',
    table: categories,
    operations: { create: 'category:create', update: 'category:update', delete: 'category:delete' },
    load: (id) => byId.get({ id }),
    insertColumns (input, tx) {
      const edition = editions.resolveFilter(input.edition, 'body.edition')
      const self = { id: 0, editionId: edition.id }
      let slug = input.slug
      if (slug === undefined) slug = uniqueSlug(slugFromTitle(input.name), (s) => slugTaken.get({ editionId: edition.id, slug: s, id: 0 }) !== undefined)
      else assertSlugFree(edition.id, slug, 0)
      const parentId = input.parentId ?? null
      if (parentId !== null) checkParent(self, parentId)
      const position = input.position ?? (parentId === null ? nextTopPosition.get({ editionId: edition.id }) : nextChildPosition.get({ parentId }))?.n ?? 0
      const translationGroup = input.translationOf === undefined ? null : groupFor(tx, self, input.translationOf)
      return { editionId: edition.id, name: input.name, slug, description: input.description ?? null, parentId, position, translationGroup }
    },
    afterCreate (row, _input, tx, context) {
      touchGroup(tx, row.translationGroup, row.id, { joined: row.id }, context)
    },
    updateColumns (row, patch, tx, context) {
      const columns: Partial<typeof categories.$inferInsert> = {}
      if (patch.name !== undefined) columns.name = patch.name
      if (patch.slug !== undefined && patch.slug !== row.slug) {
        assertSlugFree(row.editionId, patch.slug, row.id)
        columns.slug = patch.slug
      }
      if (patch.description !== undefined) columns.description = patch.description
      if (patch.parentId !== undefined) {
        if (patch.parentId !== null) checkParent(row, patch.parentId)
        columns.parentId = patch.parentId
      }
      if (patch.position !== undefined) columns.position = patch.position
      const group = patch.translationOf === undefined ? row.translationGroup : groupFor(tx, row, patch.translationOf)
      if (group !== row.translationGroup) {
        columns.translationGroup = group
        touchGroup(tx, row.translationGroup, row.id, { left: row.id }, context)
        touchGroup(tx, group, row.id, { joined: row.id }, context)
      } else if ((patch.name !== undefined && patch.name !== row.name) || columns.slug !== undefined) {
        touchGroup(tx, group, row.id, { renamed: row.id }, context)
      }
      return columns
    },
    beforeDelete (row, tx, context) {
      const children = childCount.get({ id: row.id })?.n ?? 0
      const inArticles = categorized().countByCategory(row.id)
      if (children > 0 || inArticles > 0) {
        const held = [children > 0 ? plural(children, 'child category', 'child categories') : null, inArticles > 0 ? plural(inArticles, 'article', 'articles') : null]
        throw new ConflictError(`Category ${row.id} still has ${held.filter((s) => s !== null).join(' and ')}; move or delete them first.`)
      }
      touchGroup(tx, row.translationGroup, row.id, { removed: row.id }, context)
      return { menusUpdated: menuLinks.removeLinksTo(tx, { category: row.id }, context) }
    },
    snapshot: (row) => ({
      edition: editionCode(row.editionId), slug: row.slug, name: row.name, description: row.description,
      parentId: row.parentId, position: row.position, translationGroup: row.translationGroup
    })
  })
}

export type CategoryCommands = ReturnType<typeof createCategoryCommands>
