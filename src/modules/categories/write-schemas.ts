import { Type, type Static } from '@sinclair/typebox'
import { EditionCode, Nullable, SlugInput } from '../../schemas/common.js'
import { Text } from '../../schemas/text-validation.js'

// the fields a client may write; ids, timestamps and the version are the server's (a 400 if sent)
const name = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', description: 'Plain text' })
const writable = {
  slug: Type.Optional(SlugInput('Unique in the edition; generated from the name when omitted on create')),
  description: Type.Optional(Nullable(Text('multiline', { maxLength: 2000, description: 'Plain text; null clears it' }))),
  parentId: Type.Optional(Nullable(Type.Integer({ minimum: 1, description: 'A category of the same edition; null (or omitted on create) for a top-level category' }))),
  position: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, description: 'Order among siblings, ascending; after the siblings when omitted on create' })),
  translationOf: Type.Optional(Nullable(Type.Integer({ minimum: 1, description: 'Join the translation group of this category (another edition); null leaves the group' })))
}

export const CategoryCreateBody = Type.Object({ edition: EditionCode, name, ...writable }, { additionalProperties: false })
export type CategoryCreateBody = Static<typeof CategoryCreateBody>

export const CategoryPatchBody = Type.Object({ name: Type.Optional(name), ...writable }, { additionalProperties: false, minProperties: 1 })
export type CategoryPatchBody = Static<typeof CategoryPatchBody>
