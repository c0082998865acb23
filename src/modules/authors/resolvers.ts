import { InvalidInputError } from '../../errors.js'
import { connectionOf } from '../../graphql/connection.js'
import type { GraphQLContext } from '../../graphql/context.js'
import { databaseIdOf, toGlobalId } from '../../graphql/global-id.js'
import type { QuireResolvers } from '../../graphql/types.js'


export const authorResolvers = {
  Query: {
    authors: (_root, page, ctx) => connectionOf(page, ctx.cursors, (request) => ctx.services.authors.list(request)),
    author: (_root, { id, slug }, ctx) => {
      const byId = id !== null && id !== undefined
      const bySlug = slug !== null && slug !== undefined
      if (byId === bySlug) throw new InvalidInputError('Pass either "id" or "slug".', [{ name: 'id', reason: 'or slug' }])
      return byId ? ctx.services.authors.findById(databaseIdOf(id, 'Author')) : ctx.services.authors.findBySlug(slug as string)
    }
  },
  Author: {
    id: (author) => toGlobalId('Author', author.id),
    databaseId: (author) => author.id,
    url: (author, { edition }, ctx) => edition === null || edition === undefined ? author.url : ctx.services.authors.urlIn(edition, author.slug, 'edition')
  }
} satisfies QuireResolvers

export const findAuthorNodes = (ids: readonly number[], ctx: GraphQLContext) => ctx.services.authors.findByIds(ids)
