import { Type, type Static } from '@sinclair/typebox'
import { Cursor, DateTime, EditionCode, EntityVersion, Id, Limit } from '../../schemas/common.js'

export const Tag = Type.Object({
  id: Id,
  edition: EditionCode,
  slug: Type.String(),
  name: Type.String(),
  url: Type.String({ description: 'Public URL on the frontend, from the configured template' }),
  articleCount: Type.Integer({ minimum: 0, description: 'Published articles with this tag; a scheduled one counts from its publishedAt' }),
  createdAt: DateTime,
  updatedAt: DateTime,
  version: Type.Optional(EntityVersion)
}, { $id: 'Tag', additionalProperties: false })
export type Tag = Static<typeof Tag>

export const TagRef = Type.Object({
  id: Id,
  edition: EditionCode,
  slug: Type.String(),
  name: Type.String(),
  url: Type.String({ description: 'Public URL on the frontend, from the configured template' })
}, { $id: 'TagRef', additionalProperties: false })
export type TagRef = Static<typeof TagRef>

export const TagListQuery = Type.Object({
  edition: Type.Optional(EditionCode),
  limit: Type.Optional(Limit),
  cursor: Type.Optional(Cursor)
}, { additionalProperties: false })
export type TagListQuery = Static<typeof TagListQuery>
