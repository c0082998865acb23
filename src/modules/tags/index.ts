import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ModuleOptions } from '../../http/module-options.js'
import { tagRoutes } from './routes.js'
import { Tag } from './schemas.js'
import type { TagService } from './service.js'
import { tagWriteRoutes } from './write-routes.js'

/*
 * The tags module's one door: other code imports the module only from here (.dependency-cruiser.cjs).
 */

export { createTagService, type TagService } from './service.js'
export { findTagNodes, tagLoaders, tagResolvers } from './resolvers.js'
export type { TaggedContent } from './commands.js'
export { tagMutations } from './mutations.js'
export { Tag } from './schemas.js'

/** Schemas routes `$ref` by name; OpenAPI lists them as components. */
export const tagComponents = [Tag]

/** The module's REST routes, reads and writes, under the /v1 scope. */
export const tagRest: FastifyPluginAsyncTypebox<ModuleOptions<{ tags: TagService }>> = async (app, { services: { tags }, baseUrl }) => {
  await app.register(tagRoutes, { tags, baseUrl })
  await app.register(tagWriteRoutes, { tags, baseUrl })
}
