import type Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import type { IssuedKey } from '../../helpers/keys.js'
import { createDraft, publish, uniqueTitle } from '../../helpers/content.js'
import { test, type TestApp } from '../../helpers/app.js'

let app: TestApp
let sql: Database.Database
let keys: Record<'admin' | 'editor' | 'author' | 'preview', IssuedKey>
test.beforeAll(({ app: built, sql: readOnly, keys: issued }) => { app = built; sql = readOnly; keys = issued })

const post = (url: string, payload: unknown, headers: Record<string, string> = keys.editor.auth) => app.inject({ method: 'POST', url, headers, payload: payload as object })
const patch = (url: string, payload: unknown, headers: Record<string, string> = keys.editor.auth) => app.inject({ method: 'PATCH', url, headers, payload: payload as object })
const row = (id: number) => sql.prepare('select * from articles where id = ?').get(id) as Record<string, any> | undefined
const counts = () => sql.prepare(`select (select count(*) from articles) articles, (select count(*) from revisions) revisions, (select count(*) from changes) changes,
  (select total(version) from articles) versions`).get()
const idOf = (slug: string, edition = 'en') => (sql.prepare('select a.id from articles a join editions e on e.id = a.edition_id where e.code = ? and a.slug = ?').get(edition, slug) as { id: number }).id

function expectProblem (res: { statusCode: number, headers: Record<string, unknown>, json: () => any }, status: number, type: string) {
  expect(res.statusCode).toBe(status)
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
  expect(res.json()).toMatchObject({ status, type: `http://quire.test/problems/${type}` })
}

