import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ModuleOptions } from '../../http/module-options.js'
import { authorRoutes } from './routes.js'
import { Author } from './schemas.js'
import type { AuthorService } from './service.js'
import { authorWriteRoutes } from './write-routes.js'

/*
 * The authors module's one door: other code imports the module only from here (.dependency-cruiser.cjs).
 */

export { createAuthorService, type AuthorService } from './service.js'
export { authorLoaders, authorResolvers, findAuthorNodes } from './resolvers.js'
export { authorMutations } from './mutations.js'
export type { BylinedContent } from './commands.js'
export { Author } from './schemas.js'

/** Schemas routes `$ref` by name; OpenAPI lists them as components. */
export const authorComponents = [Author]

/** The module's REST routes, reads and writes, under the /v1 scope. */
export const authorRest: FastifyPluginAsyncTypebox<ModuleOptions<{ authors: AuthorService }>> = async (app, { services: { authors }, baseUrl }) => {
  await app.register(authorRoutes, { authors, baseUrl })
  await app.register(authorWriteRoutes, { authors, baseUrl })
}
