import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ModuleOptions } from '../../http/module-options.js'
import { mediaRoutes } from './routes.js'
import { Media } from './schemas.js'
import type { MediaService } from './service.js'
import { mediaWriteRoutes } from './write-routes.js'

/*
 * The media module's one door: other code imports the module only from here (.dependency-cruiser.cjs).
 */

export { createMediaService, type MediaService } from './service.js'
export { attachmentsOf, findMediaNodes, mediaResolvers } from './resolvers.js'
export { mediaMutations } from './mutations.js'
export type { MediaReference } from './commands.js'
export { Attachments, Media, MediaEmbed, MediaText, type AttachmentOut } from './schemas.js'
export { attachmentsOut, mediaInEdition } from './dto.js'
export { loadSharp } from './images.js'

/** Schemas routes `$ref` by name; OpenAPI lists them as components. */
export const mediaComponents = [Media]

/** The module's REST routes, reads and writes, under the /v1 scope. */
export const mediaRest: FastifyPluginAsyncTypebox<ModuleOptions<{ media: MediaService }>> = async (app, { services: { media }, baseUrl }) => {
  await app.register(mediaRoutes, { media, baseUrl })
  await app.register(mediaWriteRoutes, { media, baseUrl })
}
