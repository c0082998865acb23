import type Database from 'better-sqlite3'
import { describe, expect, inject, it } from 'vitest'
import {
  entityKey, fitSurrogateKeys, keysForWrite, listKey, SURROGATE_KEY_HEADER_BUDGET, surrogateKeyHeaders, type ContentWrite
} from '../../src/cache-keys/surrogate-keys.js'
import { test, buildTestApp, type TestApp } from '../helpers/app.js'
import { TEST_NOW } from '../helpers/clock.js'
import { openReadOnly } from '../helpers/db.js'

const now = TEST_NOW.getTime()
let app: TestApp
let sql: Database.Database

test.beforeAll(({ app: built, sql: readOnly }) => { app = built; sql = readOnly })

const keysOf = (headers: Record<string, unknown>): Set<string> => new Set(String(headers['surrogate-key'] ?? '').split(' ').filter((k) => k !== ''))
const gqlGet = (query: string) => ({ url: `/graphql?query=${encodeURIComponent(query)}`, headers: { 'mercurius-require-preflight': 'true' } })

describe('the key scheme', () => {
  it('names entities and lists, and a write purges its entity and both lists of its type', () => {
    expect(entityKey('article', 42)).toBe('article:42')
    expect(entityKey('edition', 'en')).toBe('edition:en')
    expect(listKey('article', 'en')).toBe('list:articles:en')
    expect(listKey('category')).toBe('list:categories')
    expect(keysForWrite({ type: 'article', id: 42, edition: 'en' })).toEqual(['article:42', 'list:articles', 'list:articles:en'])
    expect(keysForWrite({ type: 'author', id: 3, edition: null }, { type: 'media', id: 9 })).toEqual(['author:3', 'list:authors', 'list:media', 'media:9'])
  })

  it('fits the header budget by naming a whole list instead of its members', () => {
    const many = [listKey('article', 'en'), ...Array.from({ length: 2000 }, (_, i) => entityKey('article', i + 1)), entityKey('author', 1)]
    const fitted = fitSurrogateKeys(many)
    expect(fitted.join(' ').length).toBeLessThanOrEqual(SURROGATE_KEY_HEADER_BUDGET)
    expect(fitted).toEqual(['author:1', 'list:articles', 'list:articles:en'])
    expect(fitSurrogateKeys(['b:1', 'a:1', 'a:1'])).toEqual(['a:1', 'b:1'])
    expect(surrogateKeyHeaders(['article:2', 'list:articles:en'])).toEqual({ 'surrogate-key': 'article:2 list:articles:en', 'cache-tag': 'article:2,list:articles:en' })
  })
})

