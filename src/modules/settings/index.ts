import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ModuleOptions } from '../../http/module-options.js'
import { settingsRoutes } from './routes.js'
import { SiteSettings } from './schemas.js'
import type { SettingsService } from './service.js'
import { settingsWriteRoutes } from './write-routes.js'

/*
 * The settings module's one door: other code imports the module only from here (.dependency-cruiser.cjs).
 */

export { createSettingsService, type SettingsService } from './service.js'
export { settingsLoaders, settingsResolvers } from './resolvers.js'
export { settingsMutations } from './mutations.js'
export { createSettingsLifecycle } from './commands.js'
export type { SiteSettings } from './schemas.js'

/** Schemas routes `$ref` by name; OpenAPI lists them as components. */
export const settingsComponents = [SiteSettings]

/** The module's REST routes, reads and writes, under the /v1 scope. */
export const settingsRest: FastifyPluginAsyncTypebox<ModuleOptions<{ settings: SettingsService }>> = async (app, { services: { settings } }) => {
  await app.register(settingsRoutes, { settings })
  await app.register(settingsWriteRoutes, { settings })
}
