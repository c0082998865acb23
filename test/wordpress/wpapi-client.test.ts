import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WPAPI from 'wpapi'
import { buildTestApp, type TestApp } from '../helpers/app.js'
import { TEST_NOW } from '../helpers/clock.js'

const now = TEST_NOW.getTime()

/*
 * The WordPress-compatible API as a WordPress client sees it: the `wpapi` library (what themes
 * and mobile apps built for WordPress use) against the real server over HTTP, in every demo edition.
 */

let app: TestApp
let wp: WPAPI
let sql: (query: string, ...params: unknown[]) => Array<Record<string, unknown>>

interface WpPost { id: number, slug: string, lang: string, title: { rendered: string }, categories: number[], author: number, featured_media: number, _embedded?: Record<string, any> }
type Paged<T> = T[] & { _paging?: { total: number, totalPages: number, links: Record<string, string> } }

beforeAll(async () => {
  app = await buildTestApp()
  await app.listen({ host: '127.0.0.1', port: 0 })
  const { port } = app.server.address() as AddressInfo
  wp = new WPAPI({ endpoint: `http://127.0.0.1:${port}/wp-json` })
  const { default: Database } = await import('better-sqlite3')
  const db = new Database(app.databasePath, { readonly: true })
  sql = (query, ...params) => db.prepare(query).all(...params) as Array<Record<string, unknown>>
})

afterAll(async () => { await app.close() })

const editions = ['en', 'ar', 'fa', 'sq']

describe.each(editions)('the %s edition through wpapi', (lang) => {
  const published = () => sql(`select a.id, a.slug from articles a join editions e on e.id = a.edition_id
    where e.code = ? and a.visible_from <= ? order by a.visible_from desc, a.id desc`, lang, now)

  it('lists the newest posts of the edition with WordPress’s paging headers', async () => {
    const posts = await wp.posts().param('lang', lang).perPage(5) as Paged<WpPost>
    expect(posts.length).toBe(5)
    expect(posts.every((p) => p.lang === lang)).toBe(true)
    expect(posts.map((p) => p.id)).toEqual(published().slice(0, 5).map((r) => r.id))
    expect(posts._paging?.total).toBe(published().length)
    expect(posts._paging?.totalPages).toBe(Math.ceil(posts._paging!.total / 5))
    expect(posts._paging?.links.next).toContain('page=2')
  })

  it('pages through the list without overlap, with next and prev links', async () => {
    const first = await wp.posts().param('lang', lang).perPage(3).page(1) as Paged<WpPost>
    const second = await wp.posts().param('lang', lang).perPage(3).page(2) as Paged<WpPost>
    expect(second.length).toBe(3)
    expect(second.map((p) => p.id).filter((id) => first.some((p) => p.id === id))).toEqual([])
    expect(second._paging?.links.prev).toContain('page=1')
    expect(second._paging?.links.next).toContain('page=3')
    // the ids of both pages are the edition's six newest, in order
    expect([...first, ...second].map((p) => p.id)).toEqual(published().slice(0, 6).map((r) => r.id))
  })

  it('embeds the author, the featured image and the terms as WordPress does', async () => {
    const posts = await wp.posts().param('lang', lang).perPage(10).embed() as Paged<WpPost>
    const withImage = posts.find((p) => p.featured_media !== 0)
    expect(withImage, 'the demo edition has posts with featured images').toBeDefined()
    const embedded = withImage!._embedded!
    expect(embedded.author[0].id).toBe(withImage!.author)
    expect(typeof embedded.author[0].name).toBe('string')
    expect(embedded['wp:featuredmedia'][0]).toMatchObject({ id: withImage!.featured_media, type: 'attachment' })
    expect(embedded['wp:featuredmedia'][0].source_url).toMatch(/^https:\/\//)
    const [categories, tags] = embedded['wp:term'] as [Array<{ id: number, taxonomy: string }>, Array<{ taxonomy: string }>]
    expect(categories.map((c) => c.id).sort()).toEqual([...withImage!.categories].sort())
    expect(categories.every((c) => c.taxonomy === 'category')).toBe(true)
    expect(tags.every((t) => t.taxonomy === 'post_tag')).toBe(true)
  })

  it('filters by category', async () => {
    const categories = await wp.categories().param('lang', lang).perPage(100) as Paged<{ id: number, count: number, lang: string }>
    expect(categories.every((c) => c.lang === lang)).toBe(true)
    const used = categories.find((c) => c.count > 1)!
    const posts = await wp.posts().categories(used.id).perPage(100) as Paged<WpPost>
    expect(posts.length).toBe(used.count)
    expect(posts.every((p) => p.categories.includes(used.id))).toBe(true)
    const expected = sql('select count(distinct ac.article_id) as n from article_categories ac join articles a on a.id = ac.article_id where ac.category_id = ? and a.visible_from <= ?', used.id, now)[0]!.n
    expect(posts.length).toBe(expected)
  })

  it('fetches a post by slug', async () => {
    const target = published()[2]!
    const posts = await wp.posts().param('lang', lang).slug(target.slug as string) as Paged<WpPost>
    expect(posts.map((p) => p.id)).toEqual([target.id])
    const one = await wp.posts().id(target.id as number) as WpPost
    expect(one.slug).toBe(target.slug)
    expect(one.lang).toBe(lang)
  })
})