/** One request of every cacheable route type, with a key its response must carry (read from the template database: the table exists before any app does). */
function cacheableRoutes (): Array<[string, { url: string, headers?: Record<string, string> }, string]> {
  const template = openReadOnly(inject('templateDatabase'))
  const one = <T>(query: string, ...params: unknown[]): T => template.prepare(query).get(...params) as T
  const article = one<{ id: number, slug: string }>(`select a.id, a.slug from articles a join editions e on e.id = a.edition_id where e.code = 'en' and a.visible_from <= ? order by a.id limit 1`, now)
  const category = one<{ id: number, slug: string }>(`select c.id, c.slug from categories c join editions e on e.id = c.edition_id where e.code = 'en' and c.parent_id is null order by c.id limit 1`)
  const tag = one<{ id: number, slug: string }>(`select t.id, t.slug from tags t join editions e on e.id = t.edition_id join article_tags at on at.tag_id = t.id where e.code = 'en' order by t.id limit 1`)
  const author = one<{ id: number, slug: string }>('select id, slug from authors order by id limit 1')
  const gallery = one<{ id: number, slug: string }>(`select g.id, g.slug from galleries g join editions e on e.id = g.edition_id where e.code = 'en' order by g.id limit 1`)
  const page = one<{ id: number, slug: string }>(`select p.id, p.slug from pages p join editions e on e.id = p.edition_id where e.code = 'en' and p.visible_from <= ? order by p.id limit 1`, now)
  const menu = one<{ id: number, location: string }>(`select m.id, m.location from menus m join editions e on e.id = m.edition_id where e.code = 'en' order by m.id limit 1`)
  const media = one<{ id: number }>('select id from media order by id limit 1')
  template.close()
  const get = (url: string) => ({ url })
  return [
    ['editions', get('/v1/editions'), 'list:editions'],
    ['edition', get('/v1/editions/ar'), 'edition:ar'],
    ['article list', get('/v1/articles?edition=en&limit=5'), 'list:articles:en'],
    ['article', get(`/v1/articles/${article.id}`), `article:${article.id}`],
    ['article by slug', get(`/v1/editions/en/articles/${encodeURIComponent(article.slug)}`), `article:${article.id}`],
    ['category list', get('/v1/categories?edition=en'), 'list:categories:en'],
    ['category tree', get('/v1/categories/tree?edition=en'), `category:${category.id}`],
    ['category', get(`/v1/categories/${category.id}`), `category:${category.id}`],
    ['category by slug', get(`/v1/editions/en/categories/${encodeURIComponent(category.slug)}`), `category:${category.id}`],
    ['author list', get('/v1/authors'), 'list:authors'],
    ['author', get(`/v1/authors/${author.id}`), `author:${author.id}`],
    ['author by slug', get(`/v1/authors/by-slug/${author.slug}`), `author:${author.id}`],
    ['tag list', get('/v1/tags?edition=en'), 'list:tags:en'],
    ['tag', get(`/v1/tags/${tag.id}`), `tag:${tag.id}`],
    ['media list', get('/v1/media'), 'list:media'],
    ['media', get(`/v1/media/${media.id}`), `media:${media.id}`],
    ['gallery list', get('/v1/galleries?edition=en'), 'list:galleries:en'],
    ['gallery', get(`/v1/galleries/${gallery.id}`), `gallery:${gallery.id}`],
    ['gallery by slug', get(`/v1/editions/en/galleries/${encodeURIComponent(gallery.slug)}`), `gallery:${gallery.id}`],
    ['page list', get('/v1/pages?edition=en'), 'list:pages:en'],
    ['page', get(`/v1/pages/${page.id}`), `page:${page.id}`],
    ['page by slug', get(`/v1/editions/en/pages/${encodeURIComponent(page.slug)}`), `page:${page.id}`],
    ['menu list', get('/v1/menus?edition=en'), 'list:menus:en'],
    ['menu', get(`/v1/editions/en/menus/${menu.location}`), `menu:${menu.id}`],
    ['settings list', get('/v1/settings'), 'list:settings'],
    ['settings', get('/v1/editions/en/settings'), 'settings:en'],
    ['RSS feed', get('/feeds/en/rss.xml'), 'list:articles:en'],
    ['Atom feed', get('/feeds/ar/atom.xml'), 'list:articles:ar'],
    ['JSON Feed', get('/feeds/fa/feed.json'), 'list:articles:fa'],
    ['category feed', get(`/feeds/en/categories/${encodeURIComponent(category.slug)}/rss.xml`), `category:${category.id}`],
    ['tag feed', get(`/feeds/en/tags/${encodeURIComponent(tag.slug)}/atom.xml`), `tag:${tag.id}`],
    ['author feed', get(`/feeds/en/authors/${author.slug}/feed.json`), `author:${author.id}`],
    ['sitemap index', get('/sitemap.xml'), 'list:articles:sq'],
    ['article sitemap', get('/sitemaps/en/articles-1.xml'), 'list:articles'],
    ['category sitemap', get('/sitemaps/ar/categories.xml'), 'list:categories:ar'],
    ['page sitemap', get('/sitemaps/fa/pages.xml'), 'list:pages:fa'],
    ['GraphQL GET', gqlGet('{ articles(filter: { edition: "en" }, first: 3) { edges { node { title authors { name } } } } }'), 'list:articles:en']
  ]
}

