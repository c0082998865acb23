import { Type, type Static } from '@sinclair/typebox'
import type { ContentStatus as StoredStatus } from '../db/schema.js'
import { Id, Nullable } from '../schemas/common.js'
import { MAX_ATTACHMENTS } from './attachments.js'

export const ContentStatus = Type.Union([Type.Literal('draft'), Type.Literal('scheduled'), Type.Literal('published'), Type.Literal('archived')], {
  description: 'Workflow status. A scheduled item whose publishedAt has come is `published`.'
})
export type ContentStatus = Static<typeof ContentStatus>

// fails the typecheck if the schema and the column's enum ever disagree
const sameStatuses: [ContentStatus, StoredStatus] extends [StoredStatus, ContentStatus] ? true : never = true
void sameStatuses

/** `If-Match` and `Idempotency-Key`, documented on write routes; other headers pass (they are headers). */
export const WriteHeaders = Type.Object({
  'if-match': Type.Optional(Type.String({ description: 'The ETag of the version this change is based on, e.g. "v3"; a mismatch is a 412' }))
}, { additionalProperties: true })
export const CreateHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 255, description: 'Retries with the same key (same API key, same request) get the first response instead of creating twice; kept 24 hours' }))
}, { additionalProperties: true })
export const ActionHeaders = Type.Object({ ...WriteHeaders.properties, ...CreateHeaders.properties }, { additionalProperties: true })

export const PublishBody = Type.Object({
  publishedAt: Type.Optional(Type.String({ format: 'date-time', description: 'When it goes public; in the future it schedules. Default: now' }))
}, { additionalProperties: false, description: 'May be omitted entirely' })
export type PublishBody = Static<typeof PublishBody>
export const EmptyBody = Type.Object({}, { additionalProperties: false, description: 'May be omitted entirely' })

export const RevisionParams = Type.Object({
  id: Type.String({ pattern: '^[1-9][0-9]{0,15}$', description: 'Positive integer id' }),
  rev: Type.String({ pattern: '^[1-9][0-9]{0,8}$', description: 'Revision number (1 is the first)' })
}, { additionalProperties: false })

export const RevisionSummary = Type.Object({
  number: Type.Integer({ minimum: 1 }),
  version: Type.Integer({ minimum: 1, description: 'The version this revision shows' }),
  action: Type.Union(['created', 'updated', 'published', 'unpublished', 'archived', 'deleted'].map((a) => Type.Literal(a))),
  key: Type.Union([Type.Object({ id: Type.Integer({ minimum: 1 }), name: Type.String() }, { additionalProperties: false }), Type.Null()], { description: 'The API key that made the change; null for seeded content' }),
  createdAt: Type.String({ format: 'date-time' })
}, { additionalProperties: false })
export type RevisionSummary = Static<typeof RevisionSummary>

/** An article's or page's attachments as a write sends them (validated further by the attachment store: media exist, none twice). */
export const AttachmentsInput = Type.Array(Type.Object({
  mediaId: Id,
  label: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 300, pattern: '\\S', description: 'Plain text shown with the file, e.g. "Download the video (MP4, 720p)"; null: none' })))
}, { additionalProperties: false }), {
  maxItems: MAX_ATTACHMENTS,
  description: `Files besides the featured media (videos, a newsletter's PDF, a book's chapters), in order; at most ${MAX_ATTACHMENTS}, each media item once. Replaces the whole list when present`
})

/** An attachment as a revision snapshot keeps it. */
export const AttachmentSnapshot = Type.Object({ mediaId: Id, label: Nullable(Type.String()) }, { additionalProperties: false })
