import type { MutationResolvers } from '../../graphql/generated.js'
import { assertValidInput, bodyOf } from '../../graphql/input.js'
import { CommentSubmitBody, type CommentSubmitBody as SubmitBody } from './schemas.js'

/** `submitComment`: REST's public submission, checked against the same body schema, counted against the client's address. */
export const commentMutations = {
  submitComment: (_root, args, ctx) => {
    const { articleId, ...rest } = bodyOf(args.input, { articleId: 'Article' })
    const body = assertValidInput<SubmitBody>(CommentSubmitBody, rest)
    const result = ctx.services.comments.submit(articleId as number, body, { ip: ctx.reply.request.ip })
    return { databaseId: result.id, status: result.status === 'approved' ? 'APPROVED' : 'PENDING' }
  }
} satisfies Pick<MutationResolvers, 'submitComment'>
