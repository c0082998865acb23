import { entityMutations } from '../../graphql/entity-mutations.js'
import { databaseIdOf } from '../../graphql/global-id.js'
import { bodyOf } from '../../graphql/input.js'
import type { MutationResolvers } from '../../graphql/generated.js'
import { GalleryCreateBody, GalleryPatchBody } from './write-schemas.js'

/** The REST body an input stands for: items name their media by global id here, by database id there. */
function galleryBody (input: Record<string, unknown>): Record<string, unknown> {
  const body = bodyOf(input, {})
  if (Array.isArray(body.items)) {
    body.items = body.items.map((item: Record<string, unknown>, i) => ({ ...item, mediaId: databaseIdOf(String(item.mediaId), 'Media', `input.items.${i}.mediaId`) }))
  }
  return body
}

const galleryWrites = entityMutations({
  node: 'Gallery',
  writer: (ctx) => ctx.services.galleries,
  read: (ctx, id) => ctx.services.galleries.findById(id, 'editorial'),
  createBody: GalleryCreateBody,
  patchBody: GalleryPatchBody,
  toBody: galleryBody
})

/** Gallery mutations: the REST write routes' operations through the same service (REST and GraphQL agree). */
export const galleryMutations = {
  createGallery: galleryWrites.create,
  updateGallery: galleryWrites.update,
  deleteGallery: galleryWrites.remove
} satisfies Pick<MutationResolvers, 'createGallery' | 'updateGallery' | 'deleteGallery'>
