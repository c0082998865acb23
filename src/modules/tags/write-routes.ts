import type { FastifyPluginAsync } from 'fastify'
import { registerEntityWriteRoutes } from '../../http/entity-write-routes.js'
import { ref } from '../../schemas/common.js'
import { Tag } from './schemas.js'
import type { TagService } from './service.js'
import { TagCreateBody, TagPatchBody } from './write-schemas.js'

export const tagWriteRoutes: FastifyPluginAsync<{ tags: TagService, baseUrl: string }> = async (app, { tags, baseUrl }) => {
  registerEntityWriteRoutes(app, {
    collection: 'tags',
    name: 'Tag',
    permissions: { create: 'tag:create', update: 'tag:update', delete: 'tag:delete' },
    commands: tags,
    current: (row) => tags.findById(row.id, 'editorial'),
    item: ref(Tag),
    createBody: TagCreateBody,
    patchBody: TagPatchBody,
    deleteEffects: 'The tag is removed from its articles; each of them gets a new version and an `updated` change.',
    baseUrl
  })
}
