import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import type { TSchema } from '@sinclair/typebox'
import { entityKey, listKey, type EntityType } from '../cache-keys/surrogate-keys.js'
import { InvalidInputError, NotFoundError } from '../errors.js'
import { fieldProblems } from '../http/problem.js'
import {
  CategoryListQuery, CommentListQuery, ItemParams, ItemQuery, MediaListQuery, PageListQuery, PostListQuery, TagListQuery, UserListQuery
} from './schemas.js'
import { embeddableRelations, WordPressNotFound, type EmbedRelation, type WordPressReads, type WpList } from './service.js'
import type { WpObject } from './shape.js'

/*
 * The WordPress-compatible read API under /wp-json: WordPress's routes, parameters, headers
 * (X-WP-Total, X-WP-TotalPages, Link) and error shape ({ code, message, data: { status } }), over
 * the same services as /v1. Read-only: writes stay on /v1. Caching (ETag, Cache-Control, the
 * response cache), CORS and the guards are the app-wide hooks every public GET passes through;
 * this plugin adds the surrogate keys naming what each response shows. The routes are left out
 * of openapi.yaml (no tags, and `hide`): the contract of this surface is WordPress's, described
 * in docs/wordpress-api.md.
 */

export interface WordPressRouteOptions {
  reads: WordPressReads
  /** The public base URL of the API; links and the index are built on it. */
  baseUrl: string
}

interface Collection {
  name: string
  entity: EntityType
  query: TSchema
  list: (query: never) => WpList
  item: (id: number, query: ItemQuery) => WpObject
  /** WordPress answers a page past the last with this 400 for post types and comments; terms and users answer []. */
  pageError?: string
}

class WordPressError extends Error {
  constructor (readonly code: string, message: string, readonly status: number, readonly extra: Record<string, unknown> = {}) { super(message) }
}

const wantsContent = (query: { _fields?: string | undefined }) => query._fields === undefined || query._fields.split(',').some((f) => f.split('.')[0] === 'content')

