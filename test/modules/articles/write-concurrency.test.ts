import type Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { buildApp } from '../../../src/app.js'
import type { IssuedKey } from '../../helpers/keys.js'
import { createDraft, uniqueTitle } from '../../helpers/content.js'
import { test, testConfig, type TestApp } from '../../helpers/app.js'
import { fixedClock } from '../../helpers/clock.js'

let app: TestApp
let sql: Database.Database
let keys: Record<'admin' | 'editor' | 'author' | 'preview', IssuedKey>
test.beforeAll(({ app: built, sql: readOnly, keys: issued }) => { app = built; sql = readOnly; keys = issued })

const count = (table: string) => (sql.prepare(`select count(*) n from ${table}`).get() as { n: number }).n

describe('no lost updates', () => {
  it('two editors racing on the same version: exactly one success and one 412', async () => {
    const id = await createDraft(app, keys.editor)
    const etag = (await app.inject({ url: `/v1/articles/${id}`, headers: keys.editor.auth })).headers.etag as string
    expect(etag).toBe('"v1"')
    // a second app on the same database file: another connection, as another process would have
    const other = await buildApp({ config: testConfig({ databasePath: app.databasePath }), clock: fixedClock() })
    try {
      const [a, b] = await Promise.all([
        app.inject({ method: 'PATCH', url: `/v1/articles/${id}`, headers: { ...keys.editor.auth, 'if-match': etag }, payload: { title: 'Editor A' } }),
        other.inject({ method: 'PATCH', url: `/v1/articles/${id}`, headers: { ...keys.admin.auth, 'if-match': etag }, payload: { title: 'Editor B' } })
      ])
      const statuses = [a.statusCode, b.statusCode].sort()
      expect(statuses).toEqual([200, 412])
      const loser = a.statusCode === 412 ? a : b
      const winner = a.statusCode === 200 ? a : b
      expect(loser.headers['content-type']).toMatch(/^application\/problem\+json/)
      expect(loser.json().type).toBe('http://quire.test/problems/precondition-failed')
      expect(loser.headers.etag).toBe('"v2"')
      const row = sql.prepare('select title, version from articles where id = ?').get(id)
      expect(row).toEqual({ title: winner.json().data.title, version: 2 })
      expect(count(`revisions where entity_type = 'article' and entity_id = ${id}`)).toBe(2)
    } finally {
      await other.close()
    }
  }, 60_000) // builds a second app: slow on a busy machine

  it('many concurrent writers with the same If-Match: one wins, the rest get 412', async () => {
    const id = await createDraft(app, keys.editor)
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) =>
      app.inject({ method: 'PATCH', url: `/v1/articles/${id}`, headers: { ...keys.editor.auth, 'if-match': '"v1"' }, payload: { title: `Writer ${i}` } })))
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1)
    expect(results.filter((r) => r.statusCode === 412)).toHaveLength(7)
  })

  it('If-Match on DELETE and on workflow actions; a public ETag or a weak tag never matches', async () => {
    const id = await createDraft(app, keys.editor)
    for (const ifMatch of ['"v2"', 'W/"v1"', '"abc"', '"v1", "v2"']) {
      const res = await app.inject({ method: 'DELETE', url: `/v1/articles/${id}`, headers: { ...keys.editor.auth, 'if-match': ifMatch } })
      expect(res.statusCode, ifMatch).toBe(412)
      expect(res.headers.etag).toBe('"v1"')
    }
    expect((await app.inject({ method: 'POST', url: `/v1/articles/${id}/publish`, headers: { ...keys.editor.auth, 'if-match': '"v9"' } })).statusCode).toBe(412)
    expect((await app.inject({ method: 'POST', url: `/v1/articles/${id}/publish`, headers: { ...keys.editor.auth, 'if-match': '*' } })).statusCode).toBe(200)
    expect((await app.inject({ method: 'DELETE', url: `/v1/articles/${id}`, headers: { ...keys.editor.auth, 'if-match': '"v2"' } })).statusCode).toBe(204)
  })
})

