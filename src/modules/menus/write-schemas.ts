import { Type, type Static, type TSchema } from '@sinclair/typebox'
import { EditionCode, Id } from '../../schemas/common.js'
import { MenuLocation, menuItemKinds } from './schemas.js'

export const MENU_DEPTH = 3
export const MENU_ITEMS_MAX = 200
const SIBLINGS_MAX = 50

const label = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', description: 'Plain text shown in the menu' })
const kind = Type.Union(menuItemKinds.map((k) => Type.Literal(k)))
const target = Type.Union([Id, Type.String({ minLength: 1, maxLength: 2048 }), Type.Null()], {
  description: 'By kind: the id of a category, page, article, gallery or tag of the menu\'s edition (drafts allowed: the public sees the item once its target is published), or of an author; an edition code (its home page); for url an http(s) or mailto URL or a path on the site starting with a single /. A label item (a parent with no link of its own, which must have children) has none: omit it or send null. A placeholder link such as `#` is refused: use a label item'
})

// Spelled out level by level rather than recursive: the depth cap is then part of the schema (so
// REST and the GraphQL input report it the same way) and the body needs no shared $ref component.
const level = (children: TSchema) => Type.Object({ label, kind, target: Type.Optional(target), children: Type.Optional(children) }, { additionalProperties: false })
const leafChildren = Type.Array(Type.Any(), { maxItems: 0, description: `Menus nest at most ${MENU_DEPTH} levels: items at the last level have no children` })
let nested: TSchema = leafChildren
for (let depth = MENU_DEPTH; depth > 1; depth--) nested = Type.Array(level(nested), { maxItems: SIBLINGS_MAX })
export const MenuItemInput = level(nested)

/** One item as the service reads it (the schema above guarantees the shape, up to MENU_DEPTH levels). */
export interface MenuItemInput {
  label: string
  kind: typeof menuItemKinds[number]
  target?: number | string | null
  children?: MenuItemInput[]
}

const items = Type.Array(MenuItemInput, {
  maxItems: SIBLINGS_MAX,
  description: `The whole tree, top-level items first, each level in display order; replaces every item when present. At most ${MENU_DEPTH} levels, ${SIBLINGS_MAX} siblings and ${MENU_ITEMS_MAX} items in all`
})
const name = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', description: 'For editors; frontends place menus by location' })

export const MenuCreateBody = Type.Object({
  edition: EditionCode, location: MenuLocation, name, items: Type.Optional(items)
}, { additionalProperties: false })
export type MenuCreateBody = Omit<Static<typeof MenuCreateBody>, 'items'> & { items?: MenuItemInput[] }

// the edition is fixed at creation: its items point at that edition's categories, pages and articles
export const MenuPatchBody = Type.Object({
  location: Type.Optional(MenuLocation), name: Type.Optional(name), items: Type.Optional(items)
}, { additionalProperties: false, minProperties: 1 })
export type MenuPatchBody = Omit<Static<typeof MenuPatchBody>, 'items'> & { items?: MenuItemInput[] }
