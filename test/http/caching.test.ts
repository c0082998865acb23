import { describe, expect, it } from 'vitest'
import { edit } from '../helpers/content.js'
import { issueKey } from '../helpers/keys.js'
import { test, type TestApp } from '../helpers/app.js'

let app: TestApp
test.beforeAll(({ app: built }) => { app = built })

const cacheable = ['/v1/articles?edition=en', '/v1/articles/1', '/v1/editions', '/v1/categories/tree?edition=ar', '/v1/media', '/v1/authors']

describe('HTTP caching of public GETs', () => {
  it.each(cacheable)('%s has a strong ETag, Cache-Control and revalidates with 304', async (url) => {
    const first = await app.inject(url)
    expect(first.statusCode).toBe(200)
    const etag = first.headers.etag as string
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{20,}"$/)
    expect(first.headers['cache-control']).toBe('public, max-age=60, s-maxage=300, stale-while-revalidate=600')
    expect(first.headers.vary).toContain('Accept-Encoding')

    const again = await app.inject({ url, headers: { 'if-none-match': etag } })
    expect(again.statusCode).toBe(304)
    expect(again.body).toBe('')
    expect(again.headers.etag).toBe(etag)

    const other = await app.inject({ url, headers: { 'if-none-match': '"something-else"' } })
    expect(other.statusCode).toBe(200)
  })

  it('a single article carries Last-Modified and honours If-Modified-Since', async () => {
    const first = await app.inject('/v1/articles/1')
    const lastModified = first.headers['last-modified'] as string
    expect(Date.parse(lastModified)).toBe(Math.floor(Date.parse(first.json().data.updatedAt) / 1000) * 1000)
    const again = await app.inject({ url: '/v1/articles/1', headers: { 'if-modified-since': lastModified } })
    expect(again.statusCode).toBe(304)
    const older = await app.inject({ url: '/v1/articles/1', headers: { 'if-modified-since': new Date(Date.parse(lastModified) - 60_000).toUTCString() } })
    expect(older.statusCode).toBe(200)
  })

  it('authenticated requests are never cacheable', async () => {
    // an invalid key is a 401 since API keys exist (test/auth), so this uses a real one
    const res = await app.inject({ url: '/v1/articles?limit=1', headers: issueKey(app, 'preview').auth })
    expect(res.statusCode).toBe(200)
    expect(res.headers['cache-control']).toBe('private, no-store')
    expect(res.headers.etag).toBeUndefined()
  })

  it('errors are not cacheable', async () => {
    const res = await app.inject('/v1/articles/99999999')
    expect(res.headers['cache-control']).toBe('no-store')
  })

  it('compresses large bodies for clients that accept it', async () => {
    const res = await app.inject({ url: '/v1/articles?limit=50&fields=body', headers: { 'accept-encoding': 'br, gzip' } })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-encoding']).toBe('br')
  })
})

describe('the validator follows the content, not the clock alone', () => {
  it('changes when the data changes and when a scheduled article becomes due', { timeout: 120_000 }, async () => {
    const Database = (await import('better-sqlite3')).default
    const { buildApp } = await import('../../src/app.js')
    const { testConfig } = await import('../helpers/app.js')
    const reader = new Database(app.databasePath, { readonly: true })
    const due = (reader.prepare(`select published_at from articles where status = 'scheduled' order by published_at limit 1`).get() as { published_at: number }).published_at
    reader.close()
    const at = (ms: number) => buildApp({ config: testConfig({ databasePath: app.databasePath }), clock: () => new Date(ms) })

    const before = await at(due - 1)
    const etagBefore = (await before.inject('/v1/articles?limit=1')).headers.etag
    expect((await before.inject('/v1/articles?limit=1')).headers.etag).toBe(etagBefore)
    const etagOtherUrl = (await before.inject('/v1/articles?limit=2')).headers.etag
    expect(etagOtherUrl).not.toBe(etagBefore)
    await before.close()

    const after = await at(due)
    const res = await after.inject({ url: '/v1/articles?limit=1', headers: { 'if-none-match': etagBefore as string } })
    expect(res.statusCode).toBe(200)
    const etagAfter = res.headers.etag
    expect(etagAfter).not.toBe(etagBefore)

    const newest = after.inject('/v1/articles?limit=1')
    // another process on the same file writes, through the API: this one follows its commit
    const writer = await at(due)
    await edit(writer, issueKey({ databasePath: app.databasePath }, 'editor'), (await newest).json().data[0].id as number, { title: 'Updated elsewhere' })
    await writer.close()
    const changed = await after.inject({ url: '/v1/articles?limit=1', headers: { 'if-none-match': etagAfter as string } })
    expect(changed.statusCode).toBe(200)
    await after.close()
  })
})