describe('POST /v1/articles', () => {
  it('creates a draft owned by the key, with derived fields, Location and ETag', async () => {
    const res = await post('/v1/articles', {
      edition: 'en', title: 'Floods in the valley', excerpt: 'Short', body: '<p>One two three four five.</p>',
      authorIds: [2, 1], categoryIds: [3, 1], tagIds: [1], seo: { title: 'SEO' }, source: { name: 'Wire', url: 'https://wire.example/x' }
    })
    expect(res.statusCode).toBe(201)
    const article = res.json().data
    expect(res.headers.location).toBe(`http://quire.test/v1/articles/${article.id}`)
    expect(res.headers.etag).toBe('"v1"')
    expect(res.headers['cache-control']).toBe('private, no-store')
    const stored = row(article.id)!
    expect(stored).toMatchObject({ status: 'draft', slug: 'floods-in-the-valley', word_count: 5, reading_time_minutes: 1, version: 1, created_by_key_id: keys.editor.id, published_at: null })
    expect(article).toMatchObject({ status: 'draft', version: 1, slug: 'floods-in-the-valley', wordCount: 5, primaryCategoryId: 3, seo: { title: 'SEO', description: null } })
    expect(article.authors.map((a: { id: number }) => a.id)).toEqual([2, 1])
    expect(article.categories.map((c: { id: number }) => c.id)).toEqual([3, 1])
    // drafts stay invisible to the public
    expect((await app.inject(`/v1/articles/${article.id}`)).statusCode).toBe(404)
    const change = sql.prepare(`select * from changes where entity_type = 'article' and entity_id = ? order by seq`).all(article.id) as any[]
    expect(change.map((c) => [c.action, c.key_id])).toEqual([['created', keys.editor.id]])
  })

  it.each([
    ['Ëndërr e çmendur në Tiranë', 'sq', 'enderr-e-cmendur-ne-tirane'],
    ['Straße & Łódź — Ærø!', 'en', 'strasse-lodz-aero'],
    ['أخبار عاجلة من غزة', 'ar', 'أخبار-عاجلة-من-غزة'],
    ['گزارش ویژه\u200cی امروز', 'fa', 'گزارش-ویژهی-امروز']
  ])('generates the slug from the title %s', async (title, edition, slug) => {
    const res = await post('/v1/articles', { edition, title })
    expect(res.statusCode).toBe(201)
    expect(res.json().data.slug).toBe(slug)
  })

  it('makes a generated slug unique in the edition and refuses a chosen one that is taken (409)', async () => {
    const taken = sql.prepare(`select a.slug, a.title from articles a where a.edition_id = 1 and a.status = 'published' limit 1`).get() as { slug: string, title: string }
    const before = counts()
    const conflict = await post('/v1/articles', { edition: 'en', title: 'Anything', slug: taken.slug })
    expectProblem(conflict, 409, 'conflict')
    expect(counts()).toEqual(before)
    const a = await post('/v1/articles', { edition: 'en', title: 'Same title twice' })
    const b = await post('/v1/articles', { edition: 'en', title: 'Same title twice' })
    expect([a.json().data.slug, b.json().data.slug]).toEqual(['same-title-twice', 'same-title-twice-2'])
    // the same slug in another edition is fine
    expect((await post('/v1/articles', { edition: 'sq', title: 'Same title twice' })).json().data.slug).toBe('same-title-twice')
  })

  const invalid: Array<[string, Record<string, unknown>, string]> = [
    ['an id', { id: 5 }, 'body.id'],
    ['the status', { status: 'published' }, 'body.status'],
    ['publishedAt', { publishedAt: '2026-01-01T00:00:00Z' }, 'body.publishedAt'],
    ['a word count', { wordCount: 9000 }, 'body.wordCount'],
    ['timestamps', { createdAt: '2020-01-01T00:00:00Z' }, 'body.createdAt'],
    ['the version', { version: 7 }, 'body.version'],
    ['the owner', { createdByKeyId: 1 }, 'body.createdByKeyId'],
    ['a numeric string id', { authorIds: ['1'] }, 'body.authorIds.0'],
    ['a null title', { title: null }, 'body.title'],
    ['a blank title', { title: '   ' }, 'body.title'],
    ['a slug with a slash', { slug: 'a/b' }, 'body.slug'],
    ['a javascript source url', { source: { name: 'x', url: 'javascript:alert(1)' } }, 'body.source.url'],
    ['a repeated author', { authorIds: [1, 1] }, 'body.authorIds'],
    ['an unknown edition', { edition: 'xx' }, 'body.edition'],
    ['a missing author', { authorIds: [999999] }, 'body.authorIds'],
    ['a category of another edition', { categoryIds: [999999] }, 'body.categoryIds'],
    ['missing featured media', { featuredMediaId: 999999 }, 'body.featuredMediaId'],
    ['a translation of a missing article', { translationOf: 999999 }, 'body.translationOf']
  ]
  it.each(invalid)('refuses %s with a 400 naming the field, changing nothing', async (_what, extra, name) => {
    const before = counts()
    const res = await post('/v1/articles', { edition: 'en', title: uniqueTitle(), ...extra })
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.json().errors.map((e: { name: string }) => e.name)).toContain(name)
    expect(counts()).toEqual(before)
  })

  it('refuses categories and tags of another edition', async () => {
    const arCategory = (sql.prepare(`select c.id from categories c join editions e on e.id = c.edition_id where e.code = 'ar' limit 1`).get() as { id: number }).id
    const arTag = (sql.prepare(`select t.id from tags t join editions e on e.id = t.edition_id where e.code = 'ar' limit 1`).get() as { id: number }).id
    const res = await post('/v1/articles', { edition: 'en', title: uniqueTitle(), categoryIds: [arCategory], tagIds: [arTag] })
    expect(res.statusCode).toBe(400)
    expect(res.json().errors.map((e: { name: string }) => e.name).sort()).toEqual(['body.categoryIds', 'body.tagIds'])
  })

  it('refuses non-JSON bodies and empty bodies', async () => {
    expect((await app.inject({ method: 'POST', url: '/v1/articles', headers: { ...keys.editor.auth, 'content-type': 'application/xml' }, payload: '<title/>' })).statusCode).toBe(415)
    expect((await app.inject({ method: 'POST', url: '/v1/articles', headers: { ...keys.editor.auth, 'content-type': 'application/json' }, payload: '{"edition": "en",' })).statusCode).toBe(400)
  })
})

