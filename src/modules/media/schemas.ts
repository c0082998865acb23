import { Type, type Static } from '@sinclair/typebox'
import { Cursor, DateTime, EntityVersion, Id, Nullable } from '../../schemas/common.js'
import { DEFAULT_LIMIT, MAX_LIMIT } from '../../pagination/limits.js'

export const MediaKind = Type.Union([Type.Literal('image'), Type.Literal('video'), Type.Literal('audio'), Type.Literal('document')], { description: 'Kind of media' })

export const Rendition = Type.Object({
  name: Type.String({ description: 'Rendition name, e.g. thumbnail, medium, 720p' }),
  url: Type.String(),
  width: Nullable(Type.Integer()),
  height: Nullable(Type.Integer()),
  mimeType: Type.String(),
  bytes: Nullable(Type.Integer())
}, { additionalProperties: false })

export const Media = Type.Object({
  id: Id,
  kind: Type.Union(MediaKind.anyOf),
  url: Type.String(),
  mimeType: Type.String(),
  bytes: Nullable(Type.Integer({ minimum: 0 })),
  width: Nullable(Type.Integer()),
  height: Nullable(Type.Integer()),
  durationSeconds: Nullable(Type.Integer()),
  altText: Nullable(Type.String()),
  caption: Nullable(Type.String()),
  credit: Nullable(Type.String()),
  renditions: Type.Array(Rendition),
  srcset: Nullable(Type.String({ description: 'For images: a srcset attribute value built from the renditions' })),
  createdAt: DateTime,
  updatedAt: DateTime,
  version: Type.Optional(EntityVersion)
}, { $id: 'Media', additionalProperties: false })
export type Media = Static<typeof Media>

export const MediaListQuery = Type.Object({
  kind: Type.Optional(Type.Union(MediaKind.anyOf)),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT })),
  cursor: Type.Optional(Cursor)
}, { additionalProperties: false })
export type MediaListQuery = Static<typeof MediaListQuery>
