import { connectionOf } from '../../graphql/connection.js'
import type { GraphQLContext } from '../../graphql/context.js'
import { databaseIdOf, toGlobalId } from '../../graphql/global-id.js'
import { fromEnum, toEnum } from '../../graphql/scalars.js'
import type { QuireResolvers } from '../../graphql/types.js'


export const mediaResolvers = {
  Query: {
    mediaItems: (_root, { kind, ...page }, ctx) => connectionOf(page, ctx.cursors, (request) =>
      ctx.services.media.list({ ...request, ...(kind !== null && kind !== undefined ? { kind: fromEnum(kind) } : {}) })),
    media: (_root, { id }, ctx) => ctx.services.media.findById(databaseIdOf(id, 'Media'))
  },
  Media: {
    id: (media) => toGlobalId('Media', media.id),
    databaseId: (media) => media.id,
    kind: (media) => toEnum(media.kind)
  }
} satisfies QuireResolvers

export const findMediaNodes = (ids: readonly number[], ctx: GraphQLContext) => ctx.services.media.findByIds(ids)
