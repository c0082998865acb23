import type { FastifyPluginAsync } from 'fastify'
import { registerEntityWriteRoutes } from '../../http/entity-write-routes.js'
import { ref } from '../../schemas/common.js'
import { Gallery } from './schemas.js'
import type { GalleryService } from './service.js'
import { GalleryCreateBody, GalleryPatchBody } from './write-schemas.js'

export const galleryWriteRoutes: FastifyPluginAsync<{ galleries: GalleryService, baseUrl: string }> = async (app, { galleries, baseUrl }) => {
  registerEntityWriteRoutes(app, {
    collection: 'galleries',
    name: 'Gallery',
    permissions: { create: 'gallery:create', update: 'gallery:update', delete: 'gallery:delete' },
    commands: galleries,
    current: (row) => galleries.findById(row.id, 'editorial'),
    item: ref(Gallery),
    createBody: GalleryCreateBody,
    patchBody: GalleryPatchBody,
    deleteEffects: 'The gallery and its items go; the media items stay.',
    baseUrl
  })
}
