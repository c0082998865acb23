import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ModuleOptions } from '../../http/module-options.js'
import { changeRoutes } from './routes.js'
import { Change } from './schemas.js'
import type { ChangeHistoryService } from './service.js'

/*
 * The change history (audit log) module's one door: other code imports it only from here.
 */

export { createChangeHistoryService, type ChangeHistoryService } from './service.js'

/** Schemas routes `$ref` by name; OpenAPI lists them as components. */
export const changeComponents = [Change]

/** GET /v1/changes, under the /v1 scope. */
export const changeRest: FastifyPluginAsyncTypebox<ModuleOptions<{ changeHistory: ChangeHistoryService }>> = async (app, { services: { changeHistory }, baseUrl }) => {
  await app.register(changeRoutes, { changes: changeHistory, baseUrl })
}
