import { entityMutations } from '../../graphql/entity-mutations.js'
import type { MutationResolvers } from '../../graphql/generated.js'
import { TagCreateBody, TagPatchBody } from './write-schemas.js'

const tagWrites = entityMutations({
  node: 'Tag',
  writer: (ctx) => ctx.services.tags,
  read: (ctx, id) => ctx.services.tags.findById(id, 'editorial'),
  createBody: TagCreateBody,
  patchBody: TagPatchBody
})

/** Tag mutations: the REST write routes' operations through the same service (REST and GraphQL agree). */
export const tagMutations = {
  createTag: tagWrites.create,
  updateTag: tagWrites.update,
  deleteTag: tagWrites.remove
} satisfies Pick<MutationResolvers, 'createTag' | 'updateTag' | 'deleteTag'>
