import type Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import type { IssuedKey } from '../../helpers/keys.js'
import { createDraft } from '../../helpers/content.js'
import { test, type TestApp } from '../../helpers/app.js'

let app: TestApp
let sql: Database.Database
let keys: Record<'admin' | 'editor' | 'author' | 'preview', IssuedKey>
test.beforeAll(({ app: built, sql: readOnly, keys: issued }) => { app = built; sql = readOnly; keys = issued })

const patch = (id: number, payload: object, key = keys.editor) => app.inject({ method: 'PATCH', url: `/v1/articles/${id}`, headers: key.auth, payload })

describe('article revisions', () => {
  it('stores a full snapshot per write, lists them newest first, and restores one as a new revision', async () => {
    const id = await createDraft(app, keys.author, 'articles', { title: 'First title', body: '<p>first body</p>', tagIds: [1], seo: { title: 'first seo' } })
    await patch(id, { title: 'Second title', body: '<p>second body here</p>', tagIds: [2] }, keys.author)
    await patch(id, { excerpt: 'An excerpt' }, keys.editor)

    const list = await app.inject({ url: `/v1/articles/${id}/revisions`, headers: keys.editor.auth })
    expect(list.statusCode).toBe(200)
    expect(list.json()).toEqual({
      data: [
        { number: 3, version: 3, action: 'updated', key: { id: keys.editor.id, name: 'editor key' }, createdAt: expect.any(String) },
        { number: 2, version: 2, action: 'updated', key: { id: keys.author.id, name: 'author key' }, createdAt: expect.any(String) },
        { number: 1, version: 1, action: 'created', key: { id: keys.author.id, name: 'author key' }, createdAt: expect.any(String) }
      ],
      meta: { total: 3 }
    })
    const first = await app.inject({ url: `/v1/articles/${id}/revisions/1`, headers: keys.editor.auth })
    expect(first.json().data.snapshot).toMatchObject({ edition: 'en', title: 'First title', body: '<p>first body</p>', tagIds: [1], seo: { title: 'first seo', description: null }, status: 'draft', excerpt: null })
    // snapshots are the rows as stored, not as requested
    const stored = JSON.parse((sql.prepare(`select snapshot from revisions where entity_type = 'article' and entity_id = ? and number = 2`).get(id) as { snapshot: string }).snapshot)
    expect(stored).toMatchObject({ title: 'Second title', tagIds: [2] })

    const restored = await app.inject({ method: 'POST', url: `/v1/articles/${id}/revisions/1/restore`, headers: { ...keys.editor.auth, 'if-match': '"v3"' } })
    expect(restored.statusCode).toBe(200)
    expect(restored.headers.etag).toBe('"v4"')
    // no excerpt was written: the response derives it from the body, the snapshot above keeps null
    expect(restored.json().data).toMatchObject({ title: 'First title', body: '<p>first body</p>', excerpt: 'first body', version: 4, status: 'draft', wordCount: 2 })
    expect(restored.json().data.tags.map((t: { id: number }) => t.id)).toEqual([1])
    const after = (await app.inject({ url: `/v1/articles/${id}/revisions`, headers: keys.editor.auth })).json()
    expect(after.meta.total).toBe(4)
    expect(after.data[0]).toMatchObject({ number: 4, version: 4, action: 'updated' })
    const change = sql.prepare(`select summary from changes where entity_type = 'article' and entity_id = ? order by seq desc limit 1`).get(id) as { summary: string }
    expect(JSON.parse(change.summary)).toMatchObject({ restoredFrom: 1, title: { from: 'Second title', to: 'First title' } })
  })

  it('restoring keeps status, slug and publishedAt', async () => {
    const id = await createDraft(app, keys.editor, 'articles', { slug: 'restore-keeps-slug' })
    await app.inject({ method: 'POST', url: `/v1/articles/${id}/publish`, headers: keys.editor.auth })
    await patch(id, { slug: 'restore-keeps-slug-2', title: 'Changed' })
    const res = await app.inject({ method: 'POST', url: `/v1/articles/${id}/revisions/1/restore`, headers: keys.editor.auth })
    expect(res.json().data).toMatchObject({ status: 'published', slug: 'restore-keeps-slug-2' })
  })

  it('is a 404 for a missing revision or article, a 400 for a malformed number, 412 on a stale If-Match, 401 without a key', async () => {
    const id = await createDraft(app, keys.editor)
    expect((await app.inject({ url: `/v1/articles/${id}/revisions/9`, headers: keys.editor.auth })).statusCode).toBe(404)
    expect((await app.inject({ url: '/v1/articles/99999999/revisions', headers: keys.editor.auth })).statusCode).toBe(404)
    expect((await app.inject({ url: `/v1/articles/${id}/revisions/01`, headers: keys.editor.auth })).statusCode).toBe(400)
    expect((await app.inject({ method: 'POST', url: `/v1/articles/${id}/revisions/9/restore`, headers: keys.editor.auth })).statusCode).toBe(404)
    const stale = await app.inject({ method: 'POST', url: `/v1/articles/${id}/revisions/1/restore`, headers: { ...keys.editor.auth, 'if-match': '"v7"' } })
    expect(stale.statusCode).toBe(412)
    expect(stale.headers.etag).toBe('"v1"')
    const anonymous = await app.inject(`/v1/articles/${id}/revisions`)
    expect(anonymous.statusCode).toBe(401)
    expect(anonymous.headers['www-authenticate']).toMatch(/^Bearer/)
  })
})
