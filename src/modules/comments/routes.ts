import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { expectedVersionOf, versioned } from '../../http/editorial.js'
import { listEnvelope } from '../../http/envelope.js'
import { PUBLIC_FORM_LIMIT, routeRateLimit } from '../../http/rate-limit.js'
import { IdParams, ItemEnvelope, ListEnvelope, problems, ref } from '../../schemas/common.js'
import { EditionParams } from '../editions/index.js'
import type { CommentService } from './comment-service.js'
import {
  ArticleIdParams, CommentBulkBody, CommentBulkResult, CommentPatchBody, CommentQueueQuery, CommentSubmitBody, CommentSubmitted,
  DiscussionSettings, DiscussionSettingsPatch, ErasureBody, ErasureResult, FormToken, ModeratedComment, PublicComment, PublicCommentQuery,
  RecentCommentQuery, StaffReplyBody
} from './schemas.js'

const NoQuery = Type.Object({}, { additionalProperties: false })

export interface CommentRouteOptions {
  comments: CommentService
  baseUrl: string
  /** Per client address, on top of the global limit (src/http/rate-limit.ts); the service's own windows are stricter still. */
  submitLimit?: { max: number, windowMs: number }
  /** Erasure also deletes the address' contact messages: the contact module's part, handed in by the composition root. */
  eraseContactMessages?: (email: string) => number
}

