import { Type, type Static } from '@sinclair/typebox'
import { EditionCode, EntityVersion, Id, Nullable, ref } from '../../schemas/common.js'

// `label` is a parent with no link of its own ("Editions", "Media"); `edition` links to an edition's home page
export const menuItemKinds = ['category', 'page', 'article', 'edition', 'url', 'gallery', 'tag', 'author', 'label'] as const
export type MenuItemKind = typeof menuItemKinds[number]

export const MenuTarget = Type.Object({
  id: Nullable(Id),
  slug: Nullable(Type.String()),
  edition: Nullable(EditionCode)
}, {
  additionalProperties: false,
  description: 'What the item links to: a category, page, article, gallery or tag (id, slug, edition), an author (id, slug, and the menu\'s edition, in which its url is built) or an edition (id, edition; its home page); all null for url and label items'
})
export type MenuTarget = Static<typeof MenuTarget>

// Type.Recursive serializes to any depth with fast-json-stringify (`children` refs this $id), so
// MenuItem is registered as its own component and Menu refers to it.
export const MenuItem = Type.Recursive((Item) => Type.Object({
  id: Id,
  label: Type.String(),
  kind: Type.Union(menuItemKinds.map((kind) => Type.Literal(kind))),
  target: MenuTarget,
  url: Nullable(Type.String({ description: 'Where the item links: a url item\'s own link, else its target\'s frontend URL from the configured templates; null for a label item (a parent with no link of its own)' })),
  children: Type.Array(Item)
}, { additionalProperties: false }), { $id: 'MenuItem' })
export type MenuItem = Static<typeof MenuItem>

export const Menu = Type.Object({
  id: Id,
  edition: EditionCode,
  location: Type.String({ description: 'Where the frontend renders the menu, e.g. primary, footer' }),
  name: Type.String(),
  items: Type.Array(ref(MenuItem), { description: 'Top-level items in position order; items linking to unpublished pages or articles are left out (kept in responses to API keys), and so is a label item left with no children' }),
  version: Type.Optional(EntityVersion)
}, { $id: 'Menu', additionalProperties: false })
export type Menu = Static<typeof Menu>

export const MenuLocation = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$', description: 'Menu location', examples: ['primary', 'footer'] })

export const MenuListQuery = Type.Object({ edition: EditionCode }, { additionalProperties: false })
export type MenuListQuery = Static<typeof MenuListQuery>

export const MenuLocationParams = Type.Object({ code: EditionCode, location: MenuLocation }, { additionalProperties: false })
