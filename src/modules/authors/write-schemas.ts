import { Type, type Static } from '@sinclair/typebox'
import { Nullable, SlugInput } from '../../schemas/common.js'
import { Text } from '../../schemas/text-validation.js'

// the fields a client may write; ids, timestamps and the version are the server's (a 400 if sent)
const name = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', description: 'Plain text' })
const writable = {
  slug: Type.Optional(SlugInput('Unique across editions (authors write for all of them); generated from the name when omitted on create')),
  bio: Type.Optional(Nullable(Text('multiline', { maxLength: 5000, description: 'Plain text; null clears it' }))),
  avatarMediaId: Type.Optional(Nullable(Type.Integer({ minimum: 1, description: 'An existing media item; null removes the avatar' })))
}

export const AuthorCreateBody = Type.Object({ name, ...writable }, { additionalProperties: false })
export type AuthorCreateBody = Static<typeof AuthorCreateBody>

export const AuthorPatchBody = Type.Object({ name: Type.Optional(name), ...writable }, { additionalProperties: false, minProperties: 1 })
export type AuthorPatchBody = Static<typeof AuthorPatchBody>
