import { Type, type Static } from '@sinclair/typebox'
import { Cursor, DateTime, EditionCode, Id, Nullable } from '../../schemas/common.js'
import { Text } from '../../schemas/text-validation.js'

export const ContactSubmitBody = Type.Object({
  token: Type.String({ maxLength: 100, description: 'From GET /v1/editions/{code}/contact-token, at least COMMENTS_MIN_SUBMIT_SECONDS old' }),
  name: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }),
  email: Type.String({ format: 'email', maxLength: 254 }),
  subject: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
  message: Text('multiline', { minLength: 1, maxLength: 10_000, pattern: '\\S', description: 'Plain text' }),
  topic: Type.Optional(Nullable(Type.String({ maxLength: 100, description: 'One of the edition\'s contact topics (GET /v1/editions/{code}/discussion-settings)' }))),
  homepage: Type.Optional(Type.String({ maxLength: 500, description: 'The honeypot: hide it and send it empty' }))
}, { additionalProperties: false })
export type ContactSubmitBody = Static<typeof ContactSubmitBody>

export const ContactReceipt = Type.Object({
  reference: Type.String({ description: 'Quote it in follow-ups' })
}, { additionalProperties: false })

export const ContactStatus = Type.Union([Type.Literal('new'), Type.Literal('handled')])

export const ContactMessage = Type.Object({
  id: Id,
  reference: Type.String(),
  edition: EditionCode,
  name: Type.String(),
  email: Type.String(),
  subject: Type.String(),
  message: Type.String({ description: 'Plain text as sent: escape it when showing it' }),
  topic: Nullable(Type.String()),
  status: ContactStatus,
  createdAt: DateTime,
  handledAt: Nullable(DateTime)
}, { $id: 'ContactMessage', additionalProperties: false, description: 'A contact form message: admins and editors only' })
export type ContactMessage = Static<typeof ContactMessage>

export const ContactListQuery = Type.Object({
  edition: Type.Optional(EditionCode),
  status: Type.Optional(ContactStatus),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: Type.Optional(Cursor)
}, { additionalProperties: false })

export const ContactPatchBody = Type.Object({ status: ContactStatus }, { additionalProperties: false })

export const componentSchemas = [ContactMessage]
