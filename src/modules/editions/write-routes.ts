import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import { registerEntityWriteRoutes } from '../../http/entity-write-routes.js'
import { ref } from '../../schemas/common.js'
import { Edition, EditionParams } from './schemas.js'
import type { EditionService } from './service.js'
import { EditionCreateBody, EditionPatchBody } from './write-schemas.js'

export const editionWriteRoutes: FastifyPluginAsync<{ editions: EditionService, baseUrl: string }> = async (app, { editions, baseUrl }) => {
  registerEntityWriteRoutes<string, EditionCreateBody, EditionPatchBody>(app, {
    collection: 'editions',
    name: 'Edition',
    permissions: { create: 'edition:create', update: 'edition:update', delete: 'edition:delete' },
    commands: editions,
    current: (row) => editions.findById(row.id, 'editorial'),
    location: (row) => `${baseUrl}/v1/editions/${editions.findById(row.id).code}`,
    item: ref(Edition),
    createBody: EditionCreateBody,
    patchBody: EditionPatchBody,
    itemPath: '/:code',
    params: EditionParams,
    keyOf: (request: FastifyRequest) => (request.params as { code: string }).code,
    deleteEffects: 'Refused (409) while the edition holds articles, pages, categories, tags, galleries or menus, and for the default edition. Its site settings go with it (a `deleted` settings change), and language-switcher menu items linking to it leave their menus (each such menu gets a new version and an `updated` change).',
    baseUrl
  })
}
