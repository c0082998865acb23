import { indexById, pick } from '../../graphql/batch.js'
import { connectionOf } from '../../graphql/connection.js'
import type { GraphQLContext } from '../../graphql/context.js'
import { toGlobalId } from '../../graphql/global-id.js'
import { lookupOf } from '../../graphql/lookup.js'
import { toDirection } from '../../graphql/scalars.js'
import { htmlToText } from '../../editorial/html-text.js'
import type { Loaders, QuireResolvers } from '../../graphql/types.js'
import { versionShown } from '../../graphql/version-loader.js'
import { editionsByCode } from '../editions/index.js'
import { visibilityFor } from '../../auth/permissions.js'
import type { ContentStatus } from '../../db/schema.js'
import { toContentStatus } from '../../graphql/content-status.js'
import type { Page } from './schemas.js'
import { attachmentsOf } from '../media/index.js'


export const pageResolvers = {
  Query: {
    pages: (_root, { edition, ...page }, ctx) => connectionOf(page, ctx.cursors, (request) =>
      ctx.services.pages.list({ ...request, ...(edition !== null && edition !== undefined ? { edition } : {}) }, visibilityOf(ctx))),
    page: (_root, args, ctx) => {
      const key = lookupOf('Page', args)
      return 'id' in key ? ctx.services.pages.findById(key.id, visibilityOf(ctx)) : ctx.services.pages.findBySlug(key.edition, key.slug, visibilityOf(ctx))
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
    attachments: async (queries, ctx) => attachmentsOf(ctx, queries.map((q) => q.obj.attachments), queries.map((q) => q.obj.edition)),
    translations: async (queries, ctx) => {
      const pages = indexById(ctx.services.pages.findByIds(queries.flatMap((q) => q.obj.translations.map((t) => t.id)), visibilityOf(ctx)))
      return queries.map(({ obj }) => pick(pages, obj.translations.map((t) => t.id)))
    },
    status: async (queries, ctx) => statesOf(queries.map((q) => q.obj), ctx).map((state) => toContentStatus(state.status)),
    version: async (queries, ctx) => versionShown(ctx) ? statesOf(queries.map((q) => q.obj), ctx).map((state) => state.version) : queries.map(() => null)
  }
} satisfies Loaders

/** Editorial reads for API keys that may read unpublished content, as in REST. */
const visibilityOf = (ctx: GraphQLContext) => visibilityFor(ctx.principal)

/** Status and version: editorial pages carry them, public ones are read in one statement. */
function statesOf (pages: readonly Page[], ctx: GraphQLContext): Array<{ status: ContentStatus, version: number }> {
  const missing = pages.filter((p) => p.status === undefined || p.version === undefined).map((p) => p.id)
  const loaded = missing.length === 0 ? [] : ctx.memo.get('page-states', missing, () => ctx.services.pages.statesByIds(missing))
  const byId = new Map(missing.map((id, i) => [id, loaded[i]]))
  return pages.map((p) => byId.get(p.id) ?? { status: p.status ?? 'published', version: p.version ?? 1 })
}

export const findPageNodes = (ids: readonly number[], ctx: GraphQLContext) => ctx.services.pages.findByIds(ids, visibilityOf(ctx))
