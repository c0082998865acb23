import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { WriteHeaders } from '../../editorial/schemas.js'
import { expectedVersionOf, versioned } from '../../http/editorial.js'
import { ItemEnvelope, problems, ref } from '../../schemas/common.js'
import { EditionParams } from '../editions/index.js'
import { SiteSettings } from './schemas.js'
import type { SettingsService } from './service.js'
import { SettingsPatchBody } from './write-schemas.js'

// Settings come and go with their edition, so there is no POST or DELETE here.
export const settingsWriteRoutes: FastifyPluginAsyncTypebox<{ settings: SettingsService }> = async (app, { settings }) => {
  app.patch('/editions/:code/settings', {
    schema: {
      tags: ['settings'], operationId: 'updateSiteSettings', summary: 'Change some site settings of an edition',
      description: 'Needs `settings:update` (admins). Send `If-Match` with the ETag you read: a stale one is a 412, so no update is lost. `socialLinks` is replaced whole.',
      headers: WriteHeaders, params: EditionParams, querystring: Type.Object({}, { additionalProperties: false }), body: SettingsPatchBody,
      response: { 200: ItemEnvelope(ref(SiteSettings)), ...problems(400, 401, 403, 404, 412, 428) }
    }
  }, async (request, reply) => {
    settings.update(request.params.code, request.body, { actor: request.principal, expectedVersion: expectedVersionOf(request) })
    return versioned(reply, settings.findByEdition(request.params.code, 'editorial'))
  })
}
