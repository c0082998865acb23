import { InvalidInputError } from '../../errors.js'
import { indexById, isPresent, pick, pickOne } from '../../graphql/batch.js'
import { numberedConnectionOf, type NumberedConnectionArgs } from '../../graphql/connection.js'
import type { GraphQLContext } from '../../graphql/context.js'
import type { ArticleConnectionParent } from './parent-types.js'
import type { ArticleFilter, ArticleOrder, BodyFormat, InputMaybe } from '../../graphql/generated.js'
import { toGlobalId } from '../../graphql/global-id.js'
import { lookupOf } from '../../graphql/lookup.js'
import { toDirection } from '../../graphql/scalars.js'
import type { Loaders, QuireResolvers } from '../../graphql/types.js'
import { versionShown } from '../../graphql/version-loader.js'
import { toIso } from '../../time.js'
import { visibilityFor } from '../../auth/permissions.js'
import type { ContentStatus } from '../../db/schema.js'
import { fromContentStatus, toContentStatus } from '../../graphql/content-status.js'
import { sourceOf, type ArticleRecord } from './records.js'
import { articleExcerpt, articleText, storedExcerpt } from './shape.js'
import type { ArticleSort } from './schemas.js'
import type { ArticleListOptions } from './service.js'
import { attachmentsOf, mediaInEdition } from '../media/index.js'

const toCommentSectionStatus = { open: 'OPEN', closed: 'CLOSED', hidden: 'HIDDEN' } as const

const sortOf: Record<ArticleOrder, ArticleSort> = {
  PUBLISHED_AT_DESC: '-publishedAt',
  PUBLISHED_AT_ASC: 'publishedAt',
  UPDATED_AT_DESC: '-updatedAt',
  TITLE_ASC: 'title'
}

type FilterName = keyof ArticleFilter
interface ArticleListArgs extends NumberedConnectionArgs { filter?: InputMaybe<ArticleFilter>, orderBy?: InputMaybe<ArticleOrder> }

/** GraphQL's filter input is REST's query parameters by another name: the service takes either. */
function listOptions (filter: InputMaybe<ArticleFilter> | undefined): ArticleListOptions {
  const options: ArticleListOptions = {}
  if (filter === null || filter === undefined) return options
  for (const name of ['edition', 'category', 'tag', 'author', 'slug', 'publishedAfter', 'publishedBefore'] as const) {
    const value = filter[name]
    if (value !== null && value !== undefined) options[name] = value
  }
  if (filter.featured !== null && filter.featured !== undefined) options.featured = filter.featured
  if (filter.status !== null && filter.status !== undefined) options.status = fromContentStatus(filter.status)
  return options
}

/**
 * An article connection through `articles.listRecords`, the list REST serves. Nested connections
 * pass the filters their parent fixes (a category's edition and slug …), which the client may not
 * set again.
 */
/** Editorial reads for API keys that may read unpublished content, as in REST. */
const visibilityOf = (ctx: GraphQLContext) => visibilityFor(ctx.principal)

function articleConnection (ctx: GraphQLContext, args: ArticleListArgs, fixed: ArticleListOptions = {}, fixedNames: FilterName[] = []): ArticleConnectionParent {
  const clash = fixedNames.filter((name) => args.filter?.[name] !== undefined && args.filter?.[name] !== null)
  if (clash.length > 0) {
    throw new InvalidInputError(`The parent already sets filter.${clash.join(', filter.')}.`, clash.map((name) => ({ name: `filter.${name}`, reason: 'is set by the parent' })))
  }
  const options: ArticleListOptions = { ...listOptions(args.filter), ...fixed, sort: sortOf[args.orderBy ?? 'PUBLISHED_AT_DESC'] }
  return numberedConnectionOf(args, ctx.cursors, ({ limit, cursor, page }) =>
    ctx.services.articles.listRecords({ ...options, limit, ...(cursor !== undefined ? { cursor } : {}), ...(page !== undefined ? { page } : {}) }, false, visibilityOf(ctx)))
}