describe('every cacheable route type', () => {
  it.each(cacheableRoutes())('%s: validators, 304s, and surrogate keys that survive the response cache', async (_name, request, key) => {
    const first = await app.inject(request)
    expect(first.statusCode, first.body.slice(0, 300)).toBe(200)
    const { etag } = first.headers
    const lastModified = first.headers['last-modified'] as string
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{20,}"$/)
    expect(Number.isNaN(Date.parse(lastModified))).toBe(false)
    expect(first.headers['cache-control']).toBe('public, max-age=60, s-maxage=300, stale-while-revalidate=600')
    expect(first.headers.vary).toContain('Accept-Encoding')

    const keys = keysOf(first.headers)
    expect(keys).toContain(key)
    expect(String(first.headers['cache-tag']).split(',')).toEqual(String(first.headers['surrogate-key']).split(' '))

    const replay = await app.inject(request)
    expect(replay.headers['x-cache']).toBe('HIT')
    expect(replay.headers['surrogate-key']).toBe(first.headers['surrogate-key'])
    expect(replay.headers['last-modified']).toBe(lastModified)

    const byTag = await app.inject({ ...request, headers: { ...request.headers, 'if-none-match': etag as string } })
    expect(byTag.statusCode).toBe(304)
    expect(byTag.body).toBe('')
    const byDate = await app.inject({ ...request, headers: { ...request.headers, 'if-modified-since': lastModified } })
    expect(byDate.statusCode).toBe(304)
    const stale = await app.inject({ ...request, headers: { ...request.headers, 'if-none-match': '"stale"' } })
    expect(stale.statusCode).toBe(200)
  })
})

describe('keys name what a response shows', () => {
  it('an article list names each article, its edition, its byline, categories, tags, image and translations', async () => {
    const res = await app.inject('/v1/articles?edition=ar&limit=5&include=authors,categories,tags,featuredMedia,translations')
    const ids = (res.json().data as Array<{ id: number }>).map((a) => a.id)
    const inIds = `(${ids.join(',')})`
    const expected = new Set([
      'list:articles:ar', 'edition:ar',
      ...ids.map((id) => `article:${id}`),
      ...(sql.prepare(`select distinct author_id id from article_authors where article_id in ${inIds}`).all() as Array<{ id: number }>).map((r) => `author:${r.id}`),
      ...(sql.prepare(`select distinct category_id id from article_categories where article_id in ${inIds}`).all() as Array<{ id: number }>).map((r) => `category:${r.id}`),
      ...(sql.prepare(`select distinct tag_id id from article_tags where article_id in ${inIds}`).all() as Array<{ id: number }>).map((r) => `tag:${r.id}`),
      ...(sql.prepare(`select distinct featured_media_id id from articles where id in ${inIds} and featured_media_id is not null`).all() as Array<{ id: number }>).map((r) => `media:${r.id}`),
      ...(sql.prepare(`select t.id, e.code from articles a join articles t on t.translation_group = a.translation_group and t.id <> a.id
        join editions e on e.id = t.edition_id where a.id in ${inIds} and t.visible_from <= ?`).all(now) as Array<{ id: number, code: string }>).flatMap((r) => [`article:${r.id}`, `edition:${r.code}`])
    ])
    expect(keysOf(res.headers)).toEqual(expected)
  })

  it('GraphQL over GET names the objects it resolved and the lists it paged', async () => {
    const res = await app.inject(gqlGet('{ articles(filter: { edition: "sq" }, first: 4) { edges { node { databaseId authors { databaseId } } } } tags(edition: "sq", first: 2) { edges { node { databaseId } } } }'))
    const { articles, tags } = res.json().data
    const articleIds = articles.edges.map((e: { node: { databaseId: number } }) => e.node.databaseId)
    const authorIds = articles.edges.flatMap((e: { node: { authors: Array<{ databaseId: number }> } }) => e.node.authors.map((a) => a.databaseId))
    expect(keysOf(res.headers)).toEqual(new Set([
      'list:articles:sq', 'list:tags:sq', 'edition:sq',
      ...articleIds.map((id: number) => `article:${id}`),
      ...authorIds.map((id: number) => `author:${id}`),
      ...tags.edges.map((e: { node: { databaseId: number } }) => `tag:${e.node.databaseId}`)
    ]))
  })

  it('are left off what a CDN must not cache: POSTs and errors', async () => {
    const post = await app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ query: '{ editions { code } }' }) })
    expect(post.headers['surrogate-key']).toBeUndefined()
    const missing = await app.inject('/v1/articles/99999999')
    expect(missing.statusCode).toBe(404)
    expect(missing.headers['surrogate-key']).toBeUndefined()
  })
})

