import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ModuleOptions } from '../../http/module-options.js'
import { editionRoutes } from './routes.js'
import { Edition } from './schemas.js'
import type { EditionService } from './service.js'
import { editionWriteRoutes } from './write-routes.js'

/*
 * The editions module's one door: other code imports the module only from here (.dependency-cruiser.cjs).
 */

export { createEditionService, type EditionService } from './service.js'
export { editionResolvers, editionsByCode, findEditionNodes } from './resolvers.js'
export { editionMutations } from './mutations.js'
export type { EditionContentHolder, EditionNeighbours } from './commands.js'
export { EditionParams, type Edition } from './schemas.js'

/** Schemas routes `$ref` by name; OpenAPI lists them as components. */
export const editionComponents = [Edition]

/** The module's REST routes, reads and writes, under the /v1 scope. */
export const editionRest: FastifyPluginAsyncTypebox<ModuleOptions<{ editions: EditionService }>> = async (app, { services: { editions }, baseUrl }) => {
  await app.register(editionRoutes, { editions })
  await app.register(editionWriteRoutes, { editions, baseUrl })
}