export const wordpressRoutes: FastifyPluginAsyncTypebox<WordPressRouteOptions> = async (app, { reads, baseUrl }) => {
  const apiRoot = `${baseUrl}/wp-json`

  const collections: Collection[] = [
    { name: 'posts', entity: 'article', query: PostListQuery, list: (q: PostListQuery) => reads.posts(q, wantsContent(q)), item: (id, q) => reads.post(id, wantsContent(q)), pageError: 'rest_post_invalid_page_number' },
    { name: 'pages', entity: 'page', query: PageListQuery, list: (q: PageListQuery) => reads.pages(q), item: (id) => reads.page(id), pageError: 'rest_post_invalid_page_number' },
    { name: 'categories', entity: 'category', query: CategoryListQuery, list: (q: CategoryListQuery) => reads.categories(q), item: (id) => reads.category(id) },
    { name: 'tags', entity: 'tag', query: TagListQuery, list: (q: TagListQuery) => reads.tags(q), item: (id) => reads.tag(id) },
    { name: 'users', entity: 'author', query: UserListQuery, list: (q: UserListQuery) => reads.users(q), item: (id) => reads.user(id) },
    { name: 'media', entity: 'media', query: MediaListQuery, list: (q: MediaListQuery) => reads.media(q), item: (id) => reads.mediaItem(id), pageError: 'rest_post_invalid_page_number' },
    // comments are named by their articles' keys: a comment's approval rewrites its article's count
    { name: 'comments', entity: 'article', query: CommentListQuery, list: (q: CommentListQuery) => reads.comments(q), item: (id) => reads.comment(id), pageError: 'rest_comment_invalid_page_number' }
  ]

  // `categories[]=1&categories[]=2` (wpapi, qs) and repeated keys become the one `categories=1,2` form
  app.addHook('preValidation', async (request) => {
    const query = request.query as Record<string, unknown> | undefined
    if (query === undefined || query === null) return
    for (const [key, value] of Object.entries(query)) {
      const name = key.endsWith('[]') ? key.slice(0, -2) : key
      if (name !== key || Array.isArray(value)) {
        const before = name !== key ? asList(query[name]) : []
        Reflect.deleteProperty(query, key)
        query[name] = [...before, ...asList(value)].join(',')
      }
    }
  })

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('link', [reply.getHeader('link'), `<${apiRoot}/>; rel="https://api.w.org/"`].filter(Boolean).join(', '))
    return payload
  })

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation !== undefined) {
      // WordPress's route patterns only match numeric ids: another id is no route at all
      if (error.validationContext === 'params') return sendNoRoute(request, reply)
      const problems = fieldProblems(error.validationContext, error.validation)
      return sendInvalidParams(reply, problems)
    }
    if (error instanceof WordPressNotFound) return sendWpError(reply, new WordPressError(error.code, error.message, 404))
    if (error instanceof WordPressError) return sendWpError(reply, error)
    if (error instanceof InvalidInputError) return sendInvalidParams(reply, error.errors.length > 0 ? error.errors : [{ name: 'query', reason: error.message }])
    if (error instanceof NotFoundError) return sendWpError(reply, new WordPressError('rest_no_route', 'No route was found matching the URL and request method.', 404))
    // guards, storage failures and the unexpected keep the app's one mapping (problem+json)
    throw error
  })

  app.setNotFoundHandler((request, reply) => sendNoRoute(request, reply))

  const hidden = { hide: true }

  app.get('/', { schema: hidden }, async (_request, reply) => {
    const site = reads.site()
    reply.surrogateKeys(listKey('settings'), listKey('edition'))
    return {
      ...site,
      home: site.url,
      gmt_offset: 0,
      timezone_string: 'UTC',
      namespaces: ['wp/v2'],
      authentication: {},
      routes: routeIndex(),
      _links: { help: [{ href: 'https://developer.wordpress.org/rest-api/' }] }
    }
  })

  app.get('/wp/v2', { schema: hidden }, async () => ({ namespace: 'wp/v2', routes: routeIndex(), _links: { up: [{ href: `${apiRoot}/` }] } }))

  function routeIndex (): Record<string, unknown> {
    const routes: Record<string, unknown> = { '/wp/v2': { namespace: 'wp/v2', methods: ['GET'], endpoints: [{ methods: ['GET'], args: {} }], _links: { self: [{ href: `${apiRoot}/wp/v2` }] } } }
    for (const c of collections) {
      const args = Object.fromEntries(Object.keys((c.query as unknown as { properties: Record<string, unknown> }).properties).map((name) => [name, { required: false }]))
      routes[`/wp/v2/${c.name}`] = { namespace: 'wp/v2', methods: ['GET'], endpoints: [{ methods: ['GET'], args }], _links: { self: [{ href: `${apiRoot}/wp/v2/${c.name}` }] } }
      routes[`/wp/v2/${c.name}/(?P<id>[\\d]+)`] = { namespace: 'wp/v2', methods: ['GET'], endpoints: [{ methods: ['GET'], args: { id: { required: false }, context: { required: false }, _fields: { required: false }, _embed: { required: false } } }] }
    }
    return routes
  }

  for (const c of collections) {
    app.get(`/wp/v2/${c.name}`, { schema: { ...hidden, querystring: c.query } }, async (request, reply) => {
      const query = request.query as PostListQuery
      refuseEditContext(query.context)
      const result = c.list(query as never)
      const totalPages = Math.ceil(result.total / result.perPage)
      if (c.pageError !== undefined && result.page > totalPages && result.total > 0) {
        throw new WordPressError(c.pageError, 'The page number requested is larger than the number of pages available.', 400)
      }
      const relations = embedRelations(query._embed)
      if (relations.size > 0) reads.embed(result.items, relations)
      reply.header('x-wp-total', String(result.total))
      reply.header('x-wp-totalpages', String(totalPages))
      const links = pageLinks(request, result.page, totalPages)
      if (links !== '') reply.header('link', links)
      nameContent(reply, c, result.items, (query as { lang?: string }).lang)
      return result.items.map((item) => pickFields(item, query._fields))
    })

    app.get(`/wp/v2/${c.name}/:id`, { schema: { ...hidden, params: ItemParams, querystring: ItemQuery } }, async (request, reply) => {
      const { id } = request.params
      const query = request.query
      refuseEditContext(query.context)
      const found = c.item(Number(id), query)
      const relations = embedRelations(query._embed)
      if (relations.size > 0) reads.embed([found], relations)
      nameContent(reply, c, [found])
      return pickFields(found, query._fields)
    })
  }

  /** Surrogate keys: every object shown, embedded ones too, and the list it came from. */
  function nameContent (reply: FastifyReply, c: Collection, items: WpObject[], edition?: string): void {
    const keys: string[] = [listKey(c.entity, edition)]
    for (const item of items) {
      keys.push(entityKey(c.entity, c.name === 'comments' ? item.post as number : item.id))
      const embedded = item._embedded as Record<string, unknown> | undefined
      if (embedded === undefined) continue
      for (const author of (embedded.author ?? []) as WpObject[]) keys.push(entityKey('author', author.id))
      for (const media of (embedded['wp:featuredmedia'] ?? []) as WpObject[]) keys.push(entityKey('media', media.id))
      for (const terms of (embedded['wp:term'] ?? []) as WpObject[][]) {
        for (const term of terms) keys.push(entityKey(term.taxonomy === 'category' ? 'category' : 'tag', term.id))
      }
    }
    reply.surrogateKeys(keys)
  }

  /** `Link` rel next/prev on the request's own URL with `page` changed, as WordPress builds them. */
  function pageLinks (request: FastifyRequest, page: number, totalPages: number): string {
    const url = new URL(request.url, baseUrl)
    const at = (n: number) => {
      url.searchParams.set('page', String(n))
      return `<${baseUrl}${url.pathname}${url.search}>`
    }
    const links: string[] = []
    if (page > 1 && page - 1 <= Math.max(totalPages, 1)) links.push(`${at(page - 1)}; rel="prev"`)
    if (page < totalPages) links.push(`${at(page + 1)}; rel="next"`)
    return links.join(', ')
  }

  function sendNoRoute (_request: FastifyRequest, reply: FastifyReply) {
    return sendWpError(reply, new WordPressError('rest_no_route', 'No route was found matching the URL and request method.', 404))
  }

  function sendInvalidParams (reply: FastifyReply, problems: Array<{ name: string, reason: string }>) {
    const params = Object.fromEntries(problems.map((p) => {
      const name = p.name.replace(/^query\./, '')
      return [name, `${name} ${p.reason}`]
    }))
    return sendWpError(reply, new WordPressError('rest_invalid_param', `Invalid parameter(s): ${Object.keys(params).join(', ')}`, 400, { params, details: {} }))
  }

  function sendWpError (reply: FastifyReply, error: WordPressError) {
    return reply.code(error.status).type('application/json; charset=utf-8')
      .send({ code: error.code, message: error.message, data: { status: error.status, ...error.extra } })
  }
}

