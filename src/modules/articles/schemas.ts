import { Type, type Static } from '@sinclair/typebox'
import { Cursor, DateTime, Direction, EditionCode, Id, Limit, Nullable, PageNumber, Slug } from '../../schemas/common.js'
import { ContentStatus } from '../../editorial/schemas.js'
import { Attachments, MediaEmbed } from '../media/schemas.js'
import { ShareNetwork } from '../settings/schemas.js'

export const articleSorts = ['-publishedAt', 'publishedAt', '-updatedAt', 'title'] as const
export type ArticleSort = typeof articleSorts[number]

// frozen: the shaper keeps one Set per frozen list (shape.ts)
export const articleIncludes = Object.freeze(['authors', 'categories', 'tags', 'featuredMedia', 'translations', 'attachments'] as const)
export type ArticleInclude = typeof articleIncludes[number]

// Every field a client may name in `fields`. `id` is always returned.
export const articleFields = Object.freeze([
  'id', 'edition', 'direction', 'slug', 'title', 'excerpt', 'body', 'publishedAt', 'createdAt', 'updatedAt',
  'featured', 'wordCount', 'readingTimeMinutes', 'commentStatus', 'commentCount', 'url', 'shareLinks', 'seo', 'source', 'primaryCategoryId',
  'featuredMedia', 'authors', 'categories', 'tags', 'translations', 'attachments'
] as const)
export type ArticleField = typeof articleFields[number]

/** Lists omit the body unless `fields` asks for it: mobile list screens never render it. */
export const defaultListFields: readonly ArticleField[] = Object.freeze(articleFields.filter((f) => f !== 'body'))

const commaList = (names: readonly string[], description: string) => Type.String({
  pattern: `^(${names.join('|')})(,(${names.join('|')}))*$`,
  description: `${description} Comma-separated, any of: ${names.join(', ')}.`
})

// status and version come with every editorial response; naming them in `fields` is allowed, not needed
const selectableFields = [...articleFields, 'status', 'version']

export const ArticleListQuery = Type.Object({
  edition: Type.Optional(EditionCode),
  category: Type.Optional(Type.String({ ...Slug, description: 'Category slug; articles in its descendant categories are included' })),
  tag: Type.Optional(Type.String({ ...Slug, description: 'Tag slug' })),
  author: Type.Optional(Type.String({ ...Slug, description: 'Author slug' })),
  featured: Type.Optional(Type.Boolean()),
  slug: Type.Optional(Type.String({ ...Slug, description: 'Exact article slug (combine with edition for a lookup)' })),
  publishedAfter: Type.Optional(Type.String({ format: 'date-time', description: 'Only articles published at or after this instant' })),
  publishedBefore: Type.Optional(Type.String({ format: 'date-time', description: 'Only articles published before this instant' })),
  sort: Type.Optional(Type.Union(articleSorts.map((s) => Type.Literal(s)), { default: '-publishedAt', description: 'Order of the list' })),
  limit: Type.Optional(Limit),
  cursor: Type.Optional(Cursor),
  page: Type.Optional(PageNumber),
  fields: Type.Optional(commaList(selectableFields, 'Sparse fieldset.')),
  include: Type.Optional(commaList(articleIncludes, 'Relations to embed as objects instead of ids.')),
  status: Type.Optional(Type.Union(ContentStatus.anyOf, { description: 'API keys only (other than `published`): narrow to one workflow status. Keys see every status by default; the public only published articles.' }))
}, { additionalProperties: false })
export type ArticleListQuery = Static<typeof ArticleListQuery>

/** What only a single article embeds: its neighbours (modules/articles/neighbours.ts). */
export const neighbourIncludes = ['adjacent', 'related'] as const
export type NeighbourInclude = typeof neighbourIncludes[number]

export const ArticleItemQuery = Type.Object({
  fields: Type.Optional(commaList(selectableFields, 'Sparse fieldset.')),
  include: Type.Optional(commaList([...articleIncludes, ...neighbourIncludes], 'Relations to embed as objects; a single article embeds all of them by default. `adjacent` adds `previous` (older) and `next` (newer) public articles of the edition; `related` adds up to 5 related articles (shared categories and tags, then similar words). Naming any one embeds only those named.')),
  sameCategory: Type.Optional(Type.Boolean({ description: 'With include=adjacent: previous and next within the article\'s primary category' }))
}, { additionalProperties: false })
export type ArticleItemQuery = Static<typeof ArticleItemQuery>

