import { Type, type Static, type TProperties } from '@sinclair/typebox'
import { EditionCode } from '../schemas/common.js'

/*
 * Query strings of the WordPress-compatible read API, named and bounded as WordPress's REST API
 * (wp/v2) names them. Lists arrive as comma-separated strings: `categories=1,2` and the
 * `categories[]=1&categories[]=2` that PHP-style clients (wpapi, axios with qs) send are folded
 * into that one form before validation (routes.ts), so one pattern checks both.
 */

const idPattern = '[1-9][0-9]{0,15}'
const IdList = Type.String({ pattern: `^${idPattern}(,${idPattern})*$`, maxLength: 2000, description: 'Comma-separated ids' })
// WordPress's `parent`/`post` accept 0 (the root); ids are otherwise positive
const IdOrZeroList = Type.String({ pattern: `^(0|${idPattern})(,(0|${idPattern}))*$`, maxLength: 2000 })
const SlugList = Type.String({ pattern: '^[^,\\s]{1,200}(,[^,\\s]{1,200})*$', maxLength: 2000, description: 'Comma-separated slugs' })
// WordPress reads dates without a zone in the site's zone, which is UTC here
const WpDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})?$', description: 'ISO 8601; without a zone, UTC' })

export const PER_PAGE_DEFAULT = 10
export const PER_PAGE_MAX = 100

const common = {
  context: Type.Optional(Type.Union([Type.Literal('view'), Type.Literal('embed'), Type.Literal('edit')])),
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: PER_PAGE_MAX, default: PER_PAGE_DEFAULT })),
  include: Type.Optional(IdList),
  exclude: Type.Optional(IdList),
  order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
  _fields: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_:.-]+(,[A-Za-z0-9_:.-]+)*$', maxLength: 1000 })),
  // `_embed` alone, `_embed=1`/`true`, or the relations to embed (WordPress 5.4+)
  _embed: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_:,]*$', maxLength: 200 })),
  search: Type.Optional(Type.String({ minLength: 1, maxLength: 200 }))
}

const object = <T extends TProperties>(properties: T) => Type.Object(properties, { additionalProperties: false })

const orderby = <T extends string>(...names: T[]) => Type.Optional(Type.Union(names.map((n) => Type.Literal(n))))

export const PostListQuery = object({
  ...common,
  lang: Type.Optional(EditionCode),
  slug: Type.Optional(SlugList),
  categories: Type.Optional(IdList),
  tags: Type.Optional(IdList),
  author: Type.Optional(IdList),
  after: Type.Optional(WpDate),
  before: Type.Optional(WpDate),
  sticky: Type.Optional(Type.Boolean()),
  orderby: orderby('date', 'modified', 'title', 'slug', 'id', 'include', 'relevance')
})
export type PostListQuery = Static<typeof PostListQuery>

export const PageListQuery = object({
  ...common,
  lang: Type.Optional(EditionCode),
  slug: Type.Optional(SlugList),
  orderby: orderby('date', 'modified', 'title', 'slug', 'id', 'include')
})
export type PageListQuery = Static<typeof PageListQuery>

export const CategoryListQuery = object({
  ...common,
  lang: Type.Optional(EditionCode),
  slug: Type.Optional(SlugList),
  parent: Type.Optional(Type.Integer({ minimum: 0 })),
  post: Type.Optional(Type.Integer({ minimum: 1 })),
  orderby: orderby('id', 'name', 'slug', 'include')
})
export type CategoryListQuery = Static<typeof CategoryListQuery>

export const TagListQuery = object({
  ...common,
  lang: Type.Optional(EditionCode),
  slug: Type.Optional(SlugList),
  post: Type.Optional(Type.Integer({ minimum: 1 })),
  orderby: orderby('id', 'name', 'slug', 'include')
})
export type TagListQuery = Static<typeof TagListQuery>

export const UserListQuery = object({
  ...common,
  slug: Type.Optional(SlugList),
  orderby: orderby('id', 'name', 'slug', 'include')
})
export type UserListQuery = Static<typeof UserListQuery>

export const MediaListQuery = object({
  ...common,
  media_type: Type.Optional(Type.Union([Type.Literal('image'), Type.Literal('video'), Type.Literal('audio'), Type.Literal('file')])),
  orderby: orderby('date', 'id', 'include')
})
export type MediaListQuery = Static<typeof MediaListQuery>

export const CommentListQuery = object({
  ...common,
  lang: Type.Optional(EditionCode),
  post: Type.Optional(IdList),
  parent: Type.Optional(IdOrZeroList),
  orderby: orderby('date', 'date_gmt', 'id', 'include', 'post', 'parent')
})
export type CommentListQuery = Static<typeof CommentListQuery>

export const ItemQuery = object({
  context: common.context,
  _fields: common._fields,
  _embed: common._embed,
  // Polylang lets item reads name the language too; an item is in one edition whatever it says
  lang: Type.Optional(EditionCode)
})
export type ItemQuery = Static<typeof ItemQuery>

// WordPress's route pattern is `(?P<id>[\d]+)`: anything else is no route at all (routes.ts)
export const ItemParams = object({ id: Type.String({ pattern: '^[0-9]{1,16}$' }) })
export type ItemParams = Static<typeof ItemParams>