describe('Idempotency-Key', () => {
  it('a retried create returns the first response and creates once', async () => {
    const payload = { edition: 'en', title: uniqueTitle() }
    const headers = { ...keys.editor.auth, 'idempotency-key': 'create-once-1' }
    const before = count('articles')
    const first = await app.inject({ method: 'POST', url: '/v1/articles', headers, payload })
    const second = await app.inject({ method: 'POST', url: '/v1/articles', headers, payload })
    expect(first.statusCode).toBe(201)
    expect(second.statusCode).toBe(201)
    expect(second.body).toBe(first.body)
    expect(second.headers.location).toBe(first.headers.location)
    expect(second.headers['idempotent-replayed']).toBe('true')
    expect(count('articles')).toBe(before + 1)

  })

  it('the same key with another body is a 422 and creates nothing', async () => {
    const headers = { ...keys.editor.auth, 'idempotency-key': 'create-once-2' }
    await app.inject({ method: 'POST', url: '/v1/articles', headers, payload: { edition: 'en', title: uniqueTitle() } })
    const before = count('articles')
    const res = await app.inject({ method: 'POST', url: '/v1/articles', headers, payload: { edition: 'en', title: uniqueTitle() } })
    expect(res.statusCode).toBe(422)
    expect(count('articles')).toBe(before)
  })

  it('concurrent retries create once; a failed attempt can be retried with the same key', async () => {
    const payload = { edition: 'en', title: uniqueTitle() }
    const headers = { ...keys.editor.auth, 'idempotency-key': 'create-once-3' }
    const before = count('articles')
    const results = await Promise.all([1, 2, 3].map(() => app.inject({ method: 'POST', url: '/v1/articles', headers, payload })))
    expect(count('articles')).toBe(before + 1)
    for (const r of results) expect([201, 409]).toContain(r.statusCode)
    expect(new Set(results.filter((r) => r.statusCode === 201).map((r) => r.json().data.id)).size).toBe(1)

    const failing = { ...keys.editor.auth, 'idempotency-key': 'create-once-4' }
    expect((await app.inject({ method: 'POST', url: '/v1/articles', headers: failing, payload: { edition: 'en', title: 'x', authorIds: [99999999] } })).statusCode).toBe(400)
    expect((await app.inject({ method: 'POST', url: '/v1/articles', headers: failing, payload: { edition: 'en', title: uniqueTitle() } })).statusCode).toBe(201)
  })

  it('refuses a malformed key', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/articles', headers: { ...keys.editor.auth, 'idempotency-key': 'x'.repeat(300) }, payload: { edition: 'en', title: uniqueTitle() } })
    expect(res.statusCode).toBe(400)
  })
})

describe('caches never serve what a write replaced', () => {
  it('public GET → write → public GET shows the change with a new ETag', async () => {
    const id = (sql.prepare(`select id from articles where status = 'published' and edition_id = 1 order by published_at desc limit 1`).get() as { id: number }).id
    const url = `/v1/articles/${id}?fields=title`
    const first = await app.inject(url)
    expect((await app.inject(url)).headers['x-cache']).toBe('HIT')
    const patched = await app.inject({ method: 'PATCH', url: `/v1/articles/${id}`, headers: keys.editor.auth, payload: { title: 'A fresh headline' } })
    expect(patched.statusCode).toBe(200)
    const after = await app.inject(url)
    expect(after.json().data.title).toBe('A fresh headline')
    expect(after.headers.etag).not.toBe(first.headers.etag)
    expect((await app.inject({ url, headers: { 'if-none-match': first.headers.etag as string } })).statusCode).toBe(200)
    const list = await app.inject('/v1/articles?edition=en&limit=5&fields=title')
    expect(list.json().data.map((a: { title: string }) => a.title)).toContain('A fresh headline')
  })
})
