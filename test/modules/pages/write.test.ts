import type Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import type { IssuedKey } from '../../helpers/keys.js'
import { createDraft, publish } from '../../helpers/content.js'
import { test, type TestApp } from '../../helpers/app.js'
import { TEST_NOW } from '../../helpers/clock.js'

let now = TEST_NOW.getTime()
let app: TestApp
let sql: Database.Database
let keys: Record<'admin' | 'editor' | 'author' | 'preview', IssuedKey>
test.override('appOptions', { clock: () => new Date(now) })
test.beforeAll(({ app: built, sql: readOnly, keys: issued }) => {
  app = built
  sql = readOnly
  keys = issued
})

const stored = (id: number) => sql.prepare('select status, slug, version, translation_group, created_by_key_id from pages where id = ?').get(id) as Record<string, any> | undefined

describe('page writes', () => {
  it('create → schedule → due → edit with If-Match → revisions → restore → delete', async () => {
    const created = await app.inject({ method: 'POST', url: '/v1/pages', headers: keys.author.auth, payload: { edition: 'sq', title: 'Rreth nesh çështje', body: '<p onclick="x">Tekst</p>' } })
    expect(created.statusCode).toBe(201)
    const page = created.json().data
    expect(page).toMatchObject({ slug: 'rreth-nesh-ceshtje', body: '<p>Tekst</p>', status: 'draft', version: 1 })
    expect(stored(page.id)).toMatchObject({ created_by_key_id: keys.author.id })
    expect((await app.inject(`/v1/pages/${page.id}`)).statusCode).toBe(404)

    // authors cannot publish
    expect((await app.inject({ method: 'POST', url: `/v1/pages/${page.id}/publish`, headers: keys.author.auth })).statusCode).toBe(403)
    const at = now + 60_000
    const scheduled = await app.inject({ method: 'POST', url: `/v1/pages/${page.id}/publish`, headers: keys.editor.auth, payload: { publishedAt: new Date(at).toISOString() } })
    expect(scheduled.json().data).toMatchObject({ status: 'scheduled', version: 2 })
    expect((await app.inject(`/v1/editions/sq/pages/rreth-nesh-ceshtje`)).statusCode).toBe(404)
    now = at
    expect((await app.inject(`/v1/editions/sq/pages/rreth-nesh-ceshtje`)).statusCode).toBe(200)
    const publicList = (await app.inject('/v1/pages?edition=sq&limit=100')).json()
    expect(publicList.data.map((p: { id: number }) => p.id)).toContain(page.id)
    expect(publicList.data[0]).not.toHaveProperty('status')

    // the author's own page is no longer a draft: editing it is an editor's job now
    expect((await app.inject({ method: 'PATCH', url: `/v1/pages/${page.id}`, headers: keys.author.auth, payload: { title: 'x' } })).statusCode).toBe(403)
    const read = await app.inject({ url: `/v1/pages/${page.id}`, headers: keys.editor.auth })
    expect(read.headers.etag).toBe('"v2"')
    expect(read.json().data.status).toBe('published')
    const stale = await app.inject({ method: 'PATCH', url: `/v1/pages/${page.id}`, headers: { ...keys.editor.auth, 'if-match': '"v1"' }, payload: { title: 'Stale' } })
    expect(stale.statusCode).toBe(412)
    expect(stale.headers.etag).toBe('"v2"')
    const edited = await app.inject({ method: 'PATCH', url: `/v1/pages/${page.id}`, headers: { ...keys.editor.auth, 'if-match': '"v2"' }, payload: { title: 'Rreth nesh', seo: { description: 'Kush jemi' } } })
    expect(edited.json().data).toMatchObject({ title: 'Rreth nesh', version: 3, status: 'published', seo: { title: null, description: 'Kush jemi' } })

    const revisions = (await app.inject({ url: `/v1/pages/${page.id}/revisions`, headers: keys.editor.auth })).json()
    expect(revisions.data.map((r: { action: string }) => r.action)).toEqual(['updated', 'published', 'created'])
    const one = (await app.inject({ url: `/v1/pages/${page.id}/revisions/1`, headers: keys.editor.auth })).json().data
    expect(one.snapshot).toMatchObject({ title: 'Rreth nesh çështje', status: 'draft', edition: 'sq' })
    const restored = await app.inject({ method: 'POST', url: `/v1/pages/${page.id}/revisions/1/restore`, headers: keys.editor.auth })
    expect(restored.json().data).toMatchObject({ title: 'Rreth nesh çështje', status: 'published', version: 4 })

    expect((await app.inject({ method: 'DELETE', url: `/v1/pages/${page.id}`, headers: keys.author.auth })).statusCode).toBe(403)
    expect((await app.inject({ method: 'DELETE', url: `/v1/pages/${page.id}`, headers: keys.editor.auth })).statusCode).toBe(204)
    expect(stored(page.id)).toBeUndefined()
    expect((await app.inject(`/v1/editions/sq/pages/rreth-nesh-ceshtje`)).statusCode).toBe(404)
    const tombstone = sql.prepare(`select action from changes where entity_type = 'page' and entity_id = ? order by seq desc limit 1`).get(page.id)
    expect(tombstone).toEqual({ action: 'deleted' })
  })

  it('slug conflicts, translations and validation', async () => {
    const existing = sql.prepare(`select slug from pages where edition_id = 1 limit 1`).get() as { slug: string }
    const conflict = await app.inject({ method: 'POST', url: '/v1/pages', headers: keys.editor.auth, payload: { edition: 'en', title: 'x', slug: existing.slug } })
    expect(conflict.statusCode).toBe(409)
    const en = await createDraft(app, keys.editor, 'pages')
    const ar = await createDraft(app, keys.editor, 'pages', { edition: 'ar', title: 'من نحن', translationOf: en })
    expect(stored(ar)!.translation_group).toBe(stored(en)!.translation_group)
    expect(stored(ar)!.translation_group).not.toBeNull()
    const second = await app.inject({ method: 'POST', url: '/v1/pages', headers: keys.editor.auth, payload: { edition: 'ar', title: 'ثانية', translationOf: en } })
    expect(second.statusCode).toBe(409)
    await publish(app, keys.editor, ar, 'pages')
    const editorialEn = (await app.inject({ url: `/v1/pages/${en}`, headers: keys.preview.auth })).json().data
    expect(editorialEn.translations.map((t: { id: number }) => t.id)).toEqual([ar])
    for (const body of [{ title: 'x', status: 'published' }, { title: 'x', version: 3 }, { title: 'x', id: 1 }, { edition: 'en' }]) {
      expect((await app.inject({ method: 'POST', url: '/v1/pages', headers: keys.editor.auth, payload: body })).statusCode).toBe(400)
    }
    expect((await app.inject({ method: 'PATCH', url: '/v1/pages/99999999', headers: keys.editor.auth, payload: { title: 'x' } })).statusCode).toBe(404)
    expect((await app.inject({ method: 'POST', url: `/v1/pages/${en}/archive`, headers: keys.editor.auth })).statusCode).toBe(422)
  })
})
