import type { FastifyPluginAsync } from 'fastify'
import { registerEntityWriteRoutes } from '../../http/entity-write-routes.js'
import { ref } from '../../schemas/common.js'
import { Category } from './schemas.js'
import type { CategoryService } from './service.js'
import { CategoryCreateBody, CategoryPatchBody } from './write-schemas.js'

export const categoryWriteRoutes: FastifyPluginAsync<{ categories: CategoryService, baseUrl: string }> = async (app, { categories, baseUrl }) => {
  registerEntityWriteRoutes(app, {
    collection: 'categories',
    name: 'Category',
    permissions: { create: 'category:create', update: 'category:update', delete: 'category:delete' },
    commands: categories,
    current: (row) => categories.findById(row.id, 'editorial'),
    item: ref(Category),
    createBody: CategoryCreateBody,
    patchBody: CategoryPatchBody,
    deleteEffects: 'Refused (409) while the category has child categories or articles. Menu items linking to it leave their menus; each such menu gets a new version and an `updated` change.',
    baseUrl
  })
}
