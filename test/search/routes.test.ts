import type Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/database.js'
import { seedSynthetic } from '../../src/db/seed/synthetic.js'
import { createCursorCodec } from '../../src/pagination/cursor.js'
import { MAX_RESULTS } from '../../src/search/limits.js'
import { test, testConfig, type TestApp } from '../helpers/app.js'
import { TEST_NOW } from '../helpers/clock.js'
import { openReadOnly } from '../helpers/db.js'
import { search } from '../helpers/search.js'

let app: TestApp
let sql: Database.Database
const now = TEST_NOW.getTime()

test.beforeAll(({ app: built }) => {
  app = built
  // enough articles that a common word matches more than MAX_RESULTS of them
  const writer = openDatabase(app.databasePath, { migrate: false })
  // its index built beside the load (src/search/parallel-build.ts): every search below reads what the worker built
  seedSynthetic(writer, { articles: 4400, now: TEST_NOW, parallelIndex: true })
  writer.$client.close()
  sql = openReadOnly(app.databasePath)
})

const path = (link: string) => link.replace('http://quire.test', '')

describe('GET /v1/search', () => {
  it('answers in the list envelope, with hits, highlights and links', async () => {
    const res = await app.inject('/v1/search?q=bread%20prices&edition=en&limit=3')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    expect(res.headers.etag).toBeDefined()
    expect(res.headers['cache-control']).toMatch(/^public/)
    const body = res.json()
    expect(Object.keys(body).sort()).toEqual(['data', 'links', 'meta'])
    expect(body.meta).toMatchObject({ limit: 3, prevCursor: null })
    expect(body.links.self).toBe('http://quire.test/v1/search?q=bread%20prices&edition=en&limit=3')
    expect(body.links.next).toContain('cursor=')
    for (const hit of body.data) {
      expect(Object.keys(hit).sort()).toEqual(['direction', 'edition', 'excerpt', 'highlight', 'id', 'publishedAt', 'slug', 'title', 'type', 'url'])
      expect(hit).toMatchObject({ type: 'article', edition: 'en', direction: 'ltr', url: `https://example.org/en/${encodeURIComponent(hit.slug)}` })
      expect(hit.highlight.title).toContain('<mark>')
      const stored = sql.prepare('select title, published_at from articles where id = ?').get(hit.id) as { title: string, published_at: number }
      expect(hit.title).toBe(stored.title)
      expect(hit.publishedAt).toBe(new Date(stored.published_at).toISOString())
    }
  })

  it('counts every visible match and pages through them once, forward and back', async () => {
    const expected = sql.prepare(`select count(*) from articles where edition_id = (select id from editions where code = 'ar')
      and visible_from <= ? and (title like '%الخبز%' or excerpt like '%الخبز%' or body like '%الخبز%')`).pluck().get(now) as number
    expect(expected).toBeGreaterThan(40)
    const pages: string[] = []
    const seen: number[] = []
    let url: string | null = `/v1/search?q=${encodeURIComponent('الخبز')}&edition=ar&limit=17`
    while (url !== null) {
      pages.push(url)
      const body: Awaited<ReturnType<typeof search>> = (await app.inject(url)).json()
      expect(body.meta.total).toBe(expected)
      seen.push(...body.data.map((hit: { id: number }) => hit.id))
      url = body.links.next === null ? null : path(body.links.next)
    }
    expect(seen).toHaveLength(expected)
    expect(new Set(seen).size).toBe(expected)
    const back: number[] = []
    let last = (await app.inject(pages[pages.length - 1]!)).json()
    back.unshift(...last.data.map((hit: { id: number }) => hit.id))
    while (last.links.prev !== null) {
      last = (await app.inject(path(last.links.prev))).json()
      back.unshift(...last.data.map((hit: { id: number }) => hit.id))
    }
    expect(back).toEqual(seen)
  })

  it(`reaches the first ${MAX_RESULTS} results of a larger result set, and says how many there are`, async () => {
    const matching = sql.prepare(`select count(*) from articles where edition_id = (select id from editions where code = 'en')
      and visible_from <= ? and (excerpt like '%residents%' or body like '%residents%')`).pluck().get(now) as number
    expect(matching).toBeGreaterThan(MAX_RESULTS)
    let url: string | null = '/v1/search?q=residents&edition=en&limit=100&sort=-publishedAt'
    const seen: number[] = []
    while (url !== null) {
      const body: Awaited<ReturnType<typeof search>> = (await app.inject(url)).json()
      expect(body.meta.total).toBe(matching)
      seen.push(...body.data.map((hit: { id: number }) => hit.id))
      url = body.links.next === null ? null : path(body.links.next)
    }
    expect(seen).toHaveLength(MAX_RESULTS)
    const newest = sql.prepare(`select id from articles where edition_id = (select id from editions where code = 'en')
      and visible_from <= ? and (excerpt like '%residents%' or body like '%residents%') order by visible_from desc, id desc limit ?`).pluck().all(now, MAX_RESULTS) as number[]
    expect(seen).toEqual(newest)
  })

  it('sorts newest first on request', async () => {
    const body = await search(app, 'bread', { sort: '-publishedAt', limit: '50' })
    const dates = body.data.map((hit) => Date.parse((hit as unknown as { publishedAt: string }).publishedAt))
    expect(dates).toEqual([...dates].sort((a, b) => b - a))
  })

  it('answers a query with nothing searchable with an empty page, not an error', async () => {
    for (const q of ['', '*', '-', '"', '()']) {
      const body = await search(app, q)
      expect(body).toMatchObject({ data: [], meta: { total: 0, nextCursor: null, prevCursor: null } })
    }
  })
})

