import type { FastifyPluginAsync } from 'fastify'
import { registerContentWriteRoutes } from '../../http/content-write-routes.js'
import { ref } from '../../schemas/common.js'
import type { ArticleCreateInput, ArticleFields } from './commands.js'
import { ArticleOut } from './schemas.js'
import type { ArticleService } from './service.js'
import { ArticleCreateBody, ArticlePatchBody, ArticleRevision } from './write-schemas.js'

/** Articles for API keys: create, edit, publish/unpublish/archive, delete, revisions (http/content-write-routes.ts). */
export const articleWriteRoutes: FastifyPluginAsync<{ articles: ArticleService, baseUrl: string }> = async (app, { articles, baseUrl }) => {
  registerContentWriteRoutes<ArticleCreateInput, ArticleFields>(app, {
    collection: 'articles',
    name: 'Article',
    commands: articles,
    current: (id) => articles.findById(id, {}, 'editorial'),
    item: ref(ArticleOut),
    createBody: ArticleCreateBody,
    patchBody: ArticlePatchBody,
    revision: ArticleRevision,
    baseUrl
  })
}