// a parsed query string holds only strings and arrays of strings
const asList = (value: unknown): string[] => value === undefined ? [] : Array.isArray(value) ? value.map((v) => `${v as string}`) : [`${value as string}`]

function refuseEditContext (context: string | undefined): void {
  if (context === 'edit') throw new WordPressError('rest_forbidden_context', 'Sorry, you are not allowed to edit posts in this context.', 401)
}

/** `_embed` alone (or `1`, `true`) embeds every relation; a list embeds those named. */
function embedRelations (value: string | undefined): ReadonlySet<EmbedRelation> {
  if (value === undefined) return new Set()
  if (value === '' || value === '1' || value === 'true') return new Set(embeddableRelations)
  const named = new Set(value.split(','))
  return new Set(embeddableRelations.filter((r) => named.has(r)))
}

/**
 * WordPress's `_fields`: only the named top-level fields, or one nested field with a dot
 * (`title.rendered`). `_links` and `_embedded` stay only when named, as in WordPress.
 */
function pickFields (item: WpObject, fields: string | undefined): Record<string, unknown> {
  if (fields === undefined) return item
  const out: Record<string, unknown> = {}
  for (const field of fields.split(',')) {
    const [top, nested] = field.split('.', 2) as [string, string | undefined]
    if (!(top in item)) continue
    const value = item[top]
    if (nested === undefined || typeof value !== 'object' || value === null) {
      out[top] = value
    } else if (nested in value) {
      const into = (out[top] ??= {}) as Record<string, unknown>
      if (typeof into === 'object') into[nested] = (value as Record<string, unknown>)[nested]
    }
  }
  return out
}
