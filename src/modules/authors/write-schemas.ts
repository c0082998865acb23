import { Type, type Static } from '@sinclair/typebox'
import { EditionCode, Nullable, SlugInput } from '../../schemas/common.js'
import { Text } from '../../schemas/text-validation.js'

// the fields a client may write; ids, timestamps and the version are the server's (a 400 if sent)
const nameOf = (description: string) => Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', description })
const bioOf = (description: string) => Text('multiline', { maxLength: 5000, description })
const name = nameOf('Plain text')
const bio = bioOf('Plain text; null clears it')
const avatarAlt = Type.String({ minLength: 1, maxLength: 500, pattern: '\\S', description: 'The avatar\'s alt text in this edition; null: the media item\'s own' })

export const AUTHOR_TRANSLATIONS_MAX = 50

export const AuthorTranslationInput = Type.Object({
  edition: EditionCode,
  name: Type.Optional(Nullable(nameOf('The name in this edition; null or absent: the author\'s own'))),
  bio: Type.Optional(Nullable(bioOf('The bio in this edition; null or absent: the author\'s own'))),
  avatarAlt: Type.Optional(Nullable(avatarAlt))
}, { additionalProperties: false, minProperties: 2 })
export type AuthorTranslationInput = Static<typeof AuthorTranslationInput>

const writable = {
  slug: Type.Optional(SlugInput('Unique across editions (authors write for all of them); generated from the name when omitted on create')),
  bio: Type.Optional(Nullable(bio)),
  avatarMediaId: Type.Optional(Nullable(Type.Integer({ minimum: 1, description: 'An existing media item; null removes the avatar' }))),
  translations: Type.Optional(Type.Array(AuthorTranslationInput, {
    maxItems: AUTHOR_TRANSLATIONS_MAX,
    description: 'Name, bio and avatar alt text per edition, at most one entry per edition; replaces every stored one when present ([] removes them). A field left out falls back to the author\'s own'
  }))
}

export const AuthorCreateBody = Type.Object({ name, ...writable }, { additionalProperties: false })
export type AuthorCreateBody = Static<typeof AuthorCreateBody>

export const AuthorPatchBody = Type.Object({ name: Type.Optional(name), ...writable }, { additionalProperties: false, minProperties: 1 })
export type AuthorPatchBody = Static<typeof AuthorPatchBody>
