import type { GraphQLContext } from '../../graphql/context.js'
import { toGlobalId } from '../../graphql/global-id.js'
import { toDirection } from '../../graphql/scalars.js'
import type { QuireResolvers } from '../../graphql/types.js'
import { versionShown } from '../../graphql/version-loader.js'
import type { Edition } from './schemas.js'

export const editionResolvers = {
  Query: {
    editions: (_root, _args, ctx) => ctx.services.editions.list(),
    edition: (_root, { code }, ctx) => ctx.services.editions.findByCode(code)
  },
  Edition: {
    id: (edition) => toGlobalId('Edition', edition.id),
    databaseId: (edition) => edition.id,
    direction: (edition) => toDirection(edition.direction),
    // editions are cached in memory, so this costs no statement
    version: (edition, _args, ctx) => versionShown(ctx) ? edition.version ?? ctx.services.editions.findById(edition.id, 'editorial').version ?? 1 : null
  }
} satisfies QuireResolvers

/**
 * The `edition` relation of every DTO that names its edition by code. Editions are a handful of
 * rows the service keeps in memory, so the batch costs no statement.
 */
export const editionsByCode = async (queries: ReadonlyArray<{ obj: { edition: string } }>, ctx: GraphQLContext): Promise<Edition[]> =>
  queries.map(({ obj }) => ctx.services.editions.findByCode(obj.edition))

export const findEditionNodes = (ids: readonly number[], ctx: GraphQLContext): Array<Edition | null> => {
  const byId = new Map(ctx.services.editions.list().map((edition) => [edition.id, edition]))
  return ids.map((id) => byId.get(id) ?? null)
}
