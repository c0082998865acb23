import { NotFoundError } from '../errors.js'
import type { FrontendUrls } from '../frontend-urls.js'
import type { ArticleField, ArticleService } from '../modules/articles/index.js'
import type { AuthorService } from '../modules/authors/index.js'
import type { CategoryService } from '../modules/categories/index.js'
import type { CommentService } from '../modules/comments/index.js'
import type { EditionService } from '../modules/editions/index.js'
import type { MediaService } from '../modules/media/index.js'
import type { PageService } from '../modules/pages/index.js'
import type { SettingsService } from '../modules/settings/index.js'
import type { TagService } from '../modules/tags/index.js'
import type { NumberedOrder } from '../pagination/numbered.js'
import type { SearchService } from '../search/service.js'
import type { CategoryListQuery, CommentListQuery, MediaListQuery, PageListQuery, PostListQuery, TagListQuery, UserListQuery } from './schemas.js'
import { PER_PAGE_DEFAULT } from './schemas.js'
import { createWpShapes, type WpObject } from './shape.js'

/*
 * The WordPress-compatible read API's work, protocol-free: WordPress's query parameters become
 * the services' numbered reads (the same visibility, filters and URL rules every other surface
 * uses), and the results become WordPress's shapes (shape.ts). Public content only: every read
 * here is a public read of its service.
 */

export interface WordPressDeps {
  articles: ArticleService
  pages: PageService
  categories: CategoryService
  tags: TagService
  authors: AuthorService
  media: MediaService
  comments: CommentService
  editions: EditionService
  settings: SettingsService
  search: Pick<SearchService, 'numbered'>
  urls: FrontendUrls
}

/** A list as the routes page it: the items, the total, and the window asked for. */
export interface WpList { items: WpObject[], total: number, page: number, perPage: number }

/** What `_embed` names: WordPress's link relations. */
export const embeddableRelations = ['author', 'wp:featuredmedia', 'wp:term', 'replies', 'up'] as const
export type EmbedRelation = typeof embeddableRelations[number]

/** The kinds whose page beyond the last is an error in WordPress (posts, pages, media, comments); terms and users answer []. */
export type WpCollection = 'posts' | 'pages' | 'categories' | 'tags' | 'users' | 'media' | 'comments'

const ids = (list: string | undefined): number[] | undefined => list === undefined ? undefined : list.split(',').map(Number)
const slugs = (list: string | undefined): string[] | undefined => list === undefined ? undefined : list.split(',').map((s) => decodeURIComponent(s))
/** A date WordPress reads in the site zone (UTC here) when it has no zone of its own. */
const zoned = (date: string | undefined): string | undefined => date === undefined || /(Z|[+-]\d{2}:\d{2})$/.test(date) ? date : `${date}Z`

interface Window { page?: number | undefined, per_page?: number | undefined, order?: NumberedOrder | undefined, include?: string | undefined, exclude?: string | undefined }

function windowOf<O extends string> (query: Window, orderBy: O, defaultOrder: NumberedOrder) {
  const page = query.page ?? 1
  const perPage = query.per_page ?? PER_PAGE_DEFAULT
  const window = { offset: (page - 1) * perPage, limit: perPage, orderBy, order: query.order ?? defaultOrder }
  const include = ids(query.include)
  const exclude = ids(query.exclude)
  return { page, perPage, window: { ...window, ...(include !== undefined ? { ids: include } : {}), ...(exclude !== undefined ? { excludeIds: exclude } : {}) } }
}

/** Drops undefined values so optional service options stay absent (exactOptionalPropertyTypes). */
function defined<T extends Record<string, unknown>> (value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> }
}

// What a post needs of the article shaper: everything but the body unless `content` is shown.
const postFields: ArticleField[] = ['edition', 'slug', 'title', 'excerpt', 'publishedAt', 'updatedAt', 'featured', 'commentStatus', 'url', 'featuredMedia', 'authors', 'categories', 'tags', 'translations']

