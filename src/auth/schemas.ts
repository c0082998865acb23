import { Type, type Static } from '@sinclair/typebox'

export const ApiKeyRole = Type.Union([Type.Literal('admin'), Type.Literal('editor'), Type.Literal('author'), Type.Literal('preview')])

export const ApiKey = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  name: Type.String(),
  role: ApiKeyRole,
  prefix: Type.String({ description: 'The start of the token, to recognise it; useless to authenticate' }),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'Refreshed at most once an hour' }),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()])
}, { additionalProperties: false })
export type ApiKey = Static<typeof ApiKey>

export const CreatedApiKey = Type.Object({
  ...ApiKey.properties,
  token: Type.String({ description: 'The bearer token, shown this once: only its sha256 is stored' })
}, { additionalProperties: false })

export const ApiKeyCreateBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
  role: ApiKeyRole
}, { additionalProperties: false })
