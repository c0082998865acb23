import type { MenuItemKind, MenuTarget } from './schemas.js'

export type { Menu, MenuItem } from './schemas.js'

/** A menu item's target with the kind that says which type its id belongs to (codegen mapper; types only). */
export type MenuTargetParent = MenuTarget & { kind: MenuItemKind }
