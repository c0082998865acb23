import type { Static } from '@sinclair/typebox'
import type { ExpectedVersion } from '../../editorial/entity-commands.js'
import { expectedVersionArg } from '../../graphql/entity-mutations.js'
import type { GraphQLContext } from '../../graphql/context.js'
import type { MutationResolvers } from '../../graphql/generated.js'
import { assertValidInput, bodyOf } from '../../graphql/input.js'
import { Id } from '../../schemas/common.js'
import {
  CommentBulkBody, CommentPatchBody, CommentSubmitBody, StaffReplyBody, type CommentSubmitBody as SubmitBody
} from './schemas.js'

type CommentStatus = 'pending' | 'approved' | 'spam' | 'trash'
type BulkBody = Static<typeof CommentBulkBody>
type Moderation = { status?: CommentStatus, body?: string }

/** The comment id argument, checked like REST's path id (a positive integer). */
const commentId = (id: number) => assertValidInput<number>(Id, id, 'id')
const options = (ctx: GraphQLContext, expectedVersion: number | null | undefined): { actor: GraphQLContext['principal'], expectedVersion?: ExpectedVersion } => {
  const expected = expectedVersionArg(ctx, expectedVersion)
  return { actor: ctx.principal, ...(expected !== undefined ? { expectedVersion: expected } : {}) }
}

/** One status change as a mutation: the REST PATCH with only `status`. */
const setStatus = (status: CommentStatus) =>
  (_root: unknown, args: { id: number, expectedVersion?: number | null }, ctx: GraphQLContext) => {
    const row = ctx.services.comments.moderate(commentId(args.id), { status }, options(ctx, args.expectedVersion))
    return ctx.services.comments.moderatedViewOf(row.id)
  }

/**
 * Public submission and moderation over the same commands as REST (`routes.ts`): the same body
 * schemas, the same permissions (the commands authorize), `expectedVersion` for If-Match.
 */
export const commentMutations = {
  submitComment: (_root, args, ctx) => {
    const { articleId, ...rest } = bodyOf(args.input, { articleId: 'Article' })
    const body = assertValidInput<SubmitBody>(CommentSubmitBody, rest)
    const result = ctx.services.comments.submit(articleId as number, body, { ip: ctx.reply.request.ip })
    return { databaseId: result.id, status: result.status === 'approved' ? 'APPROVED' : 'PENDING' }
  },
  moderateComment: (_root, args, ctx) => {
    const input = bodyOf(args.input, {})
    const patch = assertValidInput<Moderation>(CommentPatchBody, typeof input.status === 'string' ? { ...input, status: input.status.toLowerCase() } : input)
    const row = ctx.services.comments.moderate(commentId(args.id), patch, options(ctx, args.expectedVersion))
    return ctx.services.comments.moderatedViewOf(row.id)
  },
  approveComment: setStatus('approved'),
  spamComment: setStatus('spam'),
  trashComment: setStatus('trash'),
  restoreComment: setStatus('pending'),
  replyToComment: (_root, args, ctx) => {
    const body = assertValidInput<{ body: string }>(StaffReplyBody, { body: args.body })
    const row = ctx.services.comments.reply(commentId(args.id), body, ctx.principal)
    return ctx.services.comments.moderatedViewOf(row.id)
  },
  deleteComment: (_root, args, ctx) => {
    const id = commentId(args.id)
    ctx.services.comments.remove(id, options(ctx, args.expectedVersion))
    return { databaseId: id }
  },
  bulkModerateComments: (_root, args, ctx) => {
    const body = assertValidInput<BulkBody>(CommentBulkBody, { ids: [...args.ids], action: args.action.toLowerCase() })
    return ctx.services.comments.bulk(body.ids, body.action, ctx.principal)
  }
} satisfies Pick<MutationResolvers, 'submitComment' | 'moderateComment' | 'approveComment' | 'spamComment' | 'trashComment' | 'restoreComment' | 'replyToComment' | 'deleteComment' | 'bulkModerateComments'>
