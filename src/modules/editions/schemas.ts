import { Type, type Static } from '@sinclair/typebox'
import { DateTime, Direction, EditionCode, EntityVersion, Id } from '../../schemas/common.js'

export const Edition = Type.Object({
  id: Id,
  code: EditionCode,
  name: Type.String({ description: 'English name' }),
  nativeName: Type.String({ description: 'Name in the edition\'s own language and script' }),
  direction: Direction,
  isDefault: Type.Boolean(),
  position: Type.Integer(),
  url: Type.String({ description: 'The edition\'s home page on the frontend (EDITION_URL_TEMPLATE)' }),
  createdAt: DateTime,
  updatedAt: DateTime,
  version: Type.Optional(EntityVersion)
}, { $id: 'Edition', additionalProperties: false })
export type Edition = Static<typeof Edition>

export const EditionParams = Type.Object({ code: EditionCode }, { additionalProperties: false })
