import { Type, type Static } from '@sinclair/typebox'
import { Cursor, DateTime, EditionCode, EntityVersion, Id, Limit } from '../../schemas/common.js'

export const Tag = Type.Object({
  id: Id,
  edition: EditionCode,
  slug: Type.String(),
  name: Type.String(),
  createdAt: DateTime,
  updatedAt: DateTime,
  version: Type.Optional(EntityVersion)
}, { $id: 'Tag', additionalProperties: false })
export type Tag = Static<typeof Tag>

export const TagRef = Type.Object({
  id: Id,
  edition: EditionCode,
  slug: Type.String(),
  name: Type.String()
}, { $id: 'TagRef', additionalProperties: false })
export type TagRef = Static<typeof TagRef>

export const TagListQuery = Type.Object({
  edition: Type.Optional(EditionCode),
  limit: Type.Optional(Limit),
  cursor: Type.Optional(Cursor)
}, { additionalProperties: false })
export type TagListQuery = Static<typeof TagListQuery>
