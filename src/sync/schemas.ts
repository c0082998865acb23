import { Type, type Static, type TSchema } from '@sinclair/typebox'
import { ArticleOut } from '../modules/articles/schemas.js'
import { Author } from '../modules/authors/schemas.js'
import { Category } from '../modules/categories/schemas.js'
import { Media } from '../modules/media/schemas.js'
import { Page } from '../modules/pages/schemas.js'
import { Tag } from '../modules/tags/schemas.js'
import { EditionCode, Id, Nullable, ref } from '../schemas/common.js'

/** What sync delivers, in the order an initial sync lists them. */
export const syncTypes = ['article', 'page', 'category', 'tag', 'author', 'media'] as const
export type SyncType = typeof syncTypes[number]
/** Global types: not filtered by edition. */
export const globalSyncTypes: ReadonlySet<SyncType> = new Set(['author', 'media'])

export const SYNC_DEFAULT_LIMIT = 100
export const SYNC_MAX_LIMIT = 500

const typeName = `(${syncTypes.join('|')})`

export const SyncQuery = Type.Object({
  edition: Type.Optional(Type.String({ ...EditionCode, description: 'Only this edition\'s articles, pages, categories and tags (authors and media are global and always included). Not with `token`: the token remembers it' })),
  types: Type.Optional(Type.String({
    pattern: `^${typeName}(,${typeName})*$`,
    maxLength: 100,
    description: `Comma-separated subset of ${syncTypes.join(', ')} (default: all). Not with \`token\``,
    examples: ['article,page']
  })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: SYNC_MAX_LIMIT, description: `Entries per page (1–${SYNC_MAX_LIMIT}, default ${SYNC_DEFAULT_LIMIT})` })),
  token: Type.Optional(Type.String({
    minLength: 1,
    maxLength: 1024,
    pattern: '^[A-Za-z0-9_-]+$',
    description: 'The `meta.nextSyncToken` of the previous response; omit it for the initial sync'
  }))
}, { additionalProperties: false })
export type SyncQuery = Static<typeof SyncQuery>

const upsert = <T extends TSchema>(type: SyncType, entity: T, shape: string) => Type.Object({
  type: Type.Literal(type),
  id: Id,
  action: Type.Literal('upsert'),
  entity
}, { additionalProperties: false, description: `Store or replace this ${type}: ${shape}, as the public sees it now` })

export const SyncDelete = Type.Object({
  type: Type.Union(syncTypes.map((t) => Type.Literal(t))),
  id: Id,
  action: Type.Literal('delete')
}, {
  additionalProperties: false,
  description: 'Tombstone: the entity is no longer public (deleted, unpublished, archived or rescheduled); remove it. Ids you never had may appear: ignore them'
})

/*
 * Each upsert names its resource's own schema, so the response schema stays the allowlist of what
 * leaves the server. The price is paid once per process: fast-json-stringify compiles a validator
 * per alternative on the route's first response (~0.5 s).
 */
export const SyncItem = Type.Union([
  SyncDelete,
  upsert('article', ref(ArticleOut), 'every field of `GET /v1/articles?fields=…`, relations (authors, categories, tags, featuredMedia, translations) as ids'),
  upsert('page', ref(Page), 'as `GET /v1/pages/{id}`'),
  upsert('category', Type.Omit(Category, ['articleCount'], { $id: undefined, additionalProperties: false }), 'as `GET /v1/categories/{id}` without `articleCount` (article writes move it with no category change)'),
  upsert('tag', Type.Omit(Tag, ['articleCount'], { $id: undefined, additionalProperties: false }), 'as `GET /v1/tags/{id}` without `articleCount`'),
  upsert('author', ref(Author), 'as `GET /v1/authors/{id}`'),
  upsert('media', ref(Media), 'as `GET /v1/media/{id}`')
])

export const SyncResponse = Type.Object({
  data: Type.Array(SyncItem, { description: 'Apply in order; an entity appears at most once per page' }),
  meta: Type.Object({
    limit: Type.Integer({ minimum: 1 }),
    hasMore: Type.Boolean({ description: 'true: call again now with nextSyncToken; false: you are up to date — store nextSyncToken and call with it later' }),
    nextSyncToken: Type.String({ description: 'Opaque, signed; carries the edition and types filter' })
  }, { additionalProperties: false }),
  links: Type.Object({
    self: Type.String(),
    next: Nullable(Type.String({ description: 'The next page while hasMore, else null' }))
  }, { additionalProperties: false }),
  nextSyncToken: Type.String({ description: 'The same token as meta.nextSyncToken, at the top level where sync clients of other content APIs look for it' })
}, { additionalProperties: false, description: 'One page of the sync stream' })
