import { NotFoundError } from '../../errors.js'
import { connectionOf } from '../../graphql/connection.js'
import type { GraphQLContext } from '../../graphql/context.js'
import { toGlobalId } from '../../graphql/global-id.js'
import { lookupOf } from '../../graphql/lookup.js'
import type { Loaders, QuireResolvers } from '../../graphql/types.js'
import { editionsByCode } from '../editions/index.js'


export const tagResolvers = {
  Query: {
    tags: (_root, { edition, ...page }, ctx) => connectionOf(page, ctx.cursors, (request) =>
      ctx.services.tags.list({ ...request, ...(edition !== null && edition !== undefined ? { edition } : {}) })),
    tag: (_root, args, ctx) => {
      const key = lookupOf('Tag', args)
      if ('id' in key) return ctx.services.tags.findById(key.id)
      // tag slugs are unique within an edition, so this names at most one tag
      const [tagId] = ctx.services.tags.idsBySlug(key.slug, ctx.services.editions.findByCode(key.edition).id)
      if (tagId === undefined) throw new NotFoundError('tag', `${key.edition}/${key.slug}`)
      return ctx.services.tags.findById(tagId)
    }
  },
  Tag: {
    id: (tag) => toGlobalId('Tag', tag.id),
    databaseId: (tag) => tag.id
  }
} satisfies QuireResolvers

export const tagLoaders = {
  Tag: { edition: editionsByCode }
} satisfies Loaders

export const findTagNodes = (ids: readonly number[], ctx: GraphQLContext) => ctx.services.tags.findByIds(ids)