describe('PATCH /v1/articles/{id}', () => {
  it('changes only the fields sent, recomputes counts, bumps the version and logs a diff', async () => {
    const id = await createDraft(app, keys.editor, 'articles', { body: '<p>one two</p>', tagIds: [1, 2] })
    const res = await patch(`/v1/articles/${id}`, { body: '<p>one two three four</p>', featured: true })
    expect(res.statusCode).toBe(200)
    expect(res.headers.etag).toBe('"v2"')
    expect(res.json().data).toMatchObject({ wordCount: 4, featured: true, version: 2, tags: [expect.objectContaining({ id: 1 }), expect.objectContaining({ id: 2 })] })
    const change = sql.prepare(`select summary from changes where entity_type = 'article' and entity_id = ? and action = 'updated'`).get(id) as { summary: string }
    expect(Object.keys(JSON.parse(change.summary)).sort()).toEqual(['body', 'featured'])
  })

  it('is a 404 for a missing article, 400 for an empty or unknown body, and changes nothing', async () => {
    const id = await createDraft(app, keys.editor)
    const before = counts()
    expectProblem(await patch('/v1/articles/99999999', { title: 'x' }), 404, 'not-found')
    expectProblem(await patch(`/v1/articles/${id}`, {}), 400, 'validation-error')
    expectProblem(await patch(`/v1/articles/${id}`, { edition: 'ar' }), 400, 'validation-error')
    expectProblem(await patch(`/v1/articles/${id}`, { title: 'x', wordCount: 1 }), 400, 'validation-error')
    expect(counts()).toEqual(before)
  })

  it('keeps an old slug of a published article answering with a 301; a draft leaves no redirect', async () => {
    const id = await createDraft(app, keys.editor, 'articles', { slug: 'before-the-move' })
    await publish(app, keys.editor, id)
    expect((await patch(`/v1/articles/${id}`, { slug: 'after-the-move' })).statusCode).toBe(200)
    const old = await app.inject('/v1/editions/en/articles/before-the-move?fields=title')
    expect(old.statusCode).toBe(301)
    expect(old.headers.location).toBe('http://quire.test/v1/editions/en/articles/after-the-move?fields=title')
    expect((await app.inject('/v1/editions/en/articles/after-the-move')).json().data.id).toBe(id)
    // the list lookup by the old slug is empty: only the direct path redirects
    expect((await app.inject('/v1/articles?edition=en&slug=before-the-move')).json().meta.total).toBe(0)
    // a new article may take the old slug; the redirect yields to it
    const taker = await createDraft(app, keys.editor, 'articles', { slug: 'before-the-move' })
    await publish(app, keys.editor, taker)
    expect((await app.inject('/v1/editions/en/articles/before-the-move')).json().data.id).toBe(taker)

    const draft = await createDraft(app, keys.editor, 'articles', { slug: 'draft-before' })
    await patch(`/v1/articles/${draft}`, { slug: 'draft-after' })
    expect((await app.inject('/v1/editions/en/articles/draft-before')).statusCode).toBe(404)
  })

  it('links translations, one member per edition', async () => {
    const en = await createDraft(app, keys.editor)
    const ar = await createDraft(app, keys.editor, 'articles', { edition: 'ar', translationOf: en })
    const arRow = row(ar)!
    expect(arRow.translation_group).not.toBeNull()
    expect(row(en)!.translation_group).toBe(arRow.translation_group)
    // the English article was written too (new group), so it has a new version
    expect(row(en)!.version).toBe(2)
    const editorial = await app.inject({ url: `/v1/articles/${en}?include=translations`, headers: keys.preview.auth })
    expect(editorial.json().data.translations.map((t: { id: number }) => t.id)).toEqual([ar])

    const secondAr = await createDraft(app, keys.editor, 'articles', { edition: 'ar' })
    const before = counts()
    expectProblem(await patch(`/v1/articles/${secondAr}`, { translationOf: en }), 409, 'conflict')
    expectProblem(await patch(`/v1/articles/${secondAr}`, { translationOf: ar }), 409, 'conflict')
    expect(counts()).toEqual(before)
    expect((await patch(`/v1/articles/${ar}`, { translationOf: null })).statusCode).toBe(200)
    expect(row(ar)!.translation_group).toBeNull()
    expect((await patch(`/v1/articles/${secondAr}`, { translationOf: en })).statusCode).toBe(200)
    expect(row(secondAr)!.translation_group).toBe(row(en)!.translation_group)
  })
})

