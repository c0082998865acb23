import { Type, type Static } from '@sinclair/typebox'
import { EditionCode, SlugInput } from '../../schemas/common.js'

// the fields a client may write; ids, timestamps and the version are the server's (a 400 if sent)
const name = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', description: 'Plain text' })
const slug = SlugInput('Unique in the edition; generated from the name when omitted on create')

export const TagCreateBody = Type.Object({ edition: EditionCode, name, slug: Type.Optional(slug) }, { additionalProperties: false })
export type TagCreateBody = Static<typeof TagCreateBody>

export const TagPatchBody = Type.Object({ name: Type.Optional(name), slug: Type.Optional(slug) }, { additionalProperties: false, minProperties: 1 })
export type TagPatchBody = Static<typeof TagPatchBody>
