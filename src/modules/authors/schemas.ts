import { Type, type Static } from '@sinclair/typebox'
import { Cursor, DateTime, EditionCode, EntityVersion, Id, Limit, Nullable } from '../../schemas/common.js'
import { Media } from '../media/schemas.js'

// Media's properties without its $id: an embedded copy that needs no shared schema registered
// with fastify (a second schema carrying $id 'Media' in the same response would clash).
const AvatarMedia = Type.Object(Media.properties, { additionalProperties: false })

export const AuthorTranslation = Type.Object({
  edition: EditionCode,
  name: Nullable(Type.String()),
  bio: Nullable(Type.String()),
  avatarAlt: Nullable(Type.String())
}, { additionalProperties: false, description: 'What an editor wrote for one edition; null fields fall back to the author\'s own' })
export type AuthorTranslation = Static<typeof AuthorTranslation>

export const Author = Type.Object({
  id: Id,
  slug: Type.String(),
  edition: Type.String({ description: 'The edition name, bio, avatar alt text and url are in: the one asked for (or the embedding article\'s), else the default edition' }),
  name: Type.String({ description: 'In `edition`, falling back to the author\'s own name' }),
  bio: Nullable(Type.String({ description: 'In `edition`, falling back to the author\'s own bio' })),
  avatar: Nullable(AvatarMedia),
  url: Type.String({ description: 'The author\'s page on the frontend (AUTHOR_URL_TEMPLATE), in `edition`' }),
  translations: Type.Array(AuthorTranslation, { description: 'The per-edition names, bios and avatar alt texts as written, by edition code' }),
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

export const AuthorEditionQuery = Type.Object({
  edition: Type.Optional(Type.String({ ...EditionCode, description: 'The edition to serve names, bios, avatar alt texts and urls in; the default edition when absent' }))
}, { additionalProperties: false })
export type AuthorEditionQuery = Static<typeof AuthorEditionQuery>

export const AuthorListQuery = Type.Object({
  edition: AuthorEditionQuery.properties.edition,
  limit: Type.Optional(Limit),
  cursor: Type.Optional(Cursor)
}, { additionalProperties: false })
export type AuthorListQuery = Static<typeof AuthorListQuery>
