import type { FastifyPluginAsync } from 'fastify'
import { registerEntityWriteRoutes } from '../../http/entity-write-routes.js'
import { ref } from '../../schemas/common.js'
import { Author } from './schemas.js'
import type { AuthorService } from './service.js'
import { AuthorCreateBody, AuthorPatchBody } from './write-schemas.js'

export const authorWriteRoutes: FastifyPluginAsync<{ authors: AuthorService, baseUrl: string }> = async (app, { authors, baseUrl }) => {
  registerEntityWriteRoutes(app, {
    collection: 'authors',
    name: 'Author',
    permissions: { create: 'author:create', update: 'author:update', delete: 'author:delete' },
    commands: authors,
    current: (row) => authors.findById(row.id, 'editorial'),
    item: ref(Author),
    createBody: AuthorCreateBody,
    patchBody: AuthorPatchBody,
    deleteEffects: 'Refused (409) while the author is on any article\'s byline (change those articles first). The avatar media item stays.',
    baseUrl
  })
}
