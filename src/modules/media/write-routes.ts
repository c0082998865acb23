import type { FastifyPluginAsync } from 'fastify'
import { registerEntityWriteRoutes } from '../../http/entity-write-routes.js'
import { ref } from '../../schemas/common.js'
import { Media } from './schemas.js'
import type { MediaService } from './service.js'
import { MediaCreateBody, MediaPatchBody } from './write-schemas.js'

export const mediaWriteRoutes: FastifyPluginAsync<{ media: MediaService, baseUrl: string }> = async (app, { media, baseUrl }) => {
  registerEntityWriteRoutes(app, {
    collection: 'media',
    name: 'Media',
    permissions: { create: 'media:create', update: 'media:update', delete: 'media:delete' },
    commands: media,
    current: (row) => media.findById(row.id, 'editorial'),
    item: ref(Media),
    createBody: MediaCreateBody,
    patchBody: MediaPatchBody,
    deleteEffects: 'Only metadata is stored, so no file is removed. While an article shows the item as its featured image, an author as avatar or a gallery as an item, the delete is a 409 naming them: detach it first.',
    baseUrl
  })
}