/** Readers' comments: public reads and submission (no key), moderation and erasure (API keys). */
export const commentRoutes: FastifyPluginAsyncTypebox<CommentRouteOptions> = async (app, { comments, baseUrl, submitLimit, eraseContactMessages }) => {
  // the view of a comment a write just returned: the write itself was authorized
  const moderated = (row: { id: number }) => comments.moderatedViewOf(row.id)

  app.get('/articles/:id/comment-token', {
    config: { uncached: true, personalData: true },
    schema: {
      tags: ['comments'], operationId: 'getCommentToken', summary: 'A signed, short-lived token for an article\'s comment form',
      description: 'Fetch it when the form is shown; send it with the comment no sooner than `notBefore`. 404 unless the article is public and its comments are open.',
      params: ArticleIdParams, querystring: NoQuery,
      response: { 200: ItemEnvelope(ref(FormToken)), ...problems(400, 404) }
    }
  }, async (request) => ({ data: comments.issueToken(Number(request.params.id)) }))

  app.post('/articles/:id/comments', {
    config: { personalData: true },
    onRequest: routeRateLimit(app, submitLimit ?? PUBLIC_FORM_LIMIT),
    schema: {
      tags: ['comments'], operationId: 'submitComment', summary: 'Post a comment (public, no API key)',
      description: 'Needs a comment token. The comment waits for moderation (`pending`) unless the commenter is trusted. See docs/comments.md for every check.',
      params: ArticleIdParams, querystring: NoQuery, body: CommentSubmitBody,
      response: { 202: ItemEnvelope(CommentSubmitted), ...problems(400, 404, 409, 422, 429) }
    }
  }, async (request, reply) => {
    const result = comments.submit(Number(request.params.id), request.body, { ip: request.ip })
    return reply.code(202).send({ data: result })
  })

  app.get('/articles/:id/comments', {
    schema: {
      tags: ['comments'], operationId: 'listArticleComments', summary: 'Approved comments of an article, threaded, oldest first',
      description: 'Each comment comes after its parent; `parentId` and `depth` rebuild the tree. Empty when the article\'s comments are hidden.',
      params: ArticleIdParams, querystring: PublicCommentQuery,
      response: { 200: ListEnvelope(ref(PublicComment)), ...problems(400, 404) }
    }
  }, async (request) => listEnvelope(request, baseUrl, comments.listForArticle(Number(request.params.id), { limit: request.query.limit ?? 50, ...cursorOf(request.query.cursor) })))

  app.get('/editions/:code/comments/recent', {
    schema: {
      tags: ['comments'], operationId: 'listRecentComments', summary: 'An edition\'s newest approved comments',
      params: EditionParams, querystring: RecentCommentQuery,
      response: { 200: ListEnvelope(Type.Object({ ...PublicComment.properties, articleTitle: Type.String() }, { additionalProperties: false })), ...problems(400, 404) }
    }
  }, async (request) => listEnvelope(request, baseUrl, comments.recent(request.params.code, { limit: request.query.limit ?? 10, ...cursorOf(request.query.cursor) })))

  app.get('/comments', {
    config: { personalData: true },
    schema: {
      tags: ['comments'], operationId: 'listComments', summary: 'The moderation queue, newest first',
      description: 'Needs `comment:moderate`. Filter by `status` (e.g. `pending`), `edition`, `article` or `email`.',
      querystring: CommentQueueQuery,
      response: { 200: ListEnvelope(ref(ModeratedComment)), ...problems(400, 401, 403, 404) }
    }
  }, async (request) => {
    const { article, ...query } = request.query
    return listEnvelope(request, baseUrl, comments.queue({ ...query, ...(article !== undefined ? { articleId: Number(article) } : {}), limit: query.limit ?? 20 }, request.principal))
  })

  app.get('/comments/:id', {
    schema: {
      tags: ['comments'], operationId: 'getComment', summary: 'One comment as moderators see it',
      params: IdParams, querystring: NoQuery,
      response: { 200: ItemEnvelope(ref(ModeratedComment)), ...problems(400, 401, 403, 404) }
    }
  }, async (request, reply) => versioned(reply, comments.findModerated(Number(request.params.id), request.principal)))

  app.patch('/comments/:id', {
    schema: {
      tags: ['comments'], operationId: 'moderateComment', summary: 'Approve, mark spam, trash, restore (status `pending`) or edit a comment',
      description: 'Needs `comment:moderate`. Send If-Match with the ETag to refuse a concurrent moderator\'s change (412).',
      params: IdParams, querystring: NoQuery, body: CommentPatchBody,
      response: { 200: ItemEnvelope(ref(ModeratedComment)), ...problems(400, 401, 403, 404, 409, 412, 428) }
    }
  }, async (request, reply) => {
    const row = comments.moderate(Number(request.params.id), request.body, { actor: request.principal, ...expectedOf(request) })
    return versioned(reply, moderated(row))
  })

  app.delete('/comments/:id', {
    schema: {
      tags: ['comments'], operationId: 'deleteComment', summary: 'Delete a comment for good, with its replies',
      params: IdParams, querystring: NoQuery,
      response: { 204: Type.Null({ description: 'Deleted' }), ...problems(400, 401, 403, 404, 412, 428) }
    }
  }, async (request, reply) => {
    comments.remove(Number(request.params.id), { actor: request.principal, ...expectedOf(request) })
    return reply.code(204).send(null)
  })

  app.post('/comments/:id/replies', {
    schema: {
      tags: ['comments'], operationId: 'replyToComment', summary: 'Reply as staff (approved at once, marked `staff`)',
      params: IdParams, querystring: NoQuery, body: StaffReplyBody,
      response: { 201: ItemEnvelope(ref(ModeratedComment)), ...problems(400, 401, 403, 404) }
    }
  }, async (request, reply) => {
    const row = comments.reply(Number(request.params.id), request.body, request.principal)
    reply.header('location', `${baseUrl}/v1/comments/${row.id}`)
    return reply.code(201).send(versioned(reply, moderated(row)))
  })

  app.post('/comments/bulk', {
    schema: {
      tags: ['comments'], operationId: 'bulkModerateComments', summary: 'Approve, spam, trash, restore or delete many comments at once',
      querystring: NoQuery, body: CommentBulkBody,
      response: { 200: ItemEnvelope(CommentBulkResult), ...problems(400, 401, 403) }
    }
  }, async (request) => ({ data: comments.bulk(request.body.ids, request.body.action, request.principal) }))

  app.post('/comments/erasure', {
    config: { personalData: true },
    schema: {
      tags: ['comments'], operationId: 'eraseCommenter', summary: 'Erase everything an email address left: comments and contact messages (GDPR)',
      description: 'Needs `comment:erase` (admin). Also `quire comments erase --email <address>`.',
      querystring: NoQuery, body: ErasureBody,
      response: { 200: ItemEnvelope(ErasureResult), ...problems(400, 401, 403) }
    }
  }, async (request) => {
    const commentsErased = comments.erase(request.body.email, request.body.mode ?? 'anonymise', request.principal)
    return { data: { comments: commentsErased, contactMessages: eraseContactMessages?.(request.body.email) ?? 0 } }
  })

  app.get('/editions/:code/discussion-settings', {
    schema: {
      tags: ['comments'], operationId: 'getDiscussionSettings', summary: 'An edition\'s comment defaults and contact form topics',
      params: EditionParams, querystring: NoQuery,
      response: { 200: ItemEnvelope(ref(DiscussionSettings)), ...problems(400, 404) }
    }
  }, async (request) => ({ data: comments.settings.find(request.params.code) }))

  app.patch('/editions/:code/discussion-settings', {
    schema: {
      tags: ['comments'], operationId: 'updateDiscussionSettings', summary: 'Change an edition\'s comment defaults and contact form topics',
      params: EditionParams, querystring: NoQuery, body: DiscussionSettingsPatch,
      response: { 200: ItemEnvelope(ref(DiscussionSettings)), ...problems(400, 401, 403, 404) }
    }
  }, async (request) => ({ data: comments.settings.update(request.params.code, request.body, request.principal) }))
}

const cursorOf = (cursor: string | undefined) => cursor !== undefined ? { cursor } : {}
const expectedOf = (request: Parameters<typeof expectedVersionOf>[0]) => {
  const expected = expectedVersionOf(request)
  return expected !== undefined ? { expectedVersion: expected } : {}
}
