import { Type, type Static } from '@sinclair/typebox'
import { Cursor, DateTime, EditionCode, EntityVersion, Id, IdString, Nullable } from '../../schemas/common.js'
import { Text } from '../../schemas/text-validation.js'

const commentStatusLiterals = ['pending', 'approved', 'spam', 'trash'] as const
export const CommentStatusSchema = Type.Union(commentStatusLiterals.map((s) => Type.Literal(s)))

const Name = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S', description: 'Shown with the comment; plain text' })
const Email = Type.String({ format: 'email', maxLength: 254, description: 'Never shown publicly: kept for moderators and erasure requests' })
const Website = Type.String({ maxLength: 500, pattern: '^https?://[^\\s]+$', description: 'Shown as the author\'s link' })
// the protocol cap; the configured COMMENTS_MAX_LENGTH (default 5,000) is checked after it with its own message
const Body = Text('multiline', { minLength: 1, maxLength: 20_000, pattern: '\\S', description: 'Plain text: HTML is kept as text and escaped in `bodyHtml`' })

/** What every reader sees: never an email or an address. */
export const PublicComment = Type.Object({
  id: Id,
  articleId: Id,
  parentId: Nullable(Id),
  depth: Type.Integer({ minimum: 1, description: '1 for a comment on the article, 2 for a reply to it …' }),
  authorName: Type.String(),
  authorUrl: Nullable(Type.String()),
  staff: Type.Boolean({ description: 'Written by the newsroom with an API key' }),
  body: Type.String({ description: 'Plain text as written' }),
  bodyHtml: Type.String({ description: 'The body escaped as HTML paragraphs; links are not made clickable' }),
  createdAt: DateTime
}, { $id: 'Comment', additionalProperties: false })
export type PublicComment = Static<typeof PublicComment>

export const ModeratedComment = Type.Object({
  ...PublicComment.properties,
  status: CommentStatusSchema,
  authorEmail: Nullable(Type.String()),
  edition: EditionCode,
  updatedAt: DateTime,
  version: EntityVersion
}, { $id: 'ModeratedComment', additionalProperties: false, description: 'A comment as moderators see it (never the address it came from)' })
export type ModeratedComment = Static<typeof ModeratedComment>

export const ArticleIdParams = Type.Object({ id: IdString }, { additionalProperties: false })

export const CommentSubmitBody = Type.Object({
  token: Type.String({ maxLength: 100, description: 'From GET /v1/articles/{id}/comment-token, at least COMMENTS_MIN_SUBMIT_SECONDS old' }),
  authorName: Name,
  authorEmail: Type.Optional(Nullable(Email)),
  authorUrl: Type.Optional(Nullable(Website)),
  body: Body,
  parentId: Type.Optional(Nullable(Id)),
  homepage: Type.Optional(Type.String({ maxLength: 500, description: 'The honeypot: hide it from people (CSS) and send it empty; a bot fills it in' }))
}, { additionalProperties: false })
export type CommentSubmitBody = Static<typeof CommentSubmitBody>

export const CommentSubmitted = Type.Object({
  id: Id,
  status: Type.Union([Type.Literal('pending'), Type.Literal('approved')], { description: '`pending` until a moderator approves it' })
}, { additionalProperties: false })

export const FormToken = Type.Object({
  token: Type.String(),
  notBefore: DateTime,
  expiresAt: DateTime
}, { $id: 'FormToken', additionalProperties: false, description: 'A signed form token: send it with the form, not before `notBefore`' })

export const PublicCommentQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50, description: 'Page size (1–100)' })),
  cursor: Type.Optional(Cursor)
}, { additionalProperties: false })

export const RecentCommentQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
  cursor: Type.Optional(Cursor)
}, { additionalProperties: false })

export const CommentQueueQuery = Type.Object({
  status: Type.Optional(CommentStatusSchema),
  edition: Type.Optional(EditionCode),
  article: Type.Optional(IdString),
  email: Type.Optional(Type.String({ maxLength: 254 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: Type.Optional(Cursor)
}, { additionalProperties: false })

export const CommentPatchBody = Type.Object({
  status: Type.Optional(CommentStatusSchema),
  body: Type.Optional(Body)
}, { additionalProperties: false, minProperties: 1, description: 'Moderate (status) and/or edit the text' })

export const CommentBulkBody = Type.Object({
  ids: Type.Array(Id, { minItems: 1, maxItems: 100, uniqueItems: true }),
  action: Type.Union([Type.Literal('approve'), Type.Literal('spam'), Type.Literal('trash'), Type.Literal('restore'), Type.Literal('delete')])
}, { additionalProperties: false })

export const CommentBulkResult = Type.Object({
  updated: Type.Array(Id),
  notFound: Type.Array(Id)
}, { additionalProperties: false })

export const StaffReplyBody = Type.Object({ body: Body }, { additionalProperties: false })

export const ErasureBody = Type.Object({
  email: Type.String({ format: 'email', maxLength: 254 }),
  mode: Type.Optional(Type.Union([Type.Literal('anonymise'), Type.Literal('delete')], { default: 'anonymise', description: '`anonymise` keeps the text under "Anonymous" (replies stay in their thread); `delete` removes the comments and their replies' }))
}, { additionalProperties: false })

export const ErasureResult = Type.Object({
  comments: Type.Integer({ minimum: 0, description: 'Comments anonymised or deleted' }),
  contactMessages: Type.Integer({ minimum: 0, description: 'Contact messages deleted' })
}, { additionalProperties: false })

export const DiscussionSettings = Type.Object({
  edition: EditionCode,
  defaultCommentStatus: Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('hidden')]),
  closeAfterDays: Nullable(Type.Integer({ minimum: 1, maximum: 36_500 })),
  contactTopics: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50, uniqueItems: true })
}, { $id: 'DiscussionSettings', additionalProperties: false, description: 'An edition\'s comment defaults and contact form topics' })
export type DiscussionSettings = Static<typeof DiscussionSettings>

export const DiscussionSettingsPatch = Type.Object({
  defaultCommentStatus: Type.Optional(DiscussionSettings.properties.defaultCommentStatus),
  closeAfterDays: Type.Optional(DiscussionSettings.properties.closeAfterDays),
  contactTopics: Type.Optional(DiscussionSettings.properties.contactTopics)
}, { additionalProperties: false, minProperties: 1 })

export const componentSchemas = [PublicComment, ModeratedComment, FormToken, DiscussionSettings]
