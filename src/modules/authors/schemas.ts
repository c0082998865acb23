import { Type, type Static } from '@sinclair/typebox'
import { Cursor, DateTime, EntityVersion, Id, Limit, Nullable } from '../../schemas/common.js'
import { Media } from '../media/schemas.js'

// Media's properties without its $id: an embedded copy that needs no shared schema registered
// with fastify (a second schema carrying $id 'Media' in the same response would clash).
const AvatarMedia = Type.Object(Media.properties, { additionalProperties: false })

export const Author = Type.Object({
  id: Id,
  slug: Type.String(),
  name: Type.String(),
  bio: Nullable(Type.String()),
  avatar: Nullable(AvatarMedia),
  url: Type.String({ description: 'The author\'s page on the frontend (AUTHOR_URL_TEMPLATE), in the edition asked for, else the default edition' }),
  createdAt: DateTime,
  updatedAt: DateTime,
  version: Type.Optional(EntityVersion)
}, { $id: 'Author', additionalProperties: false })
export type Author = Static<typeof Author>

export const AuthorRef = Type.Object({
  id: Id,
  slug: Type.String(),
  name: Type.String()
}, { $id: 'AuthorRef', additionalProperties: false })
export type AuthorRef = Static<typeof AuthorRef>

export const AuthorListQuery = Type.Object({
  limit: Type.Optional(Limit),
  cursor: Type.Optional(Cursor)
}, { additionalProperties: false })
export type AuthorListQuery = Static<typeof AuthorListQuery>