describe('purging what a write touched', () => {
  it('every response a write changes carries a key the write purges; unrelated responses keep theirs', async () => {
    // raw SQL writes bypass the change log, so the origin's own cache could not see them: this test
    // checks what a fresh render shows and names (test/http/invalidation.test.ts covers the cache)
    const own = await buildTestApp({ config: { responseCacheBytes: 0 } })
    const Database = (await import('better-sqlite3')).default
    const writer = new Database(own.databasePath)
    const reader = openReadOnly(own.databasePath)
    const get = (q: string) => reader.prepare(q).get(now) as { id: number, slug: string, edition: string }
    const article = get(`select a.id, a.slug, e.code edition from articles a join editions e on e.id = a.edition_id
      where e.code = 'en' and a.visible_from <= ? and a.translation_group is not null order by a.visible_from desc limit 1 offset 2`)
    const other = get(`select a.id, a.slug, e.code edition from articles a join editions e on e.id = a.edition_id
      where e.code = 'fa' and a.visible_from <= ? and a.translation_group is null order by a.visible_from limit 1`)
    const category = get(`select c.id, c.slug, e.code edition from categories c join editions e on e.id = c.edition_id join article_categories ac on ac.category_id = c.id
      where ac.article_id = (select id from articles where edition_id = (select id from editions where code = 'ar') and visible_from <= ? order by visible_from desc limit 1) limit 1`)
    const author = get(`select au.id, au.slug, 'en' edition from authors au join article_authors aa on aa.author_id = au.id where aa.article_id = (select id from articles where visible_from <= ? order by visible_from desc limit 1) limit 1`)
    const translation = get(`select t.id, t.slug, e.code edition from articles a join articles t on t.translation_group = a.translation_group and t.id <> a.id
      join editions e on e.id = t.edition_id where a.id = ${article.id} and t.visible_from <= ? limit 1`)

    const urls = [
      '/v1/articles?edition=en&limit=10', '/v1/articles?edition=ar&limit=10&include=categories,translations',
      `/v1/articles/${article.id}`, `/v1/articles/${other.id}`, `/v1/articles/${translation.id}`, `/v1/editions/en/articles/${encodeURIComponent(article.slug)}`,
      `/v1/categories/${category.id}`, '/v1/categories/tree?edition=ar', '/v1/categories/tree?edition=sq', `/v1/authors/${author.id}`, '/v1/authors',
      '/feeds/en/rss.xml', '/feeds/ar/atom.xml', '/feeds/fa/feed.json', '/feeds/sq/rss.xml', `/feeds/en/authors/${author.slug}/rss.xml`,
      '/sitemap.xml', '/sitemaps/en/articles-1.xml', '/sitemaps/fa/articles-1.xml', '/sitemaps/ar/categories.xml', '/sitemaps/en/pages.xml',
      '/v1/menus?edition=en', '/v1/pages?edition=sq'
    ]
    const snapshot = async () => new Map(await Promise.all(urls.map(async (url) => {
      const res = await own.inject(url)
      // an unpublished article answers 404 afterwards: that is a change too
      return [url, { body: `${res.statusCode} ${res.body}`, keys: keysOf(res.headers) }] as const
    })))

    const writes: Array<{ sql: string, purge: ContentWrite }> = [
      { sql: `update articles set title = 'Retitled' where id = ${article.id}`, purge: { type: 'article', id: article.id, edition: 'en' } },
      { sql: `update categories set name = 'Renamed' where id = ${category.id}`, purge: { type: 'category', id: category.id, edition: category.edition } },
      { sql: `update authors set name = 'Renamed Author' where id = ${author.id}`, purge: { type: 'author', id: author.id } },
      // last: afterwards the article answers 404
      { sql: `update articles set status = 'draft' where id = ${translation.id}`, purge: { type: 'article', id: translation.id, edition: translation.edition } }
    ]
    try {
      let after = await snapshot()
      for (const [url, { body }] of after) expect(body.startsWith('200 '), url).toBe(true)
      for (const write of writes) {
        const before = after
        writer.exec(write.sql)
        after = await snapshot()
        const purged = new Set(keysForWrite(write.purge))
        const changed = urls.filter((url) => before.get(url)!.body !== after.get(url)!.body)
        expect(changed.length, write.sql).toBeGreaterThan(0)
        for (const url of changed) {
          expect([...before.get(url)!.keys].some((k) => purged.has(k)), `${write.sql} changed ${url} but purges none of its keys`).toBe(true)
        }
        // precision: the untouched Farsi article is never purged by these writes
        expect([...before.get(`/v1/articles/${other.id}`)!.keys].some((k) => purged.has(k)), write.sql).toBe(false)
      }
    } finally {
      writer.close()
      reader.close()
      await own.close()
    }
  })
})
