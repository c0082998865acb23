import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { versioned, visibilityOf } from '../../http/editorial.js'
import { CollectionEnvelope, ItemEnvelope, problems, ref } from '../../schemas/common.js'
import { EditionParams } from '../editions/index.js'
import { SiteSettings } from './schemas.js'
import type { SettingsService } from './service.js'

const NoQuery = Type.Object({}, { additionalProperties: false })

export const settingsRoutes: FastifyPluginAsyncTypebox<{ settings: SettingsService }> = async (app, { settings }) => {
  app.get('/settings', {
    config: { surrogateKeys: 'settings' },
    schema: {
      tags: ['settings'], operationId: 'listSiteSettings', summary: 'List the site settings of every edition',
      querystring: NoQuery,
      response: { 200: CollectionEnvelope(ref(SiteSettings)), ...problems(400) }
    }
  }, async () => {
    const data = settings.list()
    return { data, meta: { total: data.length } }
  })

  app.get('/editions/:code/settings', {
    config: { surrogateKeys: 'settings' },
    schema: {
      tags: ['settings'], operationId: 'getSiteSettings', summary: 'Get the site settings of an edition',
      params: EditionParams, querystring: NoQuery,
      response: { 200: ItemEnvelope(ref(SiteSettings)), ...problems(400, 404) }
    }
  }, async (request, reply) => versioned(reply, settings.findByEdition(request.params.code, visibilityOf(request))))
}
