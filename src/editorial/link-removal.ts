import type { Db } from '../db/connection.js'
import type { WriteContext } from './entity-commands.js'

export type LinkTarget = { category: number } | { edition: number } | { article: number } | { page: number } | { gallery: number } | { tag: number } | { author: number }

/**
 * What links to an entity being deleted leaves with it, inside the delete's transaction (menu
 * items, implemented by the menus module). Modules that delete linkable things are handed one by
 * createServices: menus sit above them (a menu links to categories, pages, articles, galleries, tags,
 * authors), so they
 * cannot import menus.
 */
export interface LinkRemoval {
  /** Returns the ids of the containers (menus) that changed. */
  removeLinksTo: (tx: Db, target: LinkTarget, context: WriteContext) => number[]
}
