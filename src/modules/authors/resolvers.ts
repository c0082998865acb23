import { InvalidInputError } from '../../errors.js'
import { connectionOf } from '../../graphql/connection.js'
import type { GraphQLContext } from '../../graphql/context.js'
import { databaseIdOf, toGlobalId } from '../../graphql/global-id.js'
import type { Loaders, QuireResolvers } from '../../graphql/types.js'
import { editionsByCode } from '../editions/index.js'


export const authorResolvers = {
  Query: {
    authors: (_root, { edition, ...page }, ctx) => connectionOf(page, ctx.cursors, (request) => ctx.services.authors.list({ ...request, ...(edition != null ? { edition } : {}) })),
    author: (_root, { id, slug, edition }, ctx) => {
      const byId = id !== null && id !== undefined
      const bySlug = slug !== null && slug !== undefined
      if (byId === bySlug) throw new InvalidInputError('Pass either "id" or "slug".', [{ name: 'id', reason: 'or slug' }])
      const code = edition ?? undefined
      return byId ? ctx.services.authors.findById(databaseIdOf(id, 'Author'), 'public', code, 'edition') : ctx.services.authors.findBySlug(slug as string, code, 'edition')
    }
  },
  Author: {
    id: (author) => toGlobalId('Author', author.id),
    databaseId: (author) => author.id,
    url: (author, { edition }, ctx) => edition === null || edition === undefined ? author.url : ctx.services.authors.urlIn(edition, author.slug, 'edition')
  }
} satisfies QuireResolvers

export const authorLoaders = {
  Author: { edition: editionsByCode }
} satisfies Loaders

export const findAuthorNodes = (ids: readonly number[], ctx: GraphQLContext) => ctx.services.authors.findByIds(ids)
