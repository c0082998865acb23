import { indexById } from '../../graphql/batch.js'
import { connectionOf } from '../../graphql/connection.js'
import type { GraphQLContext } from '../../graphql/context.js'
import { databaseIdOf, toGlobalId } from '../../graphql/global-id.js'
import { fromEnum, toEnum } from '../../graphql/scalars.js'
import type { QuireResolvers } from '../../graphql/types.js'
import { mediaInEdition } from './dto.js'


/**
 * Attachments of a level's articles or pages as GraphQL shows them: their media in one batch, each
 * in its owner's edition. `links` and `editions` are per owner, in the loader's order.
 */
export function attachmentsOf (ctx: GraphQLContext, links: ReadonlyArray<ReadonlyArray<{ mediaId: number, label: string | null }>>, editions: readonly string[]) {
  const media = indexById(ctx.services.media.findByIds(links.flat().map((l) => l.mediaId)))
  return links.map((list, i) => list.flatMap((link, position) => {
    const item = media.get(link.mediaId)
    return item === undefined ? [] : [{ position, label: link.label, media: mediaInEdition(item, editions[i]) }]
  }))
}

const present = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined

export const mediaResolvers = {
  Query: {
    mediaItems: (_root, { kind, edition, ...page }, ctx) => connectionOf(page, ctx.cursors, (request) =>
      ctx.services.media.list({ ...request, ...(present(kind) ? { kind: fromEnum(kind) } : {}), ...(present(edition) ? { edition } : {}) })),
    media: (_root, { id, edition }, ctx) => ctx.services.media.findById(databaseIdOf(id, 'Media'), 'public', edition ?? undefined)
  },
  Media: {
    id: (media) => toGlobalId('Media', media.id),
    databaseId: (media) => media.id,
    kind: (media) => toEnum(media.kind)
  }
} satisfies QuireResolvers

export const findMediaNodes = (ids: readonly number[], ctx: GraphQLContext) => ctx.services.media.findByIds(ids)
