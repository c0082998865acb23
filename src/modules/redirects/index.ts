import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ModuleOptions } from '../../http/module-options.js'
import { redirectRoutes } from './routes.js'
import { Redirect } from './schemas.js'
import type { RedirectService } from './service.js'

/*
 * The redirects module's one door: old (imported WordPress) URLs and where they moved.
 */

export { createRedirectService, normalizeOldPath, type RedirectService, type RedirectTarget } from './service.js'
export { Redirect } from './schemas.js'

/** Schemas routes `$ref` by name; OpenAPI lists them as components. */
export const redirectComponents = [Redirect]

/** Read-only REST routes under the /v1 scope; redirects are written by `quire import wordpress`. */
export const redirectRest: FastifyPluginAsyncTypebox<ModuleOptions<{ redirects: RedirectService }>> = async (app, { services: { redirects } }) => {
  await app.register(redirectRoutes, { redirects })
}
