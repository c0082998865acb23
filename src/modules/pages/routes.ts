import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { versioned, visibilityOf } from '../../http/editorial.js'
import { listEnvelope } from '../../http/envelope.js'
import { IdParams, ItemEnvelope, ListEnvelope, problems, ref } from '../../schemas/common.js'
import { Page, PageItemQuery, PageListQuery, PageSlugParams } from './schemas.js'
import type { PageService } from './service.js'


// a single page embeds its attachments' media whether or not `include` names them
const listOptions = ({ include: _include, ...options }: PageListQuery) => options

export const pageRoutes: FastifyPluginAsyncTypebox<{ pages: PageService, baseUrl: string }> = async (app, { pages, baseUrl }) => {
  app.get('/pages', {
    config: { surrogateKeys: 'page' },
    schema: {
      tags: ['pages'], operationId: 'listPages', summary: 'List published pages',
      description: 'Published pages in id order, bodies included (sites have few pages).',
      querystring: PageListQuery,
      response: { 200: ListEnvelope(ref(Page)), ...problems(400) }
    }
  }, async (request) => listEnvelope(request, baseUrl, pages.list(listOptions(request.query), visibilityOf(request), { embed: request.query.include === 'attachments' })))

  app.get('/pages/:id', {
    config: { surrogateKeys: 'page' },
    schema: {
      tags: ['pages'], operationId: 'getPage', summary: 'Get a published page by id',
      params: IdParams, querystring: PageItemQuery,
      response: { 200: ItemEnvelope(ref(Page)), ...problems(400, 404) }
    }
  }, async (request, reply) => versioned(reply, pages.findById(Number(request.params.id), visibilityOf(request))))

  app.get('/editions/:code/pages/:slug', {
    config: { surrogateKeys: 'page' },
    schema: {
      tags: ['pages'], operationId: 'getPageBySlug', summary: 'Get a published page by edition and slug',
      params: PageSlugParams, querystring: PageItemQuery,
      response: { 200: ItemEnvelope(ref(Page)), ...problems(400, 404) }
    }
  }, async (request, reply) => versioned(reply, pages.findBySlug(request.params.code, request.params.slug, visibilityOf(request))))
}
