import { databaseIdOf, toGlobalId } from '../../graphql/global-id.js'
import { assertValidInput, bodyOf } from '../../graphql/input.js'
import type { MutationResolvers } from '../../graphql/generated.js'
import { TagCreateBody, TagPatchBody } from './write-schemas.js'

const expected = (version: number | null | undefined) => version ?? undefined

/** Tag mutations: the REST write routes' operations through the same service (REST and GraphQL agree). */
export const tagMutations = {
  createTag: (_root, { input }, ctx) => {
    const row = ctx.services.tags.create(assertValidInput<TagCreateBody>(TagCreateBody, bodyOf(input, {})), { actor: ctx.principal })
    return ctx.services.tags.findById(row.id, 'editorial')
  },
  updateTag: (_root, { id, input, expectedVersion }, ctx) => {
    const row = ctx.services.tags.update(databaseIdOf(id, 'Tag'), assertValidInput<TagPatchBody>(TagPatchBody, bodyOf(input, {})), { actor: ctx.principal, expectedVersion: expected(expectedVersion) })
    return ctx.services.tags.findById(row.id, 'editorial')
  },
  deleteTag: (_root, { id, expectedVersion }, ctx) => {
    const databaseId = databaseIdOf(id, 'Tag')
    ctx.services.tags.remove(databaseId, { actor: ctx.principal, expectedVersion: expected(expectedVersion) })
    return { deletedId: toGlobalId('Tag', databaseId), databaseId }
  }
} satisfies Pick<MutationResolvers, 'createTag' | 'updateTag' | 'deleteTag'>
