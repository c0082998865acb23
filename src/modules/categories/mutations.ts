import { entityMutations } from '../../graphql/entity-mutations.js'
import { bodyOf } from '../../graphql/input.js'
import type { MutationResolvers } from '../../graphql/generated.js'
import { CategoryCreateBody, CategoryPatchBody } from './write-schemas.js'

const ids = { parentId: 'Category', translationOf: 'Category' } as const

const categoryWrites = entityMutations({
  node: 'Category',
  writer: (ctx) => ctx.services.categories,
  read: (ctx, id) => ctx.services.categories.findById(id, 'editorial'),
  createBody: CategoryCreateBody,
  patchBody: CategoryPatchBody,
  toBody: (input) => bodyOf(input, ids)
})

/** Category mutations: the REST write routes' operations through the same service. */
export const categoryMutations = {
  createCategory: categoryWrites.create,
  updateCategory: categoryWrites.update,
  deleteCategory: categoryWrites.remove
} satisfies Pick<MutationResolvers, 'createCategory' | 'updateCategory' | 'deleteCategory'>
