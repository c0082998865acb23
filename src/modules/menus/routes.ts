import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { versioned, visibilityOf } from '../../http/editorial.js'
import { CollectionEnvelope, IdParams, ItemEnvelope, problems, ref } from '../../schemas/common.js'
import { Menu, MenuListQuery, MenuLocationParams } from './schemas.js'
import type { MenuService } from './service.js'

const NoQuery = Type.Object({}, { additionalProperties: false })

export const menuRoutes: FastifyPluginAsyncTypebox<{ menus: MenuService }> = async (app, { menus }) => {
  app.get('/menus', {
    config: { surrogateKeys: 'menu' },
    schema: {
      tags: ['menus'], operationId: 'listMenus', summary: 'List the menus of an edition',
      description: 'Every menu of the edition with its nested items. Items linking to unpublished pages or articles are left out.',
      querystring: MenuListQuery,
      response: { 200: CollectionEnvelope(ref(Menu)), ...problems(400) }
    }
  }, async (request) => {
    const data = menus.list(request.query.edition)
    return { data, meta: { total: data.length } }
  })

  app.get('/editions/:code/menus/:location', {
    config: { surrogateKeys: 'menu' },
    schema: {
      tags: ['menus'], operationId: 'getMenuByLocation', summary: 'Get the menu at a location of an edition',
      params: MenuLocationParams, querystring: NoQuery,
      response: { 200: ItemEnvelope(ref(Menu)), ...problems(400, 404) }
    }
  }, async (request) => ({ data: menus.findByLocation(request.params.code, request.params.location) }))

  // the resource that writes create (Location) and that If-Match versions
  app.get('/menus/:id', {
    config: { surrogateKeys: 'menu' },
    schema: {
      tags: ['menus'], operationId: 'getMenu', summary: 'Get a menu by id',
      description: 'With an API key, items linking to unpublished pages or articles are included and the ETag is the version that If-Match names.',
      params: IdParams, querystring: NoQuery,
      response: { 200: ItemEnvelope(ref(Menu)), ...problems(400, 404) }
    }
  }, async (request, reply) => versioned(reply, menus.findById(Number(request.params.id), visibilityOf(request))))
}
