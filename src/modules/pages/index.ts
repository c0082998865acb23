import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ModuleOptions } from '../../http/module-options.js'
import { pageRoutes } from './routes.js'
import { Page } from './schemas.js'
import type { PageService } from './service.js'
import { pageWriteRoutes } from './write-routes.js'

/*
 * The pages module's one door: other code imports the module only from here (.dependency-cruiser.cjs).
 */

export { createPageService, type PageService } from './service.js'
export { findPageNodes, pageLoaders, pageResolvers } from './resolvers.js'
export { pageMutations } from './mutations.js'
export { Page } from './schemas.js'

/** Schemas routes `$ref` by name; OpenAPI lists them as components. */
export const pageComponents = [Page]

/** The module's REST routes, reads and writes, under the /v1 scope. */
export const pageRest: FastifyPluginAsyncTypebox<ModuleOptions<{ pages: PageService }>> = async (app, { services: { pages }, baseUrl }) => {
  await app.register(pageRoutes, { pages, baseUrl })
  await app.register(pageWriteRoutes, { pages, baseUrl })
}
