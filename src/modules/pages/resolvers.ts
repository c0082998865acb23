import { indexById, pick } from '../../graphql/batch.js'
import { connectionOf, type Connection, type Edge } from '../../graphql/connection.js'
import type { GraphQLContext } from '../../graphql/context.js'
import { toGlobalId } from '../../graphql/global-id.js'
import { lookupOf } from '../../graphql/lookup.js'
import { toDirection } from '../../graphql/scalars.js'
import { htmlToText } from '../../graphql/text.js'
import type { Loaders, QuireResolvers } from '../../graphql/types.js'
import { editionsByCode } from '../editions/resolvers.js'
import type { Page } from './schemas.js'

export type PageConnectionParent = Connection<Page>
export type PageEdgeParent = Edge<Page>

export const pageResolvers = {
  Query: {
    pages: (_root, { edition, ...page }, ctx) => connectionOf(page, ctx.cursors, (request) =>
      ctx.services.pages.list({ ...request, ...(edition !== null && edition !== undefined ? { edition } : {}) })),
    page: (_root, args, ctx) => {
      const key = lookupOf('Page', args)
      return 'id' in key ? ctx.services.pages.findById(key.id) : ctx.services.pages.findBySlug(key.edition, key.slug)
    }
  },
  Page: {
    id: (page) => toGlobalId('Page', page.id),
    databaseId: (page) => page.id,
    direction: (page) => toDirection(page.direction),
    body: (page, { format }) => format === 'TEXT' ? htmlToText(page.body) : page.body
  }
} satisfies QuireResolvers

export const pageLoaders = {
  Page: {
    edition: editionsByCode,
    translations: async (queries, ctx) => {
      const pages = indexById(ctx.services.pages.findByIds(queries.flatMap((q) => q.obj.translations.map((t) => t.id))))
      return queries.map(({ obj }) => pick(pages, obj.translations.map((t) => t.id)))
    }
  }
} satisfies Loaders

export const findPageNodes = (ids: readonly number[], ctx: GraphQLContext) => ctx.services.pages.findByIds(ids)
