import type Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { createSyncTokenCodec } from '../../src/sync/token.js'
import { issueKey } from '../helpers/keys.js'
import { test, testConfig, type TestApp } from '../helpers/app.js'
import { TEST_NOW } from '../helpers/clock.js'
import { apply, syncPage, syncUntilDone } from '../helpers/sync.js'
import { publishedState, visibleIds } from '../helpers/published-state.js'

let app: TestApp
let sql: Database.Database
const now = TEST_NOW.getTime()

test.beforeAll(({ app: built, sql: readOnly }) => { app = built; sql = readOnly })

const keysOf = (entries: Array<{ type: string, id: number }>) => entries.map((e) => `${e.type}:${e.id}`)

describe('initial sync', () => {
  it('pages through exactly the published content of an edition, each entity once, in the REST shapes', async () => {
    const { entries, pages } = await syncUntilDone(app, 'edition=en&limit=7', 7)
    expect(entries.every((e) => e.action === 'upsert')).toBe(true)
    expect(new Set(keysOf(entries)).size).toBe(entries.length)
    for (const page of pages) expect(page.data.length).toBeLessThanOrEqual(7)
    expect(pages.length).toBeGreaterThanOrEqual(Math.ceil(entries.length / 7))

    const store = new Map<string, Record<string, unknown>>()
    apply(store, entries)
    expect(store).toEqual(await publishedState(app, sql, now, 'en'))
    // and the single-item routes agree with what sync sent
    for (const [type, path] of [['page', 'pages'], ['category', 'categories'], ['author', 'authors'], ['media', 'media']] as const) {
      const entry = entries.find((e) => e.type === type)
      expect(entry, type).toBeDefined()
      // sync leaves out a category's articleCount (docs/sync.md)
      const { articleCount: _count, ...rest } = (await app.inject(`/v1/${path}/${entry?.id}`)).json().data
      expect(entry?.entity).toEqual(rest)
    }
  })

  it('without an edition covers every edition; types narrows it', async () => {
    const all = await syncUntilDone(app, 'limit=500', 500)
    const expected = visibleIds(sql, now)
    for (const [type, ids] of Object.entries(expected)) {
      expect(all.entries.filter((e) => e.type === type).map((e) => e.id).sort((a, b) => a - b), type).toEqual(ids)
    }
    const some = await syncUntilDone(app, 'edition=ar&types=page,tag&limit=3', 3)
    const arIds = visibleIds(sql, now, 'ar')
    expect(keysOf(some.entries).sort()).toEqual([...(arIds.page ?? []).map((id) => `page:${id}`), ...(arIds.tag ?? []).map((id) => `tag:${id}`)].sort())
  })

  it('ends with a token that, while nothing changes, returns nothing and itself', async () => {
    const { token } = await syncUntilDone(app, 'edition=en&limit=100', 100)
    const again = await syncPage(app, `token=${token}`)
    expect(again.data).toEqual([])
    expect(again.meta).toEqual({ limit: 100, hasMore: false, nextSyncToken: token })
    expect(again.nextSyncToken).toBe(token)
    expect(again.links.next).toBeNull()
  })

  it('links.next continues the stream and keeps the page size', async () => {
    const first = await syncPage(app, 'edition=en&limit=5')
    expect(first.meta.hasMore).toBe(true)
    expect(first.links.self).toBe('http://quire.test/v1/sync?edition=en&limit=5')
    expect(first.links.next).toBe(`http://quire.test/v1/sync?token=${first.meta.nextSyncToken}&limit=5`)
    const second = await syncPage(app, (first.links.next as string).split('?')[1] as string)
    expect(second.data).toHaveLength(5)
    expect(keysOf(second.data).some((k) => keysOf(first.data).includes(k))).toBe(false)
  })

  it('is public content only, even with an API key, and then not cacheable', async () => {
    const key = issueKey(app, 'editor')
    const res = await app.inject({ url: '/v1/sync?types=article,page&limit=500', headers: key.auth })
    expect(res.statusCode).toBe(200)
    expect(res.headers['cache-control']).toBe('private, no-store')
    const ids = visibleIds(sql, now)
    expect(res.json().data.map((e: { type: string, id: number }) => `${e.type}:${e.id}`).sort())
      .toEqual([...(ids.article ?? []).map((id) => `article:${id}`), ...(ids.page ?? []).map((id) => `page:${id}`)].sort())
    expect(res.json().data.every((e: { entity: Record<string, unknown> }) => !('status' in e.entity) && !('version' in e.entity))).toBe(true)
  })

  it('is publicly cacheable: ETag, 304 and surrogate keys of the lists it depends on', async () => {
    const res = await app.inject('/v1/sync?types=article,media&limit=2')
    expect(res.headers['cache-control']).toMatch(/^public/)
    expect(res.headers['surrogate-key']).toBe('list:articles list:media')
    const etag = res.headers.etag as string
    const revalidated = await app.inject({ url: '/v1/sync?types=article,media&limit=2', headers: { 'if-none-match': etag } })
    expect(revalidated.statusCode).toBe(304)
  })
})

