import { Type, type Static } from '@sinclair/typebox'
import { AttachmentSnapshot, AttachmentsInput, RevisionSummary } from '../../editorial/schemas.js'
import { EditionCode, Id, Nullable, SlugInput } from '../../schemas/common.js'
import { Text } from '../../schemas/text-validation.js'

const ids = (what: string, max: number) => Type.Array(Id, { maxItems: max, uniqueItems: true, description: what })
const httpUrl = Text('url', { maxLength: 2000, description: 'An absolute http(s) URL' })

/**
 * The fields a client may write. Ids, timestamps, counters, the owning key and the workflow state
 * are the server's: naming any of them is a 400 (unknown property), never silently ignored.
 */
const writable = {
  title: Type.String({ minLength: 1, maxLength: 300, pattern: '\\S', description: 'Plain text' }),
  slug: SlugInput('Unique in the edition; generated from the title when omitted on create (Latin transliterated, Arabic script kept)'),
  excerpt: Nullable(Text('multiline', { maxLength: 2000, description: 'Plain text' })),
  body: Text('multiline', { maxLength: 500_000, description: 'HTML; sanitized with an allowlist on write (see docs/content-management.md, Writes)' }),
  featured: Type.Boolean(),
  featuredMediaId: Nullable(Id),
  seo: Type.Object({
    title: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
    description: Type.Optional(Nullable(Text('multiline', { maxLength: 1000 })))
  }, { additionalProperties: false }),
  source: Nullable(Type.Object({
    name: Type.String({ minLength: 1, maxLength: 200 }),
    url: Type.Optional(Nullable(httpUrl)),
    publishedAt: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
    originalAuthor: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', description: 'The byline of the original, plain text' }))),
    originalTitle: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 300, pattern: '\\S', description: 'The headline of the original, plain text' })))
  }, { additionalProperties: false, description: 'Attribution of a republished piece' })),
  authorIds: ids('Byline, in order', 20),
  categoryIds: ids('Categories of the same edition; the first is the primary one', 20),
  tagIds: ids('Tags of the same edition', 50),
  commentStatus: Nullable(Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('hidden')], { description: 'Comments on this article; null follows the edition default (docs/comments.md)' })),
  translationOf: Nullable(Type.Integer({ minimum: 1, description: 'Join the translation group of this article (another edition); null leaves the group' })),
  attachments: AttachmentsInput
}

const optional = <T extends Record<string, import('@sinclair/typebox').TSchema>>(props: T) =>
  Object.fromEntries(Object.entries(props).map(([k, v]) => [k, Type.Optional(v)])) as { [K in keyof T]: import('@sinclair/typebox').TOptional<T[K]> }

const { title, ...rest } = writable

export const ArticleCreateBody = Type.Object({
  edition: EditionCode,
  title,
  ...optional(rest)
}, { additionalProperties: false, description: 'A new article, created as a draft' })
export type ArticleCreateBody = Static<typeof ArticleCreateBody>

export const ArticlePatchBody = Type.Object(optional(writable), {
  additionalProperties: false, minProperties: 1, description: 'Only the fields present change; lists (authorIds, categoryIds, tagIds, attachments) are replaced whole'
})
export type ArticlePatchBody = Static<typeof ArticlePatchBody>

export const ArticleSnapshot = Type.Object({
  edition: Type.String(),
  slug: Type.String(),
  title: Type.String(),
  excerpt: Nullable(Type.String()),
  body: Type.String(),
  status: Type.String(),
  publishedAt: Nullable(Type.String()),
  featured: Type.Boolean(),
  featuredMediaId: Nullable(Id),
  seo: Type.Object({ title: Nullable(Type.String()), description: Nullable(Type.String()) }, { additionalProperties: false }),
  source: Nullable(Type.Object({ name: Type.String(), url: Nullable(Type.String()), publishedAt: Nullable(Type.String()), originalAuthor: Nullable(Type.String()), originalTitle: Nullable(Type.String()) }, { additionalProperties: false })),
  authorIds: Type.Array(Id),
  categoryIds: Type.Array(Id),
  tagIds: Type.Array(Id),
  attachments: Type.Optional(Type.Array(AttachmentSnapshot, { description: 'Absent in revisions stored before attachments existed' })),
  translationGroup: Nullable(Type.Integer())
}, { additionalProperties: false })

export const ArticleRevision = Type.Object({
  ...RevisionSummary.properties,
  snapshot: ArticleSnapshot
}, { additionalProperties: false })
