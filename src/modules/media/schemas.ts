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

const Url = Type.String({ format: 'uri' })

export const FocalPoint = Type.Object({
  x: Type.Number({ minimum: 0, maximum: 1, description: 'From the left edge (0) to the right (1)' }),
  y: Type.Number({ minimum: 0, maximum: 1, description: 'From the top edge (0) to the bottom (1)' })
}, { additionalProperties: false, description: 'The point crops keep in view' })

export const MediaFile = Type.Object({
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the bytes as uploaded; identical uploads share the stored file' }),
  bytes: Type.Integer({ minimum: 0, description: 'Size of the stored original (images: after metadata was removed)' }),
  mimeType: Type.String(),
  originalFilename: Type.String({ description: 'The name it was uploaded under; downloads are offered under it' }),
  url: Type.String({ description: 'The stored original, inline; immutable (cacheable forever)' }),
  downloadUrl: Type.String({ description: 'The same bytes as an attachment (Content-Disposition) under originalFilename' }),
  placeholder: Nullable(Type.String({ description: 'Images: a BlurHash of the picture, to draw while it loads' })),
  dominantColor: Nullable(Type.String({ pattern: '^#[0-9a-f]{6}$', description: 'Images: the dominant colour, #rrggbb' })),
  focalPoint: Nullable(FocalPoint),
  pageCount: Nullable(Type.Integer({ minimum: 0, description: 'PDFs: number of pages' })),
  sizes: Nullable(Type.String({ description: 'Images: a default `sizes` attribute for the srcset values' })),
  sources: Type.Array(Type.Object({
    type: Type.String({ description: 'image/avif or image/webp' }),
    srcset: Type.String()
  }, { additionalProperties: false }), { description: 'Images: <picture> sources in modern formats, best first' }),
  crops: Type.Array(Type.Object({
    ratio: Type.Union([Type.Literal('4:3'), Type.Literal('1:1'), Type.Literal('16:9')]),
    url: Url,
    width: Type.Integer(),
    height: Type.Integer(),
    srcset: Type.String({ description: 'The crop at every width, WebP' })
  }, { additionalProperties: false }), { description: 'Images: crops around the focal point (the centre without one)' })
}, { additionalProperties: false, description: 'The uploaded file; null for an item whose url points elsewhere' })
export type MediaFile = Static<typeof MediaFile>

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
  file: Nullable(MediaFile),
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
