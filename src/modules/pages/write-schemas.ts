import { Type, type Static } from '@sinclair/typebox'
import { AttachmentSnapshot, AttachmentsInput, RevisionSummary } from '../../editorial/schemas.js'
import { EditionCode, Nullable, SlugInput } from '../../schemas/common.js'
import { Text } from '../../schemas/text-validation.js'

// the fields a client may write; naming anything else is a 400 (see articles/write-schemas.ts)
const title = Type.String({ minLength: 1, maxLength: 300, pattern: '\\S', description: 'Plain text' })
const writable = {
  slug: Type.Optional(SlugInput('Unique in the edition; generated from the title when omitted on create')),
  body: Type.Optional(Text('multiline', { maxLength: 500_000, description: 'HTML; sanitized with an allowlist on write' })),
  seo: Type.Optional(Type.Object({
    title: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
    description: Type.Optional(Nullable(Text('multiline', { maxLength: 1000 })))
  }, { additionalProperties: false })),
  translationOf: Type.Optional(Nullable(Type.Integer({ minimum: 1, description: 'Join the translation group of this page (another edition); null leaves the group' }))),
  attachments: Type.Optional(AttachmentsInput)
}

export const PageCreateBody = Type.Object({ edition: EditionCode, title, ...writable }, { additionalProperties: false, description: 'A new page, created as a draft' })
export type PageCreateBody = Static<typeof PageCreateBody>

export const PagePatchBody = Type.Object({ title: Type.Optional(title), ...writable }, { additionalProperties: false, minProperties: 1 })
export type PagePatchBody = Static<typeof PagePatchBody>

export const PageSnapshot = Type.Object({
  edition: Type.String(),
  slug: Type.String(),
  title: Type.String(),
  body: Type.String(),
  status: Type.String(),
  publishedAt: Nullable(Type.String()),
  seo: Type.Object({ title: Nullable(Type.String()), description: Nullable(Type.String()) }, { additionalProperties: false }),
  attachments: Type.Optional(Type.Array(AttachmentSnapshot, { description: 'Absent in revisions stored before attachments existed' })),
  translationGroup: Nullable(Type.Integer())
}, { additionalProperties: false })

export const PageRevision = Type.Object({ ...RevisionSummary.properties, snapshot: PageSnapshot }, { additionalProperties: false })
