import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ModuleOptions } from '../../http/module-options.js'
import { categoryRoutes } from './routes.js'
import { Category, CategoryNode } from './schemas.js'
import type { CategoryService } from './service.js'
import { categoryWriteRoutes } from './write-routes.js'

/*
 * The categories module's one door: other code imports the module only from here (.dependency-cruiser.cjs).
 */

export { createCategoryService, type CategoryService } from './service.js'
export { categoryLoaders, categoryResolvers, findCategoryNodes } from './resolvers.js'
export type { CategorizedContent } from './commands.js'
export { categoryMutations } from './mutations.js'
export { Category, CategoryNode } from './schemas.js'

/** Schemas routes `$ref` by name; OpenAPI lists them as components. */
export const categoryComponents = [Category, CategoryNode]

/** The module's REST routes, reads and writes, under the /v1 scope. */
export const categoryRest: FastifyPluginAsyncTypebox<ModuleOptions<{ categories: CategoryService }>> = async (app, { services: { categories }, baseUrl }) => {
  await app.register(categoryRoutes, { categories, baseUrl })
  await app.register(categoryWriteRoutes, { categories, baseUrl })
}
