import { connectionOf } from '../../graphql/connection.js'
import { databaseIdOf } from '../../graphql/global-id.js'
import type { CommentStatus } from '../../graphql/generated.js'
import type { QuireResolvers } from '../../graphql/types.js'

export type { CommentConnectionParent, CommentEdgeParent } from './parent-types.js'

/** Comments over the same service as REST: approved only, threaded, the same cursor rules. */
export const commentResolvers = {
  Query: {
    comments: (_root, args, ctx) => {
      const articleId = databaseIdOf(args.articleId, 'Article', 'articleId')
      return connectionOf(args, ctx.cursors, ({ limit, cursor }) => ctx.services.comments.listForArticle(articleId, { limit, ...(cursor !== undefined ? { cursor } : {}) }))
    },
    commentToken: (_root, args, ctx) => ctx.services.comments.issueToken(databaseIdOf(args.articleId, 'Article', 'articleId'))
  },
  Comment: {
    databaseId: (comment) => comment.id,
    articleDatabaseId: (comment) => comment.articleId,
    parentDatabaseId: (comment) => comment.parentId
  },
  ModeratedComment: {
    databaseId: (comment) => comment.id,
    articleDatabaseId: (comment) => comment.articleId,
    parentDatabaseId: (comment) => comment.parentId,
    status: (comment) => comment.status.toUpperCase() as CommentStatus
  }
} satisfies QuireResolvers
