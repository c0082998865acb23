import { InvalidInputError } from '../../errors.js'
import { indexById, pick, pickOne } from '../../graphql/batch.js'
import { connectionOf } from '../../graphql/connection.js'
import type { GraphQLContext } from '../../graphql/context.js'
import { databaseIdOf, toGlobalId } from '../../graphql/global-id.js'
import { lookupOf } from '../../graphql/lookup.js'
import type { Loaders, QuireResolvers } from '../../graphql/types.js'
import { editionsByCode } from '../editions/index.js'
import type { CategoryListOptions } from './service.js'


export const categoryResolvers = {
  Query: {
    categories: (_root, { edition, parent, topLevel, ...page }, ctx) => {
      if (parent !== null && parent !== undefined && topLevel === true) {
        throw new InvalidInputError('Pass either "parent" or "topLevel", not both.', [{ name: 'topLevel', reason: 'conflicts with parent' }])
      }
      const filter: Omit<CategoryListOptions, 'limit'> = {}
      if (edition !== null && edition !== undefined) filter.edition = edition
      if (parent !== null && parent !== undefined) filter.parent = databaseIdOf(parent, 'Category', 'parent')
      else if (topLevel === true) filter.parent = 'root'
      return connectionOf(page, ctx.cursors, (request) => ctx.services.categories.list({ ...filter, ...request }))
    },
    category: (_root, args, ctx) => {
      const key = lookupOf('Category', args)
      return 'id' in key ? ctx.services.categories.findById(key.id) : ctx.services.categories.findBySlug(key.edition, key.slug)
    }
  },
  Category: {
    id: (category) => toGlobalId('Category', category.id),
    databaseId: (category) => category.id
  }
} satisfies QuireResolvers

export const categoryLoaders = {
  Category: {
    edition: editionsByCode,
    articleCount: async (queries, ctx) => {
      const missing = queries.filter(({ obj }) => obj.articleCount === undefined).map(({ obj }) => obj.id)
      const counts = missing.length > 0 ? ctx.services.categories.articleCountsByIds(missing) : null
      return queries.map(({ obj }) => obj.articleCount ?? counts?.get(obj.id) ?? 0)
    },
    parent: async (queries, ctx) => {
      const parents = indexById(ctx.services.categories.findByIds(queries.flatMap((q) => q.obj.parentId ?? [])))
      return queries.map(({ obj }) => pickOne(parents, obj.parentId))
    },
    children: async (queries, ctx) => ctx.services.categories.childrenByParentIds(queries.map((q) => q.obj.id)),
    translations: async (queries, ctx) => {
      const translations = indexById(ctx.services.categories.findByIds(queries.flatMap((q) => q.obj.translations.map((t) => t.id))))
      return queries.map(({ obj }) => pick(translations, obj.translations.map((t) => t.id)))
    }
  }
} satisfies Loaders

export const findCategoryNodes = (ids: readonly number[], ctx: GraphQLContext) => ctx.services.categories.findByIds(ids)
