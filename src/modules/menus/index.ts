import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ModuleOptions } from '../../http/module-options.js'
import { menuRoutes } from './routes.js'
import { Menu, MenuItem } from './schemas.js'
import type { MenuService } from './service.js'
import { menuWriteRoutes } from './write-routes.js'

/*
 * The menus module's one door: other code imports the module only from here (.dependency-cruiser.cjs).
 */

export { createMenuService, type MenuService } from './service.js'
export { findMenuNodes, menuLoaders, menuResolvers } from './resolvers.js'
export { menuMutations } from './mutations.js'
export { createMenuLinkRemoval } from './link-removal.js'

/** Schemas routes `$ref` by name; OpenAPI lists them as components. */
export const menuComponents = [MenuItem, Menu]

/** The module's REST routes, reads and writes, under the /v1 scope. */
export const menuRest: FastifyPluginAsyncTypebox<ModuleOptions<{ menus: MenuService }>> = async (app, { services: { menus }, baseUrl }) => {
  await app.register(menuRoutes, { menus })
  await app.register(menuWriteRoutes, { menus, baseUrl })
}
