import type Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { createFrontendUrls } from '../../../src/frontend-urls.js'
import { test, testConfig, type TestApp } from '../../helpers/app.js'
import { TEST_NOW } from '../../helpers/clock.js'
import { openWriter, type Writer } from '../../helpers/db.js'

const HOUR = 3_600_000
const urls = createFrontendUrls(testConfig())
let m: { app: TestApp, sql: Database.Database, writer: Writer, now: number }

test.beforeAll(({ app, sql }) => {
  m = { app, sql, writer: openWriter(app), now: TEST_NOW.getTime() }
  // The demo seed has one draft page; add the other ways a page can be hidden (or just due).
  const insert = m.writer.prepare(`insert into pages (edition_id, slug, title, body, status, published_at, translation_group, created_at, updated_at)
    values ((select id from editions where code = ?), ?, ?, '<p>x</p>', ?, ?, null, ?, ?)`)
  insert.run('en', 'coming-soon', 'Scheduled for tomorrow', 'scheduled', m.now + 24 * HOUR, m.now, m.now)
  insert.run('en', 'old-policy', 'Archived policy', 'archived', m.now - 900 * HOUR, m.now, m.now)
  insert.run('sq', 'sapo-publikuar', 'Scheduled an hour ago', 'scheduled', m.now - HOUR, m.now, m.now)
  // a published translation taken down: it must leave its siblings' translation lists
  m.writer.prepare(`update pages set status = 'archived'
    where translation_group = 2 and edition_id = (select id from editions where code = 'fa')`).run()
})
test.afterAll(() => { m.writer.close() })

const get = async (url: string) => {
  const res = await m.app.inject({ method: 'GET', url })
  return { res, body: res.json() }
}
const path = (url: string) => url.replace('http://quire.test', '')

interface PageRow { id: number, edition: string, direction: string, slug: string, title: string, body: string, group: number | null, seoTitle: string | null, seoDescription: string | null, publishedAt: number }
const visible = `p.status in ('published', 'scheduled') and p.published_at <= :now`
const pageRows = (edition?: string) => m.sql.prepare(`select p.id, e.code edition, e.direction, p.slug, p.title, p.body, p.translation_group "group",
    p.seo_title seoTitle, p.seo_description seoDescription, p.published_at publishedAt
  from pages p join editions e on e.id = p.edition_id where ${visible} and (:edition is null or e.code = :edition) order by p.id`)
  .all({ now: m.now, edition: edition ?? null }) as PageRow[]
const hiddenRows = () => m.sql.prepare(`select p.id, e.code edition, p.slug, p.status from pages p join editions e on e.id = p.edition_id
  where not (${visible}) order by p.id`).all({ now: m.now }) as Array<{ id: number, edition: string, slug: string, status: string }>
const translationsOf = (row: PageRow) => m.sql.prepare(`select p.id, e.code edition, p.slug, p.title from pages p join editions e on e.id = p.edition_id
  where ${visible} and p.translation_group = :group and p.id <> :id order by p.edition_id, p.id`).all({ now: m.now, group: row.group, id: row.id }) as Array<{ id: number, edition: string, slug: string, title: string }>

function expectPage (actual: Record<string, any>, row: PageRow) {
  expect(actual).toEqual({
    id: row.id,
    edition: row.edition,
    direction: row.direction,
    slug: row.slug,
    title: row.title,
    body: row.body,
    publishedAt: new Date(row.publishedAt).toISOString(),
    createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    seo: { title: row.seoTitle, description: row.seoDescription },
    url: urls.page(row.edition, row.slug),
    translations: row.group === null ? [] : translationsOf(row).map((t) => ({ ...t, url: urls.page(t.edition, t.slug) })),
    // the demo pages have no attachments (test/media covers them)
    attachments: []
  })
}

