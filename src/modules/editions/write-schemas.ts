import { Type, type Static } from '@sinclair/typebox'
import { Direction, EditionCode } from '../../schemas/common.js'

// the fields a client may write; the id, timestamps and version are the server's (a 400 if sent)
const name = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S', description: 'English name' })
const nativeName = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S', description: 'Name in the edition\'s own language and script' })
const writable = {
  direction: Direction,
  isDefault: Type.Boolean({ description: 'true makes this the default edition (the previous one stops being it); the default cannot be unset, only replaced' }),
  position: Type.Integer({ minimum: 0, maximum: 1_000_000, description: 'Order in edition lists; after the others when omitted on create' })
}

export const EditionCreateBody = Type.Object({
  code: Type.String({ ...EditionCode, description: 'BCP 47 code, e.g. `de` or `pt-BR`; fixed once created (it is in URLs)' }),
  name,
  nativeName,
  direction: writable.direction,
  isDefault: Type.Optional(writable.isDefault),
  position: Type.Optional(writable.position)
}, { additionalProperties: false })
export type EditionCreateBody = Static<typeof EditionCreateBody>

export const EditionPatchBody = Type.Object({
  name: Type.Optional(name),
  nativeName: Type.Optional(nativeName),
  direction: Type.Optional(writable.direction),
  isDefault: Type.Optional(writable.isDefault),
  position: Type.Optional(writable.position)
}, { additionalProperties: false, minProperties: 1 })
export type EditionPatchBody = Static<typeof EditionPatchBody>
