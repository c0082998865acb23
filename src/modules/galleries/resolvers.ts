import { connectionOf } from '../../graphql/connection.js'
import type { GraphQLContext } from '../../graphql/context.js'
import { toGlobalId } from '../../graphql/global-id.js'
import { lookupOf } from '../../graphql/lookup.js'
import type { Loaders, QuireResolvers } from '../../graphql/types.js'
import { editionsByCode } from '../editions/index.js'


export const galleryResolvers = {
  Query: {
    galleries: (_root, { edition, ...page }, ctx) => connectionOf(page, ctx.cursors, (request) =>
      ctx.services.galleries.list({ ...request, ...(edition !== null && edition !== undefined ? { edition } : {}) })),
    gallery: (_root, args, ctx) => {
      const key = lookupOf('Gallery', args)
      return 'id' in key ? ctx.services.galleries.findById(key.id) : ctx.services.galleries.findBySlug(key.edition, key.slug)
    }
  },
  Gallery: {
    id: (gallery) => toGlobalId('Gallery', gallery.id),
    databaseId: (gallery) => gallery.id
  }
} satisfies QuireResolvers

export const galleryLoaders = {
  Gallery: { edition: editionsByCode }
} satisfies Loaders

export const findGalleryNodes = (ids: readonly number[], ctx: GraphQLContext) => ctx.services.galleries.findByIds(ids)