describe('GET /v1/pages', () => {
  it('lists exactly the visible pages in id order, bodies included', async () => {
    const rows = pageRows()
    expect(rows.length).toBeGreaterThan(4)
    const { res, body } = await get('/v1/pages?limit=100')
    expect(res.statusCode).toBe(200)
    expect(body.meta).toEqual({ total: rows.length, limit: 100, nextCursor: null, prevCursor: null })
    expect(body.data.map((p: { id: number }) => p.id)).toEqual(rows.map((r) => r.id))
    body.data.forEach((page: Record<string, any>, i: number) => { expectPage(page, rows[i]!) })
  })

  it('never lists a draft, archived or future-scheduled page, but lists one whose schedule is due', async () => {
    const hidden = hiddenRows()
    // the seed's draft, the future schedule and two archived pages
    expect([...new Set(hidden.map((h) => h.status))].sort()).toEqual(['archived', 'draft', 'scheduled'])
    const { body } = await get('/v1/pages?limit=100')
    const listed = new Set(body.data.map((p: { id: number }) => p.id))
    for (const h of hidden) expect(listed.has(h.id), h.slug).toBe(false)
    expect(body.data.some((p: { slug: string }) => p.slug === 'sapo-publikuar')).toBe(true)
  })

  it('filters by edition, with the edition\'s direction', async () => {
    for (const code of ['en', 'ar', 'fa', 'sq']) {
      const rows = pageRows(code)
      const { body } = await get(`/v1/pages?edition=${code}`)
      expect(body.meta.total).toBe(rows.length)
      expect(body.data.map((p: { id: number }) => p.id)).toEqual(rows.map((r) => r.id))
      expect(body.data.every((p: { direction: string }) => p.direction === (code === 'ar' || code === 'fa' ? 'rtl' : 'ltr'))).toBe(true)
    }
  })

  it('leaves hidden pages out of translations and the page itself too', async () => {
    const en = pageRows('en').find((r) => r.group === 2)!
    const { body } = await get(`/v1/pages/${en.id}`)
    const editions = body.data.translations.map((t: { edition: string }) => t.edition)
    expect(editions).not.toContain('fa')
    expect(editions).not.toContain('en')
    expect(editions).toEqual(['ar', 'sq'])
  })

  it('walks every page by cursor forwards and backwards', async () => {
    const expected = pageRows().map((r) => r.id)
    const seen: Array<{ ids: number[], prev: string | null }> = []
    let url: string | null = '/v1/pages?limit=3'
    while (url !== null) {
      const { res, body } = await get(url)
      expect(res.statusCode).toBe(200)
      seen.push({ ids: body.data.map((p: { id: number }) => p.id), prev: body.links.prev })
      url = body.links.next === null ? null : path(body.links.next)
    }
    expect(seen.flatMap((p) => p.ids)).toEqual(expected)
    for (let i = seen.length - 1; i > 0; i--) {
      const { body } = await get(path(seen[i]!.prev!))
      expect(body.data.map((p: { id: number }) => p.id)).toEqual(seen[i - 1]!.ids)
    }
  })

  it.each([
    ['an unknown edition', '/v1/pages?edition=zz', 'query.edition'],
    ['an unknown parameter', '/v1/pages?status=draft', 'query.status'],
    ['limit 0', '/v1/pages?limit=0', 'query.limit'],
    ['a tampered cursor', '/v1/pages?cursor=abc', 'query.cursor']
  ])('refuses %s with 400', async (_name, url, field) => {
    const { res, body } = await get(url)
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(body.errors.map((e: { name: string }) => e.name)).toContain(field)
  })
})

describe('GET /v1/pages/:id', () => {
  it('returns every visible page', async () => {
    for (const row of pageRows()) {
      const { res, body } = await get(`/v1/pages/${row.id}`)
      expect(res.statusCode).toBe(200)
      expectPage(body.data, row)
    }
  })

  it('404s for hidden pages and unknown ids', async () => {
    for (const id of [...hiddenRows().map((h) => h.id), 999999]) {
      const { res, body } = await get(`/v1/pages/${id}`)
      expect(res.statusCode, String(id)).toBe(404)
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
      expect(body).toMatchObject({ type: 'http://quire.test/problems/not-found', status: 404, instance: `/v1/pages/${id}` })
    }
  })

  it.each(['0', '01', '1abc', '1.0', '1e0', '%31', 'about'])('refuses id %s with 400', async (id) => {
    const { res, body } = await get(`/v1/pages/${id}`)
    expect(res.statusCode).toBe(400)
    expect(body.type).toBe('http://quire.test/problems/validation-error')
  })
})

describe('GET /v1/editions/:code/pages/:slug', () => {
  it('finds visible pages by slug, Arabic-script slugs included', async () => {
    const rows = pageRows()
    expect(rows.some((r) => r.edition === 'ar' && /\p{Script=Arabic}/u.test(r.slug))).toBe(true)
    for (const row of rows) {
      const { res, body } = await get(`/v1/editions/${row.edition}/pages/${encodeURIComponent(row.slug)}`)
      expect(res.statusCode, `${row.edition}/${row.slug}`).toBe(200)
      expectPage(body.data, row)
    }
  })

  it('404s for hidden pages, slugs of another edition and unknown editions', async () => {
    const en = pageRows('en')[0]!
    const urls = [
      ...hiddenRows().map((h) => `/v1/editions/${h.edition}/pages/${encodeURIComponent(h.slug)}`),
      `/v1/editions/ar/pages/${en.slug}`,
      `/v1/editions/zz/pages/${en.slug}`
    ]
    for (const url of urls) {
      const { res, body } = await get(url)
      expect(res.statusCode, url).toBe(404)
      expect(body.type).toBe('http://quire.test/problems/not-found')
    }
  })

  it('refuses a slug with a space or an unknown query parameter with 400', async () => {
    expect((await get('/v1/editions/en/pages/about%20us')).res.statusCode).toBe(400)
    expect((await get(`/v1/editions/en/pages/${pageRows('en')[0]!.slug}?preview=1`)).res.statusCode).toBe(400)
  })
})