/**
 * Bodies of records read without one (lists leave it out), one statement for the batch. `body`
 * and `excerpt` of the same parents share it through the request memo.
 */
function bodiesOf (records: readonly ArticleRecord[], ctx: GraphQLContext): (record: ArticleRecord) => string {
  const missing = records.filter((r) => r.body === undefined).map((r) => r.id)
  const loaded = missing.length === 0
    ? new Map<number, string>()
    : ctx.memo.get('article-bodies', missing, () => ctx.services.articles.bodiesByIds(missing))
  return (record) => record.body ?? loaded.get(record.id) ?? ''
}

/** Category links of a level's articles and the categories they name: one statement each, shared by `categories` and `primaryCategory`. */
function categoriesOf (records: readonly ArticleRecord[], ctx: GraphQLContext) {
  const ids = records.map((r) => r.id)
  return ctx.memo.get('article-categories', ids, () => {
    const links = ctx.services.articles.categoryLinksByArticleIds(ids)
    const categories = indexById(ctx.services.categories.findUncountedByIds(links.flat().map((l) => l.categoryId)))
    return { links, categories }
  })
}

const editionOf = (ctx: GraphQLContext, record: ArticleRecord) => ctx.services.editions.findById(record.editionId)

export const articleResolvers = {
  Query: {
    articles: (_root, args, ctx) => articleConnection(ctx, args),
    article: (_root, args, ctx) => {
      const key = lookupOf('Article', args)
      return 'id' in key
        ? ctx.services.articles.findRecordById(key.id, visibilityOf(ctx))
        : ctx.services.articles.findRecordBySlug(key.edition, key.slug, visibilityOf(ctx))
    }
  },
  Article: {
    id: (record) => toGlobalId('Article', record.id),
    databaseId: (record) => record.id,
    direction: (record, _args, ctx) => toDirection(editionOf(ctx, record).direction),
    // visible rows are published or scheduled and carry publishedAt; createdAt mirrors REST's fallback
    publishedAt: (record) => toIso(record.publishedAt ?? record.createdAt),
    createdAt: (record) => toIso(record.createdAt),
    updatedAt: (record) => toIso(record.updatedAt),
    url: (record, _args, ctx) => ctx.services.articles.urlFor(editionOf(ctx, record).code, record.slug),
    seo: (record) => ({ title: record.seoTitle, description: record.seoDescription }),
    commentStatus: (record, _args, ctx) => toCommentSectionStatus[ctx.services.articles.commentStatusOf(record)],
    source: (record) => sourceOf(record),
    shareLinks: (record, _args, ctx) => ctx.services.articles.shareLinksOf(record),
    // neighbours are public articles whoever asks: a draft's previous is what readers would see before it
    previous: (record, args, ctx) => ctx.services.articles.adjacentOf(record, args.sameCategory ?? false).previous,
    next: (record, args, ctx) => ctx.services.articles.adjacentOf(record, args.sameCategory ?? false).next,
    related: (record, args, ctx) => ctx.services.articles.relatedOf(record, args.first ?? undefined)
  },
  Category: {
    articles: (category, args, ctx) => articleConnection(ctx, args, { edition: category.edition, category: category.slug }, ['edition', 'category'])
  },
  Author: {
    articles: (author, args, ctx) => articleConnection(ctx, args, { authorId: author.id }, ['author'])
  },
  Tag: {
    articles: (tag, args, ctx) => articleConnection(ctx, args, { edition: tag.edition, tag: tag.slug }, ['edition', 'tag'])
  }
} satisfies QuireResolvers

const formatted = (html: string, format: BodyFormat): string => format === 'TEXT' ? articleText(html) : html

