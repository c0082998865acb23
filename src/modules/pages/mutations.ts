import { contentMutations } from '../../graphql/entity-mutations.js'
import { bodyOf, nestedIdsOf } from '../../graphql/input.js'
import type { MutationResolvers } from '../../graphql/generated.js'
import { PageCreateBody, PagePatchBody } from './write-schemas.js'

const pageWrites = contentMutations({
  node: 'Page',
  writer: (ctx) => ctx.services.pages,
  read: (ctx, id) => ctx.services.pages.findById(id, 'editorial'),
  createBody: PageCreateBody,
  patchBody: PagePatchBody,
  toBody: (input) => nestedIdsOf(bodyOf(input, { translationOf: 'Page' }), 'attachments', 'mediaId', 'Media')
})

/** Page mutations: the REST write routes' operations through the same commands (see articles/mutations.ts). */
export const pageMutations = {
  createPage: pageWrites.create,
  updatePage: pageWrites.update,
  publishPage: pageWrites.publish,
  unpublishPage: pageWrites.unpublish,
  archivePage: pageWrites.archive,
  deletePage: pageWrites.remove,
  restorePageRevision: pageWrites.restoreRevision
} satisfies Pick<MutationResolvers, 'createPage' | 'updatePage' | 'publishPage' | 'unpublishPage' | 'archivePage' | 'deletePage' | 'restorePageRevision'>
