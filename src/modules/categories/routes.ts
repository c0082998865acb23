import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { versioned, visibilityOf } from '../../http/editorial.js'
import { listEnvelope } from '../../http/envelope.js'
import { CollectionEnvelope, EditionCode, IdParams, ItemEnvelope, ListEnvelope, problems, ref, Slug } from '../../schemas/common.js'
import { Category, CategoryListQuery, CategoryNode, CategoryTreeQuery } from './schemas.js'
import type { CategoryService } from './service.js'
import { DEFAULT_LIMIT } from '../../pagination/limits.js'

const NoQuery = Type.Object({}, { additionalProperties: false })

export const categoryRoutes: FastifyPluginAsyncTypebox<{ categories: CategoryService, baseUrl: string }> = async (app, { categories, baseUrl }) => {
  app.get('/categories', {
    config: { surrogateKeys: 'category' },
    schema: {
      tags: ['categories'], operationId: 'listCategories', summary: 'List categories (flat, with parentId)',
      description: 'Ordered by position. `parent=root` gives top-level categories; `parent=<id>` the children of one category.',
      querystring: CategoryListQuery,
      response: { 200: ListEnvelope(ref(Category)), ...problems(400) }
    }
  }, async (request) => {
    const { parent, limit, ...rest } = request.query
    const options = { ...rest, limit: limit ?? DEFAULT_LIMIT, ...(parent !== undefined ? { parent: parent === 'root' ? 'root' as const : Number(parent) } : {}) }
    return listEnvelope(request, baseUrl, categories.list(options))
  })

  app.get('/categories/tree', {
    config: { surrogateKeys: 'category' },
    schema: {
      tags: ['categories'], operationId: 'getCategoryTree', summary: 'The whole category tree of an edition in one call',
      querystring: CategoryTreeQuery,
      response: { 200: CollectionEnvelope(ref(CategoryNode)), ...problems(400, 404) }
    }
  }, async (request) => {
    const data = categories.tree(request.query.edition)
    return { data, meta: { total: data.length } }
  })

  app.get('/categories/:id', {
    config: { surrogateKeys: 'category' },
    schema: {
      tags: ['categories'], operationId: 'getCategory', summary: 'Get a category by id',
      params: IdParams, querystring: NoQuery,
      response: { 200: ItemEnvelope(ref(Category)), ...problems(400, 404) }
    }
  }, async (request, reply) => versioned(reply, categories.findById(Number(request.params.id), visibilityOf(request))))

  app.get('/editions/:code/categories/:slug', {
    config: { surrogateKeys: 'category' },
    schema: {
      tags: ['categories'], operationId: 'getCategoryBySlug', summary: 'Get a category by edition and slug',
      params: Type.Object({ code: EditionCode, slug: Slug }, { additionalProperties: false }), querystring: NoQuery,
      response: { 200: ItemEnvelope(ref(Category)), ...problems(400, 404) }
    }
  }, async (request, reply) => versioned(reply, categories.findBySlug(request.params.code, request.params.slug, visibilityOf(request))))
}
