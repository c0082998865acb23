import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { NotFoundError } from '../../errors.js'
import { ItemEnvelope, problems, ref } from '../../schemas/common.js'
import { Redirect, RedirectExportQuery, RedirectQuery } from './schemas.js'
import type { RedirectService } from './service.js'

const csvField = (value: string): string => /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
// nginx `map` keys and values: quoted, with the quote and backslash escaped
const nginxString = (value: string): string => `"${value.replace(/[\\"]/g, '\\$&')}"`

export const redirectRoutes: FastifyPluginAsyncTypebox<{ redirects: RedirectService }> = async (app, { redirects }) => {
  app.get('/redirects', {
    schema: {
      tags: ['redirects'], operationId: 'resolveRedirect', summary: 'Where an old (imported WordPress) URL moved',
      description: 'The frontend asks this for a path it cannot serve and answers the client with a 301 to `to`. 404 when the path is unknown or its content is not public.',
      querystring: RedirectQuery,
      response: { 200: ItemEnvelope(ref(Redirect)), ...problems(400, 404) }
    }
  }, async (request) => {
    const found = redirects.resolve(request.query.path)
    if (found === null) throw new NotFoundError('redirect', request.query.path)
    return { data: found }
  })

  app.get('/redirects/export', {
    schema: {
      tags: ['redirects'], operationId: 'exportRedirects', summary: 'Every redirect, for a CDN or web-server redirect map',
      description: 'json: an array of `{from, to, status}`; csv: `from,to,status` with a header row; nginx: the lines of a `map $uri $quire_redirect { … }` block ' +
        '(paths are decoded, as nginx\'s `$uri` is). Public and cacheable like every public read; it moves with the content version.',
      querystring: RedirectExportQuery,
      response: { 200: Type.Union([Type.Array(ref(Redirect)), Type.String()]), ...problems(400) }
    }
  }, async (request, reply) => {
    const format = request.query.format ?? 'json'
    const all = [...redirects.all()]
    if (format === 'json') return all
    reply.type(format === 'csv' ? 'text/csv; charset=utf-8' : 'text/plain; charset=utf-8')
    if (format === 'csv') return ['from,to,status', ...all.map((r) => `${csvField(r.from)},${csvField(r.to)},${r.status}`)].join('\n') + '\n'
    return all.map((r) => `${nginxString(r.from)} ${nginxString(r.to)};`).join('\n') + '\n'
  })
}
