import { Type, type Static } from '@sinclair/typebox'
import { changeActions, changeEntityTypes } from '../../db/schema.js'
import { Cursor, DateTime, IdString, Limit } from '../../schemas/common.js'

const literals = <T extends string>(values: readonly T[]) => Type.Unsafe<T>(Type.Union(values.map((v) => Type.Literal(v))))

export const Change = Type.Object({
  seq: Type.Integer({ minimum: 1, description: 'Position in the change sequence: strictly increasing in commit order' }),
  entityType: literals(changeEntityTypes),
  entityId: Type.Integer({ minimum: 1, description: 'The id of what changed (editions and settings: the edition id)' }),
  action: literals(changeActions),
  at: DateTime,
  key: Type.Union([Type.Object({ id: Type.Integer({ minimum: 1 }), name: Type.String() }, { additionalProperties: false }), Type.Null()], {
    description: 'The API key that made the change; null for seeded content'
  }),
  summary: Type.Record(Type.String(), Type.Unknown(), {
    description: 'What changed: the fields with their old and new values (long text by length only), or for creates and deletes what the item was'
  })
}, { $id: 'Change', additionalProperties: false })
export type Change = Static<typeof Change>

export const ChangeListQuery = Type.Object({
  entityType: Type.Optional(literals(changeEntityTypes)),
  entityId: Type.Optional(IdString),
  keyId: Type.Optional(IdString),
  action: Type.Optional(literals(changeActions)),
  limit: Type.Optional(Limit),
  cursor: Type.Optional(Cursor)
}, { additionalProperties: false })
export type ChangeListQuery = Static<typeof ChangeListQuery>