describe('the response cache', () => {
  it('replays a rendered response until the content changes', async () => {
    const { buildApp } = await import('../../src/app.js')
    const { testConfig, copyTemplateDatabase } = await import('../helpers/app.js')
    const Database = (await import('better-sqlite3')).default
    const db = copyTemplateDatabase()
    const cached = await buildApp({ config: testConfig({ databasePath: db.path }), clock: () => new Date('2026-06-01T12:00:00Z') })
    const url = '/v1/articles?edition=en&limit=3&fields=title'
    const first = await cached.inject(url)
    const second = await cached.inject(url)
    expect(first.headers['x-cache']).toBe('MISS')
    expect(second.headers['x-cache']).toBe('HIT')
    expect(second.body).toBe(first.body)
    expect(second.headers['content-type']).toBe(first.headers['content-type'])
    expect(second.headers.etag).toBe(first.headers.etag)
    expect(second.headers['x-request-id']).not.toBe(first.headers['x-request-id'])

    const top = first.json().data[0].id as number
    const writer = await buildApp({ config: testConfig({ databasePath: db.path }), clock: () => new Date('2026-06-01T12:00:00Z') })
    await edit(writer, issueKey({ databasePath: db.path }, 'editor'), top, { title: 'Retitled by a writer' })
    await writer.close()
    const third = await cached.inject(url)
    expect(third.headers['x-cache']).toBe('MISS')
    expect(third.json().data[0].title).toBe('Retitled by a writer')

    const authed = await cached.inject({ url, headers: issueKey({ databasePath: db.path }, 'preview').auth })
    expect(authed.headers['x-cache']).toBeUndefined()
    expect(authed.headers['cache-control']).toBe('private, no-store')
    await cached.close()
    db.cleanup()
  })

  it('can be switched off', async () => {
    const { buildApp } = await import('../../src/app.js')
    const { testConfig, copyTemplateDatabase } = await import('../helpers/app.js')
    const db = copyTemplateDatabase()
    const uncached = await buildApp({ config: testConfig({ databasePath: db.path, responseCacheBytes: 0 }) })
    await uncached.inject('/v1/editions')
    expect((await uncached.inject('/v1/editions')).headers['x-cache']).toBeUndefined()
    await uncached.close()
    db.cleanup()
  })

  it('keeps a continuation page from its second request on, a first page from its first', async () => {
    const first = '/v1/articles?edition=en&limit=2&fields=title'
    const cursor = (await app.inject(first)).json().meta.nextCursor as string
    expect((await app.inject(first)).headers['x-cache']).toBe('HIT')
    for (const url of [`/v1/articles?edition=en&limit=2&fields=title&cursor=${encodeURIComponent(cursor)}`, '/v1/articles?edition=en&limit=2&fields=title&page=2']) {
      const [once, twice, thrice] = [await app.inject(url), await app.inject(url), await app.inject(url)]
      expect([once.statusCode, twice.statusCode, thrice.statusCode]).toEqual([200, 200, 200])
      expect([once.headers['x-cache'], twice.headers['x-cache'], thrice.headers['x-cache']]).toEqual([undefined, 'MISS', 'HIT'])
      // the same representation and validator whichever way it was answered
      expect(new Set([once.body, twice.body, thrice.body]).size).toBe(1)
      expect(new Set([once.headers.etag, twice.headers.etag, thrice.headers.etag]).size).toBe(1)
      expect((await app.inject({ url, headers: { 'if-none-match': once.headers.etag as string } })).statusCode).toBe(304)
    }
    const pageOne = '/v1/articles?edition=en&limit=2&fields=title&page=1'
    await app.inject(pageOne)
    expect((await app.inject(pageOne)).headers['x-cache']).toBe('HIT')
  })

  it('a walk through every page does not evict the first page', async () => {
    const { buildApp } = await import('../../src/app.js')
    const { testConfig, copyTemplateDatabase } = await import('../helpers/app.js')
    const db = copyTemplateDatabase()
    // room for a handful of pages, far fewer than the walk reads
    const small = await buildApp({ config: testConfig({ databasePath: db.path, responseCacheBytes: 32 * 1024 }) })
    const head = '/v1/articles?edition=en&limit=3&fields=title'
    expect((await small.inject(head)).headers['x-cache']).toBe('MISS')
    let cursor = (await small.inject(head)).json().meta.nextCursor as string | null
    let pages = 0
    while (cursor !== null) {
      const page = await small.inject(`${head}&cursor=${encodeURIComponent(cursor)}`)
      expect(page.statusCode).toBe(200)
      cursor = page.json().meta.nextCursor
      pages++
    }
    expect(pages).toBeGreaterThan(10)
    expect((await small.inject(head)).headers['x-cache']).toBe('HIT')
    await small.close()
    db.cleanup()
  })
})
