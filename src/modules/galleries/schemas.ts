import { Type, type Static } from '@sinclair/typebox'
import { Cursor, DateTime, EditionCode, EntityVersion, Id, Limit, Nullable, Slug } from '../../schemas/common.js'
import { Media } from '../media/schemas.js'

// Media's properties without its $id: an embedded copy that needs no shared schema registered
// with fastify (a second schema carrying $id 'Media' in the same response would clash).
const { version: _version, ...mediaProperties } = Media.properties
const GalleryMedia = Type.Object(mediaProperties, { additionalProperties: false })

export const GalleryItem = Type.Object({
  position: Type.Integer({ minimum: 0, description: 'Order within the gallery, ascending' }),
  caption: Nullable(Type.String({ description: 'Caption for this gallery; the media item keeps its own caption too' })),
  media: GalleryMedia
}, { additionalProperties: false })
export type GalleryItem = Static<typeof GalleryItem>

export const Gallery = Type.Object({
  id: Id,
  edition: EditionCode,
  slug: Type.String(),
  title: Type.String(),
  description: Nullable(Type.String()),
  url: Type.String({ description: 'Public URL on the frontend, from the configured template' }),
  items: Type.Array(GalleryItem),
  createdAt: DateTime,
  updatedAt: DateTime,
  version: Type.Optional(EntityVersion)
}, { $id: 'Gallery', additionalProperties: false })
export type Gallery = Static<typeof Gallery>

export const GalleryListQuery = Type.Object({
  edition: Type.Optional(EditionCode),
  limit: Type.Optional(Limit),
  cursor: Type.Optional(Cursor)
}, { additionalProperties: false })
export type GalleryListQuery = Static<typeof GalleryListQuery>

export const GallerySlugParams = Type.Object({ code: EditionCode, slug: Slug }, { additionalProperties: false })