export function createWordPressReads (deps: WordPressDeps, apiBase: string) {
  const shapes = createWpShapes(apiBase)
  const { articles, editions } = deps

  const postView = (withContent: boolean) => ({ fields: withContent ? [...postFields, 'body' as const] : postFields, include: ['translations' as const] })

  function posts (query: PostListQuery, withContent: boolean): WpList {
    const orderBy = query.orderby ?? (query.search !== undefined ? 'relevance' : 'date')
    const { page, perPage, window } = windowOf(query, orderBy, 'desc')
    const options = defined({
      edition: query.lang,
      categoryIds: ids(query.categories),
      tagIds: ids(query.tags),
      authorIds: ids(query.author),
      featured: query.sticky,
      slugs: slugs(query.slug),
      after: zoned(query.after),
      before: zoned(query.before),
      names: { edition: 'query.lang', after: 'query.after', before: 'query.before' }
    })
    if (query.search !== undefined) {
      const filter = articles.numberedFilter({ ...window, ...options })
      const found = deps.search.numbered(filter, query.search, orderBy === 'relevance' ? 'relevance' : '-publishedAt', window.offset, window.limit)
      const items = articles.findByIds(found.ids, postView(withContent)).filter((a) => a !== null)
      return { items: items.map(shapes.post), total: found.total, page, perPage }
    }
    const sort = orderBy === 'relevance' ? 'date' : orderBy
    const result = articles.listNumbered({ ...window, orderBy: sort, ...options }, postView(withContent))
    return { items: result.items.map(shapes.post), total: result.total, page, perPage }
  }

  function post (id: number, withContent: boolean): WpObject {
    return shapes.post(articles.findById(id, postView(withContent)))
  }

  const pageLink = (p: { edition: string, slug: string }) => deps.urls.page(p.edition, p.slug)

  function pages (query: PageListQuery): WpList {
    const { page, perPage, window } = windowOf(query, query.orderby ?? 'date', 'desc')
    const result = deps.pages.listNumbered({ ...window, ...defined({ edition: query.lang, slugs: slugs(query.slug), search: query.search }) })
    return { items: result.items.map((p) => shapes.page(p, pageLink(p))), total: result.total, page, perPage }
  }

  /** WordPress's `post` filter on terms: the terms of one public post (none if it is not public). */
  function termIdsOfPost (postId: number | undefined, kind: 'categories' | 'tags'): number[] | undefined {
    if (postId === undefined) return undefined
    const visible = articles.findRecordsByIds([postId])[0]
    if (visible === null || visible === undefined) return []
    return kind === 'categories'
      ? (articles.categoryLinksByArticleIds([postId])[0] ?? []).map((l) => l.categoryId)
      : (articles.tagIdsByArticleIds([postId])[0] ?? [])
  }

  /** A term selection narrowed to a post's terms: the intersection with `include`, if both are given. */
  function narrowed (include: readonly number[] | undefined, ofPost: number[] | undefined): readonly number[] | undefined {
    if (ofPost === undefined) return include
    return include === undefined ? ofPost : include.filter((id) => ofPost.includes(id))
  }

  // `count` costs a count per term, so embeds (which WordPress shows without it) skip it
  const categoryShape = (c: Parameters<typeof shapes.category>[0], counted = true) =>
    shapes.category(c, deps.urls.category(c.edition, c.slug), counted ? articles.countPublic({ categoryIds: [c.id] }) : 0)

  function categories (query: CategoryListQuery): WpList {
    const { page, perPage, window } = windowOf(query, query.orderby ?? 'name', 'asc')
    const only = narrowed(window.ids, termIdsOfPost(query.post, 'categories'))
    const result = deps.categories.listNumbered({
      ...window, ...defined({ ids: only, edition: query.lang, slugs: slugs(query.slug), parent: query.parent, search: query.search })
    })
    return { items: result.items.map((c) => categoryShape(c)), total: result.total, page, perPage }
  }

  const tagShape = (t: Parameters<typeof shapes.tag>[0], counted = true) => shapes.tag(t, counted ? articles.countPublic({ tagIds: [t.id] }) : 0)

  function tags (query: TagListQuery): WpList {
    const { page, perPage, window } = windowOf(query, query.orderby ?? 'name', 'asc')
    const only = narrowed(window.ids, termIdsOfPost(query.post, 'tags'))
    const result = deps.tags.listNumbered({ ...window, ...defined({ ids: only, edition: query.lang, slugs: slugs(query.slug), search: query.search }) })
    return { items: result.items.map((t) => tagShape(t)), total: result.total, page, perPage }
  }

  function users (query: UserListQuery): WpList {
    const { page, perPage, window } = windowOf(query, query.orderby ?? 'name', 'asc')
    const result = deps.authors.listNumbered({ ...window, ...defined({ slugs: slugs(query.slug), search: query.search }) })
    return { items: result.items.map(shapes.user), total: result.total, page, perPage }
  }

  function media (query: MediaListQuery): WpList {
    const { page, perPage, window } = windowOf(query, query.orderby ?? 'date', 'desc')
    // WordPress's media types: Quire's image is WordPress's image; every other kind is a file
    const kind = query.media_type === undefined ? undefined : query.media_type === 'file' ? 'document' as const : query.media_type
    const result = deps.media.listNumbered({ ...window, ...defined({ kind }) })
    return { items: result.items.map(shapes.media), total: result.total, page, perPage }
  }

  /** Article links of comments, one statement for the whole page. */
  function commentShapes (list: Array<Parameters<typeof shapes.comment>[0]>): WpObject[] {
    const records = articles.findRecordsByIds(list.map((c) => c.articleId))
    const links = new Map(records.filter((r) => r !== null).map((r) => [r.id, articles.urlFor(editions.findById(r.editionId).code, r.slug)]))
    return list.map((c) => shapes.comment(c, links.get(c.articleId) ?? ''))
  }

  function comments (query: CommentListQuery): WpList {
    const orderBy = query.orderby === 'date_gmt' ? 'date' : (query.orderby ?? 'date')
    const { page, perPage, window } = windowOf(query, orderBy, 'desc')
    const result = deps.comments.listNumbered({ ...window, ...defined({ articleIds: ids(query.post), parentIds: ids(query.parent), edition: query.lang }) })
    return { items: commentShapes(result.items), total: result.total, page, perPage }
  }

  /**
   * `_embedded` of a page of objects: each relation fetched once for the whole page (one call
   * per relation), as WordPress's embed shapes: `author` and `wp:featuredmedia` are arrays of
   * objects, `wp:term` an array per taxonomy, `replies` an array of comment arrays.
   */
  function embed (items: WpObject[], relations: ReadonlySet<EmbedRelation>): void {
    const all = <T>(pick: (o: WpObject) => T[]): T[] => [...new Set(items.flatMap(pick))]
    const num = (value: unknown): number[] => typeof value === 'number' && value !== 0 ? [value] : Array.isArray(value) ? value as number[] : []
    const isPost = (o: WpObject) => o.type === 'post'
    const authorsById = relations.has('author')
      ? byId(deps.authors.findByIds(all((o) => isPost(o) ? num(o.author) : [])).map((a) => a === null ? null : shapes.user(a)))
      : null
    const mediaById = relations.has('wp:featuredmedia')
      ? byId(deps.media.findByIds(all((o) => num(o.featured_media))).map((m) => m === null ? null : shapes.media(m)))
      : null
    const terms = relations.has('wp:term')
      ? {
          categories: byId(deps.categories.findByIds(all((o) => num(o.categories))).map((c) => c === null ? null : embedTerm(categoryShape(c, false)))),
          tags: byId(deps.tags.findByIds(all((o) => num(o.tags))).map((t) => t === null ? null : embedTerm(tagShape(t, false))))
        }
      : null
    for (const item of items) {
      const embedded: Record<string, unknown> = {}
      if (authorsById !== null && isPost(item)) embedded.author = ((item._links.author ?? []).length > 0 ? num(item.author) : []).map((id) => authorsById.get(id)).filter(Boolean)
      if (mediaById !== null && num(item.featured_media).length > 0) embedded['wp:featuredmedia'] = num(item.featured_media).map((id) => mediaById.get(id)).filter(Boolean)
      if (terms !== null && isPost(item)) {
        embedded['wp:term'] = [
          num(item.categories).map((id) => terms.categories.get(id)).filter(Boolean),
          num(item.tags).map((id) => terms.tags.get(id)).filter(Boolean)
        ]
      }
      if (Object.keys(embedded).length > 0) item._embedded = embedded
    }
  }

  /** WordPress's `embed` context of a term: no count, description or meta. */
  function embedTerm (term: WpObject): WpObject {
    const { id, link, name, slug, taxonomy, _links } = term
    return { id, link, name, slug, taxonomy, _links }
  }

  /** The site as WordPress's index describes it: the default edition's title and tagline. */
  function site (): { name: string, description: string, url: string } {
    const list = editions.list()
    const home = list.find((e) => e.isDefault) ?? list[0]
    if (home === undefined) return { name: 'Quire', description: '', url: apiBase }
    const settings = deps.settings.list().find((s) => s.edition === home.code)
    return { name: settings?.title ?? 'Quire', description: settings?.tagline ?? '', url: deps.urls.edition(home.code) }
  }

  const item = <T>(find: () => T, code: string, message: string): T => {
    try {
      return find()
    } catch (error) {
      if (error instanceof NotFoundError) throw new WordPressNotFound(code, message)
      throw error
    }
  }

  return {
    posts,
    pages,
    categories,
    tags,
    users,
    media,
    comments,
    embed,
    site,
    post: (id: number, withContent: boolean) => item(() => post(id, withContent), 'rest_post_invalid_id', 'Invalid post ID.'),
    page: (id: number) => item(() => { const p = deps.pages.findById(id); return shapes.page(p, pageLink(p)) }, 'rest_post_invalid_id', 'Invalid post ID.'),
    category: (id: number) => item(() => categoryShape(deps.categories.findById(id)), 'rest_term_invalid', 'Term does not exist.'),
    tag: (id: number) => item(() => tagShape(deps.tags.findById(id)), 'rest_term_invalid', 'Term does not exist.'),
    user: (id: number) => item(() => shapes.user(deps.authors.findById(id)), 'rest_user_invalid_id', 'Invalid user ID.'),
    mediaItem: (id: number) => item(() => shapes.media(deps.media.findById(id)), 'rest_post_invalid_id', 'Invalid post ID.'),
    comment: (id: number) => item(() => commentShapes([deps.comments.findPublic(id)])[0]!, 'rest_comment_invalid_id', 'Invalid comment ID.')
  }
}

export type WordPressReads = ReturnType<typeof createWordPressReads>

/** A missing item, with the code and message WordPress answers for its type. */
export class WordPressNotFound extends Error {
  constructor (readonly code: string, message: string) { super(message) }
}

function byId<T extends { id: number }> (items: Array<T | null>): Map<number, T> {
  const map = new Map<number, T>()
  for (const item of items) if (item !== null) map.set(item.id, item)
  return map
}
