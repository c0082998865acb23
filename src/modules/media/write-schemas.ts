import { Type, type Static } from '@sinclair/typebox'
import { EditionCode, Nullable } from '../../schemas/common.js'
import { Text } from '../../schemas/text-validation.js'
import { MediaKind } from './schemas.js'

// Quire stores metadata only: the file itself lives on the CDN or storage the url points at.
const HttpUrl = Text('url', { minLength: 10, maxLength: 2048, description: 'Absolute http(s) URL of the file' })
const MimeType = Type.String({ maxLength: 255, pattern: '^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*$', description: 'Must fit the kind: image/* for images, video/* for videos, audio/* for audio, anything else for documents' })
const Dimension = Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'Pixels' })
const Bytes = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })
const text = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '\\S' })
const paragraphs = (maxLength: number) => Text('multiline', { minLength: 1, maxLength, pattern: '\\S' })

export const RenditionInput = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$', description: 'Unique within the item, e.g. thumbnail, medium, 720p' }),
  url: HttpUrl,
  mimeType: MimeType,
  width: Type.Optional(Nullable(Dimension)),
  height: Type.Optional(Nullable(Dimension)),
  bytes: Type.Optional(Nullable(Bytes))
}, { additionalProperties: false })
export type RenditionInput = Static<typeof RenditionInput>

/** Most editions a media item may have text in (a sanity bound; a site has a handful). */
export const MAX_MEDIA_TEXTS = 50

const textFields = {
  title: Type.Optional(Nullable(text(300))),
  altText: Type.Optional(Nullable(text(1000))),
  caption: Type.Optional(Nullable(paragraphs(2000))),
  credit: Type.Optional(Nullable(text(500)))
}

export const MediaTextInput = Type.Object({ edition: EditionCode, ...textFields }, {
  additionalProperties: false, description: 'Text in one edition; a field left out or null shows the default text there'
})
export type MediaTextInput = Static<typeof MediaTextInput>

// the fields a client may write; ids, timestamps, the version and srcset (derived) are the server's
const optionalFields = {
  bytes: Type.Optional(Nullable(Bytes)),
  width: Type.Optional(Nullable(Dimension)),
  height: Type.Optional(Nullable(Dimension)),
  durationSeconds: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 1_000_000_000, description: 'Audio and video only' }))),
  ...textFields,
  translations: Type.Optional(Type.Array(MediaTextInput, { maxItems: MAX_MEDIA_TEXTS, description: 'Per-edition text, at most one entry per edition; replaces the whole list when present (an edition left out shows the default text)' })),
  renditions: Type.Optional(Type.Array(RenditionInput, { maxItems: 50, description: 'Replaces the whole list when present' }))
}
const kind = Type.Union(MediaKind.anyOf, { description: 'Kind of media' })

export const MediaCreateBody = Type.Object({ kind, url: HttpUrl, mimeType: MimeType, ...optionalFields }, { additionalProperties: false })
export type MediaCreateBody = Static<typeof MediaCreateBody>

export const MediaPatchBody = Type.Object({
  kind: Type.Optional(kind), url: Type.Optional(HttpUrl), mimeType: Type.Optional(MimeType), ...optionalFields
}, { additionalProperties: false, minProperties: 1 })
export type MediaPatchBody = Static<typeof MediaPatchBody>

/** The text parts of a multipart upload, beside its `file` part (multipart fields are strings). */
export const UploadFields = Type.Object({
  file: Type.Optional(Type.Unsafe<string>({ type: 'string', format: 'binary', description: 'The file: its bytes decide its type' })),
  title: Type.Optional(text(300)),
  altText: Type.Optional(text(1000)),
  caption: Type.Optional(paragraphs(2000)),
  credit: Type.Optional(text(500)),
  focalPoint: Type.Optional(Type.String({ pattern: '^(0(\\.[0-9]{1,4})?|1(\\.0{1,4})?),(0(\\.[0-9]{1,4})?|1(\\.0{1,4})?)$', description: 'Images: "x,y", each from 0 to 1 (left/top to right/bottom), the point crops keep in view' }))
}, { additionalProperties: false })
export type UploadFieldsBody = Omit<Static<typeof UploadFields>, 'file'>