const frontendUrl = Type.String({ description: 'Public URL on the frontend' })
export const ArticleAuthorEmbed = Type.Object({ id: Id, slug: Type.String(), name: Type.String(), url: Type.String({ description: 'The author\'s page on the frontend, in the article\'s edition' }) }, { additionalProperties: false })
export const ArticleCategoryEmbed = Type.Object({
  id: Id, edition: Type.String(), slug: Type.String(), name: Type.String(), parentId: Nullable(Id), primary: Type.Boolean(), url: frontendUrl
}, { additionalProperties: false })
export const ArticleTagEmbed = Type.Object({ id: Id, edition: Type.String(), slug: Type.String(), name: Type.String(), url: frontendUrl }, { additionalProperties: false })
export const ArticleTranslation = Type.Object({
  id: Id, edition: Type.String(), direction: Direction, slug: Type.String(), title: Type.String(), url: Type.String()
}, { additionalProperties: false })
/** A neighbour of a single article (previous, next, related): enough for a card linking to it. */
export const ArticleNeighbour = Type.Object({
  id: Id,
  edition: EditionCode,
  slug: Type.String(),
  title: Type.String(),
  url: Type.String({ description: 'Public URL on the frontend' }),
  publishedAt: DateTime,
  featuredMedia: Nullable(MediaEmbed)
}, { additionalProperties: false })
export const ShareLink = Type.Object({
  network: ShareNetwork,
  label: Type.String({ description: 'The network\'s name, e.g. WhatsApp' }),
  href: Type.String({ description: 'The share link: open it to share the article' })
}, { additionalProperties: false })

const idsOr = <T extends import('@sinclair/typebox').TSchema>(embed: T, what: string) =>
  Type.Union([Type.Array(Id), Type.Array(embed)], { description: `${what}: ids, or objects when named in include` })

export const Article = Type.Object({
  id: Id,
  edition: EditionCode,
  direction: Direction,
  slug: Type.String(),
  title: Type.String(),
  excerpt: Type.String({ description: 'The stored excerpt, or when that is empty, the start of the body as plain text' }),
  body: Type.String({ description: 'HTML body' }),
  publishedAt: DateTime,
  createdAt: DateTime,
  updatedAt: DateTime,
  featured: Type.Boolean(),
  wordCount: Type.Integer({ minimum: 0 }),
  readingTimeMinutes: Type.Integer({ minimum: 0 }),
  commentStatus: Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('hidden')], { description: 'Comments: `open` takes new ones, `closed` shows the approved ones, `hidden` shows none (docs/comments.md)' }),
  commentCount: Type.Integer({ minimum: 0, description: 'Approved comments' }),
  url: Type.String({ description: 'Canonical public URL on the frontend' }),
  shareLinks: Type.Array(ShareLink, { description: 'Share buttons: the networks of the edition\'s settings, each link built from the article\'s url and title' }),
  seo: Type.Object({ title: Nullable(Type.String()), description: Nullable(Type.String()) }, { additionalProperties: false }),
  source: Nullable(Type.Object({
    name: Type.String({ description: 'The publication it first appeared in' }),
    url: Nullable(Type.String({ description: 'The original\'s address' })),
    publishedAt: Nullable(DateTime),
    originalAuthor: Nullable(Type.String({ description: 'The byline of the original' })),
    originalTitle: Nullable(Type.String({ description: 'The headline of the original' }))
  }, { additionalProperties: false, description: 'Attribution of a republished piece' })),
  primaryCategoryId: Nullable(Id),
  featuredMedia: Type.Union([Id, MediaEmbed, Type.Null()], { description: 'Media id, or the media object (text in the article\'s edition) when included' }),
  attachments: Attachments,
  authors: idsOr(ArticleAuthorEmbed, 'Authors in byline order'),
  categories: idsOr(ArticleCategoryEmbed, 'Categories, primary first'),
  tags: idsOr(ArticleTagEmbed, 'Tags'),
  translations: idsOr(ArticleTranslation, 'Published versions of this article in other editions'),
  status: Type.Union(ContentStatus.anyOf, { description: 'Workflow status; only in responses to API keys. A scheduled article whose publishedAt has come is `published`.' }),
  version: Type.Integer({ minimum: 1, description: 'Incremented by every write; the ETag of authenticated responses is `"v<version>"`. Only in responses to API keys.' }),
  previous: Type.Union([ArticleNeighbour, Type.Null()], { description: 'Single articles with include=adjacent: the public article published just before this one in its edition (or primary category with sameCategory=true); null at the start' }),
  next: Type.Union([ArticleNeighbour, Type.Null()], { description: 'Single articles with include=adjacent: the public article published just after; null at the end' }),
  related: Type.Array(ArticleNeighbour, { description: 'Single articles with include=related: up to 5 public articles of the edition sharing the most categories and tags (then the newest), filled up with articles of similar words' })
}, { additionalProperties: false })
export type Article = Static<typeof Article>

// Sparse fieldsets make every field optional on the wire; without `fields`, all of them are present.
export const ArticleOut = Type.Partial(Article, { $id: 'Article', additionalProperties: false })

export const ArticleSlugParams = Type.Object({ code: EditionCode, slug: Slug }, { additionalProperties: false })
