import { Type, type Static } from '@sinclair/typebox'
import { EditionCode, Id, Nullable, SlugInput } from '../../schemas/common.js'
import { Text } from '../../schemas/text-validation.js'

// the fields a client may write; ids, timestamps, positions and the version are the server's (a 400 if sent)
const title = Type.String({ minLength: 1, maxLength: 300, pattern: '\\S', description: 'Plain text' })
const slug = SlugInput('Unique in the edition; generated from the title when omitted on create')
const description = Nullable(Text('multiline', { minLength: 1, maxLength: 5000, pattern: '\\S' }))

export const GalleryItemInput = Type.Object({
  mediaId: Id,
  caption: Type.Optional(Nullable(Text('multiline', { minLength: 1, maxLength: 2000, pattern: '\\S', description: 'Caption in this gallery; the media item keeps its own' })))
}, { additionalProperties: false })
export type GalleryItemInput = Static<typeof GalleryItemInput>

const items = Type.Array(GalleryItemInput, { maxItems: 500, description: 'The whole ordered list: positions are 0, 1, 2 … in this order. Replaces every item when present' })

export const GalleryCreateBody = Type.Object({
  edition: EditionCode, title, slug: Type.Optional(slug), description: Type.Optional(description), items: Type.Optional(items)
}, { additionalProperties: false })
export type GalleryCreateBody = Static<typeof GalleryCreateBody>

// the edition is fixed at creation: moving a gallery would orphan its slug in the other edition's URLs
export const GalleryPatchBody = Type.Object({
  title: Type.Optional(title), slug: Type.Optional(slug), description: Type.Optional(description), items: Type.Optional(items)
}, { additionalProperties: false, minProperties: 1 })
export type GalleryPatchBody = Static<typeof GalleryPatchBody>
