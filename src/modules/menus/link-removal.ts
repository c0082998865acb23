import { and, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../../db/connection.js'
import { menuItems, menus } from '../../db/schema.js'
import type { ChangeLog } from '../../editorial/changes.js'
import type { WriteContext } from '../../editorial/entity-commands.js'
import type { LinkRemoval, LinkTarget } from '../../editorial/link-removal.js'

/**
 * Takes the items linking to a category, edition, article, page, gallery, tag or author that is being deleted out of their menus
 * (their sub-items go with them, ON DELETE CASCADE), inside the delete's transaction. Each menu
 * that loses items gets a new version and an `updated` change, so sync clients and webhooks learn
 * that the menu changed, not only that its target is gone.
 */
export function createMenuLinkRemoval ({ db, changeLog }: { db: Db, changeLog: ChangeLog }): LinkRemoval {
  const targetColumn = {
    category: menuItems.categoryId, edition: menuItems.targetEditionId, article: menuItems.articleId, page: menuItems.pageId,
    gallery: menuItems.galleryId, tag: menuItems.tagId, author: menuItems.authorId
  }
  const itemsLinking = (kind: keyof typeof targetColumn) => db.select({ id: menuItems.id, menuId: menuItems.menuId }).from(menuItems)
    .where(and(eq(menuItems.kind, kind), eq(targetColumn[kind], sql.placeholder('id')))).prepare()
  const linking = Object.fromEntries(Object.keys(targetColumn).map((kind) => [kind, itemsLinking(kind as keyof typeof targetColumn)])) as
    Record<keyof typeof targetColumn, ReturnType<typeof itemsLinking>>

  return {
    /** Returns the ids of the menus that changed. */
    removeLinksTo (tx: Db, target: LinkTarget, { actor, at }: WriteContext): number[] {
      const [kind, id] = Object.entries(target)[0] as [keyof typeof linking, number]
      const items = linking[kind].all({ id })
      if (items.length === 0) return []
      const perMenu = new Map<number, number>()
      for (const item of items) perMenu.set(item.menuId, (perMenu.get(item.menuId) ?? 0) + 1)
      tx.delete(menuItems).where(inArray(menuItems.id, items.map((item) => item.id))).run()
      const menuIds = [...perMenu.keys()].sort((a, b) => a - b)
      tx.update(menus).set({ version: sql`${menus.version} + 1`, updatedAt: at }).where(inArray(menus.id, menuIds)).run()
      for (const id of menuIds) {
        changeLog.record({ entityType: 'menu', entityId: id, action: 'updated', at, keyId: actor.keyId, summary: { items: { removed: perMenu.get(id), linkingTo: target } } })
      }
      return menuIds
    }
  }
}