export const articleLoaders = {
  Article: {
    edition: async (queries, ctx) => queries.map(({ obj }) => editionOf(ctx, obj)),
    body: async (queries, ctx) => {
      const bodyOf = bodiesOf(queries.map((q) => q.obj), ctx)
      return queries.map(({ obj, params }) => formatted(bodyOf(obj), params.format))
    },
    excerpt: async (queries, ctx) => {
      const bodyOf = bodiesOf(queries.map((q) => q.obj).filter((r) => storedExcerpt(r) === null), ctx)
      return queries.map(({ obj }) => articleExcerpt(obj, () => bodyOf(obj)))
    },
    // bylines in each article's edition: one batch per edition among the articles (usually one)
    authors: async (queries, ctx) => {
      const authorIds = ctx.services.articles.authorIdsByArticleIds(queries.map((q) => q.obj.id))
      const found = ctx.services.authors.findByIdsInEditions(authorIds.flat(), authorIds.flatMap((ids, i) => ids.map(() => queries[i]!.obj.editionId)))
      let next = 0
      return authorIds.map((ids) => found.slice(next, next += ids.length).filter(isPresent))
    },
    categories: async (queries, ctx) => {
      const { links, categories } = categoriesOf(queries.map((q) => q.obj), ctx)
      return links.map((list) => pick(categories, list.map((l) => l.categoryId)))
    },
    primaryCategory: async (queries, ctx) => {
      const { links, categories } = categoriesOf(queries.map((q) => q.obj), ctx)
      return links.map((list) => pickOne(categories, list.find((l) => l.primary)?.categoryId ?? null))
    },
    tags: async (queries, ctx) => {
      const tagIds = ctx.services.articles.tagIdsByArticleIds(queries.map((q) => q.obj.id))
      const tags = indexById(ctx.services.tags.findByIds(tagIds.flat()))
      return tagIds.map((ids) => pick(tags, ids))
    },
    featuredMedia: async (queries, ctx) => {
      const media = indexById(ctx.services.media.findByIds(queries.map((q) => q.obj.featuredMediaId).filter(isPresent)))
      return queries.map(({ obj }) => {
        const item = pickOne(media, obj.featuredMediaId)
        return item === null ? null : mediaInEdition(item, ctx.services.editions.findById(obj.editionId).code)
      })
    },
    attachments: async (queries, ctx) => attachmentsOf(
      ctx, ctx.services.articles.attachmentsByArticleIds(queries.map((q) => q.obj.id)), queries.map((q) => ctx.services.editions.findById(q.obj.editionId).code)),
    translations: async (queries, ctx) => {
      const rows = ctx.services.articles.translationsOf(queries.map((q) => q.obj), visibilityOf(ctx))
      const records = indexById(ctx.services.articles.findRecordsByIds(rows.flat().map((t) => t.id), visibilityOf(ctx)))
      return rows.map((list) => pick(records, list.map((t) => t.id)))
    },
    status: async (queries, ctx) => statesOf(queries.map((q) => q.obj), ctx).map((state) => toContentStatus(state.status)),
    version: async (queries, ctx) => versionShown(ctx) ? statesOf(queries.map((q) => q.obj), ctx).map((state) => state.version) : queries.map(() => null)
  }
} satisfies Loaders

/**
 * Status and version of a level's articles: what editorial records carry, the rest in one
 * statement (public reads do not select them; `version` is stored after the body).
 */
function statesOf (records: readonly ArticleRecord[], ctx: GraphQLContext): Array<{ status: ContentStatus, version: number }> {
  const missing = records.filter((r) => r.status === undefined || r.version === undefined).map((r) => r.id)
  const loaded = missing.length === 0 ? [] : ctx.memo.get('article-states', missing, () => ctx.services.articles.statesByIds(missing))
  const byId = new Map(missing.map((id, i) => [id, loaded[i]]))
  return records.map((r) => {
    const state = byId.get(r.id)
    if (state !== undefined && state !== null) return state
    return { status: ctx.services.articles.effectiveStatusOf(r), version: r.version ?? 1 }
  })
}

/** `node(id:)` for articles: visible ones only (unless editorial), like every other read. */
export const findArticleNodes = (ids: readonly number[], ctx: GraphQLContext) => ctx.services.articles.findRecordsByIds(ids, visibilityOf(ctx))
