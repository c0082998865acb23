import type { Client } from 'openapi-fetch'
import type { ListPage } from './pagination.js'
import { itemsOf, pagesOf } from './pagination.js'
import type { components, operations, paths } from './schema.js'

export type Article = components['schemas']['Article']
/** What `fields` may name (`status` and `version` come with API keys, whatever is asked). */
export type ArticleField = Exclude<keyof Article, 'status' | 'version'>
/** What `include` may embed as objects instead of ids. */
export type ArticleRelation = 'authors' | 'categories' | 'tags' | 'featuredMedia' | 'translations'
/** A list leaves the body out unless `fields` names it. */
export type ListDefaultField = Exclude<ArticleField, 'body'>

type Full = Required<Article>
type Embedded<K extends ArticleRelation> = Exclude<Full[K], number | number[]>
type Referenced<K extends ArticleRelation> = Extract<Full[K], number | number[] | null>
type FieldValue<K extends ArticleField, I extends ArticleRelation> =
  K extends ArticleRelation ? (K extends I ? Embedded<K> : Referenced<K>) : Full[K]

/**
 * An article as Quire sends it for a given `fields` (F) and `include` (I): exactly the fields
 * asked for (and `id`, always sent), none optional; relations named in `include` as objects,
 * the others as ids. The generated `Article` type has every field optional, because which ones
 * arrive depends on the request; this type is what a given request gets.
 */
export type ArticleWith<F extends ArticleField, I extends ArticleRelation = never> =
  { [K in F | 'id']: FieldValue<K, I> } & Pick<Article, 'status' | 'version'>

/** Quire refuses an empty `fields` or `include`: leave it out for the default. */
type NonEmpty<T> = readonly [T, ...T[]]
type ListQuery = NonNullable<operations['listArticles']['parameters']['query']>
export type ArticleListQuery<F extends ArticleField, I extends ArticleRelation> =
  Omit<ListQuery, 'fields' | 'include' | 'cursor'> & { fields?: NonEmpty<F>, include?: NonEmpty<I>, cursor?: string }
export interface ArticleView<F extends ArticleField, I extends ArticleRelation> {
  fields?: NonEmpty<F>
  include?: NonEmpty<I>
}

export type ArticleCreateBody = NonNullable<operations['createArticle']['requestBody']>['content']['application/json']
export type ArticlePatchBody = NonNullable<operations['updateArticle']['requestBody']>['content']['application/json']
/** An article as a write returns it: every field, relations as ids, with its workflow state. */
export type WrittenArticle = ArticleWith<ArticleField> & Required<Pick<Article, 'status' | 'version'>>

const joined = (names: readonly string[] | undefined): string | undefined => names === undefined ? undefined : names.join(',')

/**
 * Typed article calls over the openapi-fetch client. Failures never come back as values: the
 * client's middleware throws a QuireProblemError for every non-2xx answer, so `data` is there.
 */
export function articleCalls (api: Client<paths>) {
  async function list<F extends ArticleField = ListDefaultField, I extends ArticleRelation = never> (query: ArticleListQuery<F, I> = {}): Promise<ListPage<ArticleWith<F, I>>> {
    const { fields, include, ...rest } = query
    const { data } = await api.GET('/v1/articles', { params: { query: { ...rest, fields: joined(fields), include: joined(include) } } })
    return data as unknown as ListPage<ArticleWith<F, I>>
  }

  return {
    list,
    /** Every page of a list, following `meta.nextCursor` (breaking out of the loop stops it). */
    pages: <F extends ArticleField = ListDefaultField, I extends ArticleRelation = never> (query: Omit<ArticleListQuery<F, I>, 'cursor'> = {}) =>
      pagesOf((cursor) => list<F, I>({ ...query, ...(cursor !== undefined ? { cursor } : {}) })),
    /** Every article of a list, page after page. */
    iterate: <F extends ArticleField = ListDefaultField, I extends ArticleRelation = never> (query: Omit<ArticleListQuery<F, I>, 'cursor'> = {}) =>
      itemsOf((cursor) => list<F, I>({ ...query, ...(cursor !== undefined ? { cursor } : {}) })),

    /** One article by id; without `include` every relation is embedded, as Quire does for one article. */
    async get<F extends ArticleField = ArticleField, I extends ArticleRelation = ArticleRelation> (id: number, view: ArticleView<F, I> = {}): Promise<ArticleWith<F, I>> {
      const { data } = await api.GET('/v1/articles/{id}', { params: { path: { id }, query: { fields: joined(view.fields), include: joined(view.include) } } })
      return (data as unknown as { data: ArticleWith<F, I> }).data
    },

    /** One article by edition and slug (a former slug is followed to the current one). */
    async getBySlug<F extends ArticleField = ArticleField, I extends ArticleRelation = ArticleRelation> (edition: string, slug: string, view: ArticleView<F, I> = {}): Promise<ArticleWith<F, I>> {
      const { data } = await api.GET('/v1/editions/{code}/articles/{slug}', { params: { path: { code: edition, slug }, query: { fields: joined(view.fields), include: joined(view.include) } } })
      return (data as unknown as { data: ArticleWith<F, I> }).data
    },

    /** Creates a draft (needs an API key that may write). */
    async create (body: ArticleCreateBody, options: { idempotencyKey?: string } = {}): Promise<WrittenArticle> {
      const { data } = await api.POST('/v1/articles', { body, params: { header: options.idempotencyKey === undefined ? {} : { 'idempotency-key': options.idempotencyKey } } })
      return (data as unknown as { data: WrittenArticle }).data
    },

    /** Changes fields of an article; `ifMatch` (the ETag of the version read) guards against lost updates. */
    async update (id: number, patch: ArticlePatchBody, options: { ifMatch?: string } = {}): Promise<WrittenArticle> {
      const { data } = await api.PATCH('/v1/articles/{id}', { body: patch, params: { path: { id }, header: options.ifMatch === undefined ? {} : { 'if-match': options.ifMatch } } })
      return (data as unknown as { data: WrittenArticle }).data
    }
  }
}
