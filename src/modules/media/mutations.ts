import { entityMutations } from '../../graphql/entity-mutations.js'
import { bodyOf } from '../../graphql/input.js'
import type { MutationResolvers } from '../../graphql/generated.js'
import { fromEnum } from '../../graphql/scalars.js'
import { MediaCreateBody, MediaPatchBody } from './write-schemas.js'

/** The REST body an input stands for: the kind enum in the REST spelling. */
function mediaBody (input: Record<string, unknown>): Record<string, unknown> {
  const body = bodyOf(input, {})
  if (typeof body.kind === 'string') body.kind = fromEnum(body.kind)
  return body
}

const mediaWrites = entityMutations({
  node: 'Media',
  writer: (ctx) => ctx.services.media,
  read: (ctx, id) => ctx.services.media.findById(id, 'editorial'),
  createBody: MediaCreateBody,
  patchBody: MediaPatchBody,
  toBody: mediaBody
})

/** Media mutations: the REST write routes' operations through the same service (REST and GraphQL agree). */
export const mediaMutations = {
  createMedia: mediaWrites.create,
  updateMedia: mediaWrites.update,
  deleteMedia: mediaWrites.remove
} satisfies Pick<MutationResolvers, 'createMedia' | 'updateMedia' | 'deleteMedia'>
