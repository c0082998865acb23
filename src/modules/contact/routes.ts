import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { listEnvelope } from '../../http/envelope.js'
import { PUBLIC_FORM_LIMIT, routeRateLimit } from '../../http/rate-limit.js'
import { IdParams, ItemEnvelope, ListEnvelope, problems, ref } from '../../schemas/common.js'
import { EditionParams } from '../editions/index.js'
import type { ContactService } from './contact-service.js'
import { ContactListQuery, ContactMessage, ContactPatchBody, ContactReceipt, ContactSubmitBody } from './schemas.js'

const NoQuery = Type.Object({}, { additionalProperties: false })

export const contactRoutes: FastifyPluginAsyncTypebox<{ contact: ContactService, baseUrl: string, submitLimit?: { max: number, windowMs: number } }> = async (app, { contact, baseUrl, submitLimit }) => {
  app.get('/editions/:code/contact-token', {
    config: { uncached: true, personalData: true },
    schema: {
      tags: ['contact'], operationId: 'getContactToken', summary: 'A signed, short-lived token for an edition\'s contact form',
      params: EditionParams, querystring: NoQuery,
      response: { 200: ItemEnvelope(Type.Ref('FormToken')), ...problems(400, 404) }
    }
  }, async (request) => ({ data: contact.issueToken(request.params.code) }))

  app.post('/editions/:code/contact', {
    config: { personalData: true },
    onRequest: routeRateLimit(app, submitLimit ?? PUBLIC_FORM_LIMIT),
    schema: {
      tags: ['contact'], operationId: 'sendContactMessage', summary: 'Send a message to the newsroom (public, no API key)',
      description: 'Needs a contact token. Answers 202 with a reference; the message is stored for editors and delivered as the webhook event `contact.received`.',
      params: EditionParams, querystring: NoQuery, body: ContactSubmitBody,
      response: { 202: ItemEnvelope(ContactReceipt), ...problems(400, 404, 409, 429) }
    }
  }, async (request, reply) => reply.code(202).send({ data: contact.submit(request.params.code, request.body, { ip: request.ip }) }))

  app.get('/contact-messages', {
    schema: {
      tags: ['contact'], operationId: 'listContactMessages', summary: 'Contact form messages, newest first', description: 'Needs `contact:read`.',
      querystring: ContactListQuery,
      response: { 200: ListEnvelope(ref(ContactMessage)), ...problems(400, 401, 403, 404) }
    }
  }, async (request) => listEnvelope(request, baseUrl, contact.list({ ...request.query, limit: request.query.limit ?? 20 }, request.principal)))

  app.get('/contact-messages/:id', {
    schema: {
      tags: ['contact'], operationId: 'getContactMessage', summary: 'One contact form message',
      params: IdParams, querystring: NoQuery,
      response: { 200: ItemEnvelope(ref(ContactMessage)), ...problems(400, 401, 403, 404) }
    }
  }, async (request) => ({ data: contact.find(Number(request.params.id), request.principal) }))

  app.patch('/contact-messages/:id', {
    schema: {
      tags: ['contact'], operationId: 'updateContactMessage', summary: 'Mark a message handled (or new again)',
      params: IdParams, querystring: NoQuery, body: ContactPatchBody,
      response: { 200: ItemEnvelope(ref(ContactMessage)), ...problems(400, 401, 403, 404) }
    }
  }, async (request) => ({ data: contact.setStatus(Number(request.params.id), request.body.status, request.principal) }))

  app.delete('/contact-messages/:id', {
    schema: {
      tags: ['contact'], operationId: 'deleteContactMessage', summary: 'Delete a contact form message',
      params: IdParams, querystring: NoQuery,
      response: { 204: Type.Null({ description: 'Deleted' }), ...problems(400, 401, 403, 404) }
    }
  }, async (request, reply) => {
    contact.remove(Number(request.params.id), request.principal)
    return reply.code(204).send(null)
  })
}
