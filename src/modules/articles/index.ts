import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ModuleOptions } from '../../http/module-options.js'
import { articleRoutes } from './routes.js'
import { ArticleOut } from './schemas.js'
import type { ArticleService } from './service.js'
import { articleWriteRoutes } from './write-routes.js'

/*
 * The articles module's one door: other code imports the module only from here (.dependency-cruiser.cjs).
 */

export { createArticleService, type ArticleService } from './service.js'
export { articleLoaders, articleResolvers, findArticleNodes } from './resolvers.js'
export { articleMutations } from './mutations.js'
export type { Article, ArticleField, ArticleInclude } from './schemas.js'
export { ArticleOut } from './schemas.js'
export type { ArticleRecord } from './records.js'
// the article visibility rule and filters, for the read models that query articles in bulk (search, sync)
export { publiclyVisible as articleVisibility } from './visibility.js'
export { filterConditions, filterParams, type ArticleFilter } from './list-query.js'
export type { ArticleChunk } from './sitemap-chunks.js'
export { articleExcerpt } from './shape.js'
export type { CommentPolicy } from './comment-policy.js'

/** Schemas routes `$ref` by name; OpenAPI lists them as components. */
export const articleComponents = [ArticleOut]

/** The module's REST routes, reads and writes, under the /v1 scope. */
export const articleRest: FastifyPluginAsyncTypebox<ModuleOptions<{ articles: ArticleService }>> = async (app, { services: { articles }, baseUrl }) => {
  await app.register(articleRoutes, { articles, baseUrl })
  await app.register(articleWriteRoutes, { articles, baseUrl })
}
