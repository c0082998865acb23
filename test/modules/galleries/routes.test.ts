import type Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { createFrontendUrls } from '../../../src/frontend-urls.js'
import { test, testConfig, type TestApp } from '../../helpers/app.js'
import { startCold } from '../../helpers/db.js'

const urls = createFrontendUrls(testConfig())

// every statement the app runs, to count how the media of a page are loaded; no response cache,
// so every request reaches the service
const statements: string[] = []
const mediaBatches = () => statements.filter((s) => /^select .* from "media" left join .* where "media"\."id" in \(select value from json_each/.test(s)).length
test.override('appOptions', { onQuery: (sql: string) => { statements.push(sql) }, config: { responseCacheBytes: 0 } })

let m: { app: TestApp, sql: Database.Database }
test.beforeAll(({ app, sql }) => { m = { app, sql } })

const get = async (url: string) => {
  const res = await m.app.inject({ method: 'GET', url })
  return { res, body: res.json() }
}

interface GalleryRow { id: number, edition: string, slug: string, title: string, description: string | null }
const galleryRows = (edition?: string) => m.sql.prepare(`select g.id, e.code edition, g.slug, g.title, g.description from galleries g
  join editions e on e.id = g.edition_id where (? is null or e.code = ?) order by g.id desc`).all(edition ?? null, edition ?? null) as GalleryRow[]
const itemRows = (galleryId: number) => m.sql.prepare(`select i.position, i.caption, i.media_id mediaId, m.url from gallery_items i
  join media m on m.id = i.media_id where i.gallery_id = ? order by i.position`).all(galleryId) as Array<{ position: number, caption: string | null, mediaId: number, url: string }>

function expectGallery (actual: Record<string, any>, row: GalleryRow) {
  expect(actual).toMatchObject({ id: row.id, edition: row.edition, slug: row.slug, title: row.title, description: row.description, url: urls.gallery(row.edition, row.slug) })
  expect(Object.keys(actual).sort()).toEqual(['createdAt', 'description', 'edition', 'id', 'items', 'slug', 'title', 'updatedAt', 'url'])
  const items = itemRows(row.id)
  expect(items.length).toBeGreaterThan(0)
  expect(actual.items.map((i: any) => [i.position, i.caption, i.media.id, i.media.url])).toEqual(items.map((i) => [i.position, i.caption, i.mediaId, i.url]))
  for (const item of actual.items) {
    expect(Object.keys(item).sort()).toEqual(['caption', 'media', 'position'])
    expect(item.media).toHaveProperty('srcset')
    expect(item.media).toHaveProperty('renditions')
  }
}

describe('GET /v1/galleries', () => {
  it('lists every gallery newest first, items in position order with their media embedded', async () => {
    const rows = galleryRows()
    expect(rows.length).toBeGreaterThan(1)
    const { res, body } = await get('/v1/galleries')
    expect(res.statusCode).toBe(200)
    expect(body.meta).toEqual({ total: rows.length, limit: 20, nextCursor: null, prevCursor: null })
    expect(body.links).toEqual({ self: 'http://quire.test/v1/galleries', next: null, prev: null })
    expect(body.data.map((g: { id: number }) => g.id)).toEqual(rows.map((r) => r.id))
    body.data.forEach((gallery: Record<string, any>, i: number) => { expectGallery(gallery, rows[i]!) })
  })

  it('loads the media of a whole page in one batch', async () => {
    startCold(m.app)
    const before = mediaBatches()
    await get('/v1/galleries')
    expect(mediaBatches() - before).toBe(1)
    startCold(m.app)
    await get(`/v1/galleries/${galleryRows()[0]!.id}`)
    expect(mediaBatches() - before).toBe(2)
  })

  it('filters by edition and counts only that edition', async () => {
    for (const code of ['en', 'ar']) {
      const rows = galleryRows(code)
      const { res, body } = await get(`/v1/galleries?edition=${code}`)
      expect(res.statusCode).toBe(200)
      expect(body.meta.total).toBe(rows.length)
      expect(body.data.map((g: { id: number }) => g.id)).toEqual(rows.map((r) => r.id))
    }
  })

  it('walks every page by cursor forwards and backwards', async () => {
    const expected = galleryRows().map((r) => r.id)
    const pages: Array<{ ids: number[], prev: string | null }> = []
    let url: string | null = '/v1/galleries?limit=1'
    while (url !== null) {
      const { res, body } = await get(url)
      expect(res.statusCode).toBe(200)
      expect(body.meta.total).toBe(expected.length)
      pages.push({ ids: body.data.map((g: { id: number }) => g.id), prev: body.links.prev })
      url = body.links.next === null ? null : body.links.next.replace('http://quire.test', '')
    }
    expect(pages.flatMap((p) => p.ids)).toEqual(expected)
    for (let i = pages.length - 1; i > 0; i--) {
      const { body } = await get(pages[i]!.prev!.replace('http://quire.test', ''))
      expect(body.data.map((g: { id: number }) => g.id)).toEqual(pages[i - 1]!.ids)
    }
    expect(pages[0]!.prev).toBeNull()
  })

  it.each([
    ['an unknown edition', '/v1/galleries?edition=zz', 'query.edition'],
    ['a malformed edition', '/v1/galleries?edition=EN', 'query.edition'],
    ['an unknown parameter', '/v1/galleries?sort=title', 'query.sort'],
    ['a limit above 100', '/v1/galleries?limit=101', 'query.limit'],
    ['a non-canonical limit', '/v1/galleries?limit=01', 'query.limit'],
    ['a tampered cursor', '/v1/galleries?cursor=AAAAAAAAAAAAAAAAAAAAAAAA', 'query.cursor']
  ])('refuses %s with 400', async (_name, url, field) => {
    const { res, body } = await get(url)
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(body.errors.map((e: { name: string }) => e.name)).toContain(field)
  })
})

describe('GET /v1/galleries/:id', () => {
  it('returns one gallery', async () => {
    const row = galleryRows()[1]!
    const { res, body } = await get(`/v1/galleries/${row.id}`)
    expect(res.statusCode).toBe(200)
    expect(Object.keys(body)).toEqual(['data'])
    expectGallery(body.data, row)
  })

  it('404s as problem+json for an unknown id', async () => {
    const { res, body } = await get('/v1/galleries/999999')
    expect(res.statusCode).toBe(404)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(body).toMatchObject({ type: 'http://quire.test/problems/not-found', status: 404, instance: '/v1/galleries/999999' })
  })

  it.each(['0', '01', '1abc', '1.0', '1e0', '-1', '%31', '99999999999999999'])('refuses id %s with 400', async (id) => {
    const { res, body } = await get(`/v1/galleries/${id}`)
    expect(res.statusCode).toBe(400)
    expect(body.type).toBe('http://quire.test/problems/validation-error')
  })

  it('refuses query parameters', async () => {
    const { res } = await get(`/v1/galleries/${galleryRows()[0]!.id}?include=media`)
    expect(res.statusCode).toBe(400)
  })
})

describe('GET /v1/editions/:code/galleries/:slug', () => {
  it('finds a gallery by edition and slug, Arabic-script slugs included', async () => {
    for (const code of ['en', 'ar', 'fa', 'sq']) {
      for (const row of galleryRows(code)) {
        const { res, body } = await get(`/v1/editions/${code}/galleries/${encodeURIComponent(row.slug)}`)
        expect(res.statusCode, `${code}/${row.slug}`).toBe(200)
        expectGallery(body.data, row)
      }
    }
    expect(galleryRows('ar').some((r) => /\p{Script=Arabic}/u.test(r.slug))).toBe(true)
  })

  it('404s for a slug of another edition, an unknown slug and an unknown edition', async () => {
    const en = galleryRows('en')[0]!
    for (const url of [`/v1/editions/ar/galleries/${en.slug}`, '/v1/editions/en/galleries/no-such-gallery', `/v1/editions/zz/galleries/${en.slug}`]) {
      const { res, body } = await get(url)
      expect(res.statusCode, url).toBe(404)
      expect(body.type).toBe('http://quire.test/problems/not-found')
    }
  })

  it('refuses a malformed edition code with 400', async () => {
    const { res } = await get('/v1/editions/EN!/galleries/x')
    expect(res.statusCode).toBe(400)
  })
})
