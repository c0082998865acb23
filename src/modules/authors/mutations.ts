import { entityMutations } from '../../graphql/entity-mutations.js'
import { bodyOf } from '../../graphql/input.js'
import type { MutationResolvers } from '../../graphql/generated.js'
import { AuthorCreateBody, AuthorPatchBody } from './write-schemas.js'

const ids = { avatarMediaId: 'Media' } as const

const authorWrites = entityMutations({
  node: 'Author',
  writer: (ctx) => ctx.services.authors,
  read: (ctx, id) => ctx.services.authors.findById(id, 'editorial'),
  createBody: AuthorCreateBody,
  patchBody: AuthorPatchBody,
  toBody: (input) => bodyOf(input, ids)
})

/** Author mutations: the REST write routes' operations through the same service. */
export const authorMutations = {
  createAuthor: authorWrites.create,
  updateAuthor: authorWrites.update,
  deleteAuthor: authorWrites.remove
} satisfies Pick<MutationResolvers, 'createAuthor' | 'updateAuthor' | 'deleteAuthor'>
