import type { FastifyPluginAsync } from 'fastify'
import { registerContentWriteRoutes } from '../../http/content-write-routes.js'
import { ref } from '../../schemas/common.js'
import type { PageCreateInput, PageFields } from './commands.js'
import { Page } from './schemas.js'
import type { PageService } from './service.js'
import { PageCreateBody, PagePatchBody, PageRevision } from './write-schemas.js'

/** Pages for API keys: create, edit, publish/unpublish/archive, delete, revisions (http/content-write-routes.ts). */
export const pageWriteRoutes: FastifyPluginAsync<{ pages: PageService, baseUrl: string }> = async (app, { pages, baseUrl }) => {
  registerContentWriteRoutes<PageCreateInput, PageFields>(app, {
    collection: 'pages',
    name: 'Page',
    commands: pages,
    current: (id) => pages.findById(id, 'editorial'),
    item: ref(Page),
    createBody: PageCreateBody,
    patchBody: PagePatchBody,
    revision: PageRevision,
    baseUrl
  })
}
