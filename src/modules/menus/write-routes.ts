import type { FastifyPluginAsync } from 'fastify'
import { registerEntityWriteRoutes } from '../../http/entity-write-routes.js'
import { ref } from '../../schemas/common.js'
import { Menu } from './schemas.js'
import type { MenuService } from './service.js'
import { MenuCreateBody, MenuPatchBody } from './write-schemas.js'

export const menuWriteRoutes: FastifyPluginAsync<{ menus: MenuService, baseUrl: string }> = async (app, { menus, baseUrl }) => {
  registerEntityWriteRoutes(app, {
    collection: 'menus',
    name: 'Menu',
    permissions: { create: 'menu:create', update: 'menu:update', delete: 'menu:delete' },
    commands: menus,
    current: (row) => menus.findById(row.id, 'editorial'),
    item: ref(Menu),
    createBody: MenuCreateBody,
    patchBody: MenuPatchBody,
    deleteEffects: 'The menu and all its items go; nothing else refers to menus.',
    baseUrl
  })
}