describe('bad input is refused with problem+json naming the parameter', () => {
  const token = async () => (await syncPage(app, 'edition=en&limit=2')).meta.nextSyncToken
  const articleCursor = async () => (await app.inject('/v1/articles?limit=1')).json().meta.nextCursor as string
  const tamper = (t: string) => {
    const raw = Buffer.from(t, 'base64url')
    raw[raw.length - 3] = (raw[raw.length - 3] as number) ^ 1
    return raw.toString('base64url')
  }
  const foreign = () => createSyncTokenCodec('another-secret-of-another-server-0000000').encode({ edition: 'en', types: ['article'], changes: 0, visible: 0, initial: [0, 0], flips: null })
  const ahead = () => createSyncTokenCodec(testConfig().cursorSecret).encode({ edition: null, types: ['article'], changes: 1_000_000, visible: 0, initial: null, flips: null })
  const cases: Array<[string, () => Promise<string> | string, string]> = [
    ['unknown parameter', () => 'cursor=abc', 'query.cursor'],
    ['limit zero', () => 'limit=0', 'query.limit'],
    ['limit above 500', () => 'limit=501', 'query.limit'],
    ['limit not an integer', () => 'limit=1.5', 'query.limit'],
    ['unknown type', () => 'types=article,comment', 'query.types'],
    ['empty types', () => 'types=', 'query.types'],
    ['unknown edition', () => 'edition=xx', 'query.edition'],
    ['malformed edition', () => 'edition=EN', 'query.edition'],
    ['token of random characters', () => 'token=abc', 'query.token'],
    ['token with bad characters', () => 'token=%27%20or%201=1', 'query.token'],
    ['tampered token', async () => `token=${tamper(await token())}`, 'query.token'],
    ['token signed by another server', () => `token=${foreign()}`, 'query.token'],
    ['token ahead of the change log', () => `token=${ahead()}`, 'query.token'],
    ['a list cursor as token', async () => `token=${await articleCursor()}`, 'query.token'],
    ['token with edition', async () => `token=${await token()}&edition=en`, 'query.edition'],
    ['token with types', async () => `token=${await token()}&types=article`, 'query.types']
  ]
  it.each(cases)('%s', async (_description, query, name) => {
    const before = sql.prepare('select count(*) from changes').pluck().get()
    const res = await app.inject(`/v1/sync?${await query()}`)
    expect(res.statusCode, res.body).toBe(400)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    const body = res.json()
    expect(body).toMatchObject({ status: 400, instance: '/v1/sync' })
    expect(body.errors.map((e: { name: string }) => e.name)).toContain(name)
    expect(sql.prepare('select count(*) from changes').pluck().get()).toBe(before)
  })
})
