import { Type, type Static } from '@sinclair/typebox'
import { Cursor, DateTime, EditionCode, EntityVersion, Id, Nullable } from '../../schemas/common.js'
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

export const MediaText = Type.Object({
  edition: EditionCode,
  title: Nullable(Type.String()),
  altText: Nullable(Type.String()),
  caption: Nullable(Type.String()),
  credit: Nullable(Type.String())
}, { additionalProperties: false, description: 'The item\'s text in one edition, as stored (null: that edition shows the default text for the field)' })
export type MediaText = Static<typeof MediaText>

export const Media = Type.Object({
  id: Id,
  kind: Type.Union(MediaKind.anyOf),
  url: Type.String(),
  mimeType: Type.String(),
  bytes: Nullable(Type.Integer({ minimum: 0 })),
  width: Nullable(Type.Integer()),
  height: Nullable(Type.Integer()),
  durationSeconds: Nullable(Type.Integer()),
  title: Nullable(Type.String({ description: 'In the edition named by textEdition, field by field falling back to the default text' })),
  altText: Nullable(Type.String({ description: 'As title: the edition\'s, or the default' })),
  caption: Nullable(Type.String({ description: 'As title: the edition\'s, or the default' })),
  credit: Nullable(Type.String({ description: 'As title: the edition\'s, or the default' })),
  textEdition: Nullable(Type.String({ ...EditionCode, description: 'The edition whose text title, altText, caption and credit show (where it has them); null: the default text. Asked for with `?edition=`, or the embedding article\'s or page\'s edition' })),
  translations: Type.Array(MediaText, { description: 'The text of every edition that has some, by edition' }),
  renditions: Type.Array(Rendition),
  srcset: Nullable(Type.String({ description: 'For images: a srcset attribute value built from the renditions' })),
  file: Nullable(MediaFile),
  createdAt: DateTime,
  updatedAt: DateTime,
  version: Type.Optional(EntityVersion)
}, { $id: 'Media', additionalProperties: false })
export type Media = Static<typeof Media>

const editionText = Type.Optional(Type.String({ ...EditionCode, description: 'Show title, alt text, caption and credit in this edition (falling back to the default text)' }))

export const MediaItemQuery = Type.Object({ edition: editionText }, { additionalProperties: false })
export type MediaItemQuery = Static<typeof MediaItemQuery>

export const MediaListQuery = Type.Object({
  edition: editionText,
  kind: Type.Optional(Type.Union(MediaKind.anyOf)),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT })),
  cursor: Type.Optional(Cursor)
}, { additionalProperties: false })
export type MediaListQuery = Static<typeof MediaListQuery>

/** A media item inside another resource (an article's featured media, an attachment): the same object, without its own $id. */
export const MediaEmbed = Type.Object(Media.properties, { additionalProperties: false })

const attachmentFields = {
  mediaId: Id,
  label: Nullable(Type.String({ description: 'This attachment\'s label, as the editor wrote it for the article or page' }))
}
export const AttachmentRef = Type.Object(attachmentFields, { additionalProperties: false })
export const AttachmentEmbed = Type.Object({ ...attachmentFields, media: MediaEmbed }, { additionalProperties: false })
/** Attachments of an article or page, in order: media ids and labels, or with the media objects (text in the owner's edition) when `include=attachments`. */
export const Attachments = Type.Union([Type.Array(AttachmentRef), Type.Array(AttachmentEmbed)], {
  description: 'Files besides the featured media, in order: `{ mediaId, label }`, plus `media` (text in this edition) when named in include'
})
export type AttachmentOut = Static<typeof AttachmentRef> | Static<typeof AttachmentEmbed>
