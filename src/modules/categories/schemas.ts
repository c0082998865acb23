import { Type, type Static } from '@sinclair/typebox'
import { Cursor, DateTime, EditionCode, EntityVersion, Id, Limit, Nullable } from '../../schemas/common.js'

export const CategoryTranslation = Type.Object({
  id: Id,
  edition: EditionCode,
  slug: Type.String(),
  name: Type.String(),
  url: Type.String({ description: 'Public URL on the frontend, from the configured template' })
}, { additionalProperties: false, description: 'The same category in another edition' })
export type CategoryTranslation = Static<typeof CategoryTranslation>

const categoryProperties = {
  id: Id,
  edition: EditionCode,
  parentId: Nullable(Id),
  slug: Type.String(),
  name: Type.String(),
  description: Nullable(Type.String()),
  position: Type.Integer({ description: 'Order among siblings, ascending' }),
  url: Type.String({ description: 'Public URL on the frontend, from the configured template' }),
  articleCount: Type.Integer({ minimum: 0, description: 'Published articles filed in this category itself (not its subcategories, as WordPress counts); a scheduled one counts from its publishedAt' }),
  translations: Type.Array(CategoryTranslation),
  createdAt: DateTime,
  updatedAt: DateTime,
  version: Type.Optional(EntityVersion)
}

export const Category = Type.Object(categoryProperties, { $id: 'Category', additionalProperties: false })
export type Category = Static<typeof Category>

export const CategoryRef = Type.Object({
  id: Id,
  edition: EditionCode,
  slug: Type.String(),
  name: Type.String(),
  parentId: Nullable(Id),
  url: Type.String({ description: 'Public URL on the frontend, from the configured template' })
}, { $id: 'CategoryRef', additionalProperties: false })
export type CategoryRef = Static<typeof CategoryRef>

// Type.Recursive serializes to any depth with fast-json-stringify (the $ref resolves against this $id);
// checked with a throwaway fastify inject while writing this module.
export const CategoryNode = Type.Recursive((Node) => Type.Object({
  ...categoryProperties,
  children: Type.Array(Node)
}, { additionalProperties: false }), { $id: 'CategoryNode' })
export type CategoryNode = Static<typeof CategoryNode>

export const CategoryListQuery = Type.Object({
  edition: Type.Optional(EditionCode),
  parent: Type.Optional(Type.String({ pattern: '^(root|[1-9][0-9]{0,15})$', description: '`root` for top-level categories, or a parent category id' })),
  limit: Type.Optional(Limit),
  cursor: Type.Optional(Cursor)
}, { additionalProperties: false })
export type CategoryListQuery = Static<typeof CategoryListQuery>

export const CategoryTreeQuery = Type.Object({
  edition: EditionCode
}, { additionalProperties: false })
export type CategoryTreeQuery = Static<typeof CategoryTreeQuery>