describe('DELETE /v1/articles/{id}', () => {
  it('removes the article everywhere, keeps revisions and a tombstone, cascades links', async () => {
    const id = await createDraft(app, keys.editor, 'articles', { authorIds: [1], tagIds: [1], slug: 'to-be-deleted' })
    await publish(app, keys.editor, id)
    await patch(`/v1/articles/${id}`, { slug: 'to-be-deleted-2' })
    const res = await app.inject({ method: 'DELETE', url: `/v1/articles/${id}`, headers: keys.editor.auth })
    expect(res.statusCode).toBe(204)
    expect(res.body).toBe('')
    expect(row(id)).toBeUndefined()
    expect((await app.inject(`/v1/articles/${id}`)).statusCode).toBe(404)
    expect((await app.inject({ url: `/v1/articles/${id}`, headers: keys.editor.auth })).statusCode).toBe(404)
    expect((await app.inject('/v1/editions/en/articles/to-be-deleted')).statusCode).toBe(404)
    expect(sql.prepare('select count(*) n from article_authors where article_id = ?').get(id)).toEqual({ n: 0 })
    expect(sql.prepare('select count(*) n from slug_redirects where article_id = ?').get(id)).toEqual({ n: 0 })
    const tombstone = sql.prepare(`select action, key_id, summary from changes where entity_type = 'article' and entity_id = ? order by seq desc limit 1`).get(id) as any
    expect(tombstone).toMatchObject({ action: 'deleted', key_id: keys.editor.id })
    expect(JSON.parse(tombstone.summary)).toMatchObject({ slug: 'to-be-deleted-2', edition: 'en' })
    expect((sql.prepare(`select action from revisions where entity_type = 'article' and entity_id = ? order by number`).all(id) as any[]).map((r) => r.action))
      .toEqual(['created', 'published', 'updated', 'deleted'])
    expectProblem(await app.inject({ method: 'DELETE', url: `/v1/articles/${id}`, headers: keys.editor.auth }), 404, 'not-found')
  })

  it('deleting an article removes menu items that link to it', async () => {
    const id = await createDraft(app, keys.editor)
    const { count: before } = { count: (sql.prepare('select count(*) n from menu_items').get() as { n: number }).n }
    const writer = new (await import('better-sqlite3')).default(app.databasePath)
    writer.prepare(`insert into menu_items (menu_id, position, label, kind, article_id) values ((select min(id) from menus), 99, 'Temp', 'article', ?)`).run(id)
    writer.close()
    expect((await app.inject({ method: 'DELETE', url: `/v1/articles/${id}`, headers: keys.editor.auth })).statusCode).toBe(204)
    expect((sql.prepare('select count(*) n from menu_items').get() as { n: number }).n).toBe(before)
  })
})

describe('reads for API keys', () => {
  it('lists drafts with status and version for keys, and refuses non-published statuses to the public with a 401', async () => {
    const res = await app.inject({ url: '/v1/articles?status=draft&limit=100&fields=title', headers: keys.preview.auth })
    expect(res.statusCode).toBe(200)
    expect(res.headers['cache-control']).toBe('private, no-store')
    const total = (sql.prepare(`select count(*) n from articles where status = 'draft'`).get() as { n: number }).n
    expect(res.json().meta.total).toBe(total)
    expect(res.json().data.every((a: { status: string, version: number }) => a.status === 'draft' && a.version >= 1)).toBe(true)
    const pub = await app.inject('/v1/articles?status=draft')
    expectProblem(pub, 401, 'unauthorized')
    expect(pub.headers['www-authenticate']).toMatch(/^Bearer/)
    expect((await app.inject('/v1/articles?status=published&limit=1')).statusCode).toBe(200)
  })

  it('pages through every status for a key, each row once', async () => {
    const seen: number[] = []
    let url: string | null = '/v1/articles?edition=sq&limit=50&fields=id'
    while (url !== null) {
      const res: Awaited<ReturnType<typeof app.inject>> = await app.inject({ url, headers: keys.preview.auth })
      seen.push(...res.json().data.map((a: { id: number }) => a.id))
      url = res.json().links.next?.replace('http://quire.test', '') ?? null
    }
    const all = (sql.prepare(`select a.id from articles a join editions e on e.id = a.edition_id where e.code = 'sq' order by coalesce(a.published_at, a.created_at) desc, a.id desc`).all() as Array<{ id: number }>).map((r) => r.id)
    expect(seen).toEqual(all)
  })

  it('single reads carry ETag "v<version>" and Cache-Control private, no-store', async () => {
    const id = idOf((sql.prepare(`select slug from articles where status = 'draft' and edition_id = 1 limit 1`).get() as { slug: string }).slug)
    const res = await app.inject({ url: `/v1/articles/${id}`, headers: keys.preview.auth })
    expect(res.statusCode).toBe(200)
    expect(res.headers.etag).toBe(`"v${row(id)!.version}"`)
    expect(res.headers['cache-control']).toBe('private, no-store')
    expect(res.json().data.status).toBe('draft')
  })
})
