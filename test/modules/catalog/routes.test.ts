import type Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { test, type TestApp } from '../../helpers/app.js'

// Editions, categories, authors, tags and media through the real app: every route, its envelope,
// and expectations computed from the database rather than written down.
let app: TestApp
let sql: Database.Database
test.beforeAll(({ app: built, sql: readOnly }) => { app = built; sql = readOnly })

const get = async (url: string) => {
  const res = await app.inject(url)
  return { status: res.statusCode, body: res.json() }
}

describe('editions', () => {
  it('lists the four editions with direction and native names', async () => {
    const { status, body } = await get('/v1/editions')
    expect(status).toBe(200)
    expect(body.meta.total).toBe(4)
    const byCode = Object.fromEntries(body.data.map((e: { code: string }) => [e.code, e]))
    expect(Object.keys(byCode).sort()).toEqual(['ar', 'en', 'fa', 'sq'])
    expect(byCode.ar).toMatchObject({ direction: 'rtl', nativeName: 'عربي' })
    expect(byCode.fa).toMatchObject({ direction: 'rtl', nativeName: 'فارسی' })
    expect(byCode.sq).toMatchObject({ direction: 'ltr', nativeName: 'Shqip' })
    expect(body.data.filter((e: { isDefault: boolean }) => e.isDefault)).toHaveLength(1)
  })

  it('gets one edition by code and 404s for an unknown one', async () => {
    expect((await get('/v1/editions/fa')).body.data.direction).toBe('rtl')
    expect((await get('/v1/editions/xx')).status).toBe(404)
  })
})

describe('categories', () => {
  it('lists an edition flat with parentId and filters by parent', async () => {
    const total = (sql.prepare(`select count(*) n from categories c join editions e on e.id = c.edition_id where e.code = 'en'`).get() as { n: number }).n
    const all = await get('/v1/categories?edition=en&limit=100')
    expect(all.body.meta.total).toBe(total)
    expect(all.body.data.every((c: { edition: string }) => c.edition === 'en')).toBe(true)
    const roots = await get('/v1/categories?edition=en&parent=root&limit=100')
    expect(roots.body.data.every((c: { parentId: number | null }) => c.parentId === null)).toBe(true)
    const media = roots.body.data.find((c: { slug: string }) => c.slug === 'media')
    const children = await get(`/v1/categories?parent=${media.id}`)
    expect(children.body.data.map((c: { name: string }) => c.name)).toEqual(['Cartoons', 'News pictures', 'Photo gallery', 'Videos'])
    expect(children.body.data.every((c: { parentId: number }) => c.parentId === media.id)).toBe(true)
  })

  it('gives the whole tree of an edition in one call', async () => {
    const { status, body } = await get('/v1/categories/tree?edition=ar')
    expect(status).toBe(200)
    const count = (nodes: Array<{ children: unknown[] }>): number => nodes.reduce((n, node) => n + 1 + count(node.children as never), 0)
    const total = (sql.prepare(`select count(*) n from categories c join editions e on e.id = c.edition_id where e.code = 'ar'`).get() as { n: number }).n
    expect(count(body.data)).toBe(total)
    expect(body.data.some((node: { children: unknown[] }) => node.children.length > 0)).toBe(true)
    expect((await get('/v1/categories/tree')).status).toBe(400)
  })

  it('gets a category by id and by edition + slug, with its translations', async () => {
    const row = sql.prepare(`select c.id, c.slug from categories c join editions e on e.id = c.edition_id where e.code = 'fa' and c.translation_group is not null limit 1`).get() as { id: number, slug: string }
    const byId = await get(`/v1/categories/${row.id}`)
    expect(byId.body.data.translations.length).toBeGreaterThan(0)
    const bySlug = await get(`/v1/editions/fa/categories/${encodeURIComponent(row.slug)}`)
    expect(bySlug.body.data.id).toBe(row.id)
    expect((await get('/v1/categories/99999999')).status).toBe(404)
  })
})

describe('authors, tags and media', () => {
  it('pages authors by name and looks them up by id and slug', async () => {
    const total = (sql.prepare('select count(*) n from authors').get() as { n: number }).n
    const first = await get('/v1/authors?limit=3')
    expect(first.body.meta.total).toBe(total)
    const second = await get(first.body.links.next.replace('http://quire.test', ''))
    const names = [...first.body.data, ...second.body.data].map((a: { name: string }) => a.name)
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
    const author = first.body.data[0]
    expect((await get(`/v1/authors/${author.id}`)).body.data.slug).toBe(author.slug)
    expect((await get(`/v1/authors/by-slug/${author.slug}`)).body.data.id).toBe(author.id)
    expect(first.body.data.some((a: { avatar: unknown }) => a.avatar !== null) ||
      second.body.data.some((a: { avatar: unknown }) => a.avatar !== null)).toBe(true)
  })

  it('lists tags per edition', async () => {
    const total = (sql.prepare(`select count(*) n from tags t join editions e on e.id = t.edition_id where e.code = 'sq'`).get() as { n: number }).n
    const { body } = await get('/v1/tags?edition=sq&limit=100')
    expect(body.meta.total).toBe(total)
    expect((await get(`/v1/tags/${body.data[0].id}`)).body.data.edition).toBe('sq')
  })

  it('lists media by kind with renditions, srcset for images and downloads for videos', async () => {
    const images = await get('/v1/media?kind=image&limit=100')
    expect(images.body.data.length).toBeGreaterThan(0)
    const image = images.body.data.find((m: { renditions: unknown[] }) => m.renditions.length > 0)
    expect(image.srcset).toMatch(/ \d+w(, |$)/)
    expect(image.altText).toEqual(expect.any(String))
    const videos = await get('/v1/media?kind=video')
    expect(videos.body.data.length).toBeGreaterThan(0)
    expect(videos.body.data[0]).toMatchObject({ kind: 'video', srcset: null, durationSeconds: expect.any(Number) })
    expect(videos.body.data[0].renditions.some((r: { mimeType: string }) => r.mimeType === 'video/mp4')).toBe(true)
  })
})

describe('pages, menus, galleries and settings through the app', () => {
  it.each([
    '/v1/pages?edition=en', '/v1/editions/en/pages/about', '/v1/galleries?edition=ar', '/v1/menus?edition=fa',
    '/v1/editions/sq/menus/primary', '/v1/settings', '/v1/editions/ar/settings'
  ])('%s answers 200 with data', async (url) => {
    const { status, body } = await get(url)
    expect(status).toBe(200)
    expect(body.data).toBeDefined()
  })
})
