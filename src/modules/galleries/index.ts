import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ModuleOptions } from '../../http/module-options.js'
import { galleryRoutes } from './routes.js'
import { Gallery } from './schemas.js'
import type { GalleryService } from './service.js'
import { galleryWriteRoutes } from './write-routes.js'

/*
 * The galleries module's one door: other code imports the module only from here (.dependency-cruiser.cjs).
 */

export { createGalleryService, type GalleryService } from './service.js'
export { findGalleryNodes, galleryLoaders, galleryResolvers } from './resolvers.js'
export { galleryMutations } from './mutations.js'

/** Schemas routes `$ref` by name; OpenAPI lists them as components. */
export const galleryComponents = [Gallery]

/** The module's REST routes, reads and writes, under the /v1 scope. */
export const galleryRest: FastifyPluginAsyncTypebox<ModuleOptions<{ galleries: GalleryService }>> = async (app, { services: { galleries }, baseUrl }) => {
  await app.register(galleryRoutes, { galleries, baseUrl })
  await app.register(galleryWriteRoutes, { galleries, baseUrl })
}