describe('GET /v1/search/suggest', () => {
  it('offers distinct published titles containing every word, the last as a prefix, newest first', async () => {
    const res = await app.inject('/v1/search/suggest?q=rising%20b&edition=en&limit=10')
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.meta.total).toBe(body.data.length)
    expect(body.data.length).toBeGreaterThan(1)
    const titles = body.data.map((s: { title: string }) => s.title)
    expect(new Set(titles).size).toBe(titles.length)
    for (const suggestion of body.data) {
      expect(suggestion.title.toLowerCase()).toMatch(/\brising\b.*\bb/)
      expect(suggestion.highlight).toMatch(/<mark>Rising<\/mark> <mark>b/)
      const row = sql.prepare('select edition_id, visible_from from articles where id = ?').get(suggestion.id) as { edition_id: number, visible_from: number }
      expect(row.visible_from).toBeLessThanOrEqual(now)
    }
  })

  it('accepts a one-letter prefix in any script', async () => {
    for (const [q, edition] of [['b', 'en'], ['م', 'ar'], ['ک', 'fa'], ['ç', 'sq']]) {
      const body = (await app.inject(`/v1/search/suggest?q=${encodeURIComponent(q!)}&edition=${edition}`)).json()
      expect(body.data.length).toBeGreaterThan(0)
      for (const suggestion of body.data) expect(suggestion.edition).toBe(edition)
    }
  })
})

describe('bad input is refused with problem+json naming the parameter, and changes nothing', () => {
  const codec = createCursorCodec(testConfig().cursorSecret)
  const forged = (value: number, sort = 'search:relevance') => codec.encode({ sort, value, id: 1, direction: 'after' })

  it.each([
    ['missing q', '/v1/search', 'query.q'],
    ['repeated q', '/v1/search?q=a&q=b', 'query.q'],
    ['unknown parameter', '/v1/search?q=a&fields=title', 'query.fields'],
    ['unknown sort', '/v1/search?q=a&sort=rank', 'query.sort'],
    ['limit above 100', '/v1/search?q=a&limit=101', 'query.limit'],
    ['limit zero', '/v1/search?q=a&limit=0', 'query.limit'],
    ['unknown edition', '/v1/search?q=a&edition=xx', 'query.edition'],
    ['bad date', '/v1/search?q=a&publishedAfter=yesterday', 'query.publishedAfter'],
    ['malformed cursor', '/v1/search?q=a&cursor=not-a-real-cursor', 'query.cursor'],
    ['cursor of another sort', `/v1/search?q=a&sort=-publishedAt&cursor=${forged(3)}`, 'query.cursor'],
    ['cursor of an article list', `/v1/search?q=a&cursor=${forged(3, '-publishedAt')}`, 'query.cursor'],
    ['cursor past the depth limit', `/v1/search?q=a&cursor=${forged(MAX_RESULTS)}`, 'query.cursor'],
    ['suggest without q', '/v1/search/suggest', 'query.q'],
    ['suggest limit above 10', '/v1/search/suggest?q=a&limit=11', 'query.limit'],
    ['suggest unknown edition', '/v1/search/suggest?q=a&edition=xx', 'query.edition'],
    ['suggest unknown parameter', '/v1/search/suggest?q=a&sort=relevance', 'query.sort']
  ])('%s', async (_description, url, name) => {
    const before = sql.prepare('select (select count(*) from search_pending) + (select total_changes())').pluck().get()
    const res = await app.inject(url)
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.json()).toMatchObject({ status: 400, instance: url.split('?')[0] })
    expect(res.json().errors.map((e: { name: string }) => e.name)).toContain(name)
    expect(res.body).not.toMatch(/at .*\.(ts|js):\d+|SELECT|sqlite|fts5/i)
    expect(sql.prepare('select (select count(*) from search_pending) + (select total_changes())').pluck().get()).toBe(before)
  })

  it('the last page a cursor can reach is the depth limit', async () => {
    const body = (await app.inject(`/v1/search?q=residents&edition=en&limit=100&cursor=${forged(MAX_RESULTS - 1)}`)).json()
    expect(body).toMatchObject({ data: [], meta: { nextCursor: null } })
  })
})
