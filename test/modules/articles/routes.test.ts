import { describe, expect, it } from 'vitest'
import type Database from 'better-sqlite3'
import { test, type TestApp } from '../../helpers/app.js'
import { TEST_NOW } from '../../helpers/clock.js'

let app: TestApp
let sql: Database.Database
const now = TEST_NOW.getTime()

test.beforeAll(({ app: built, sql: readOnly }) => { app = built; sql = readOnly })

const get = async (url: string) => {
  const res = await app.inject({ method: 'GET', url })
  return { res, body: res.json() }
}

const visibleCount = (edition?: string): number => {
  const row = sql.prepare(`select count(*) n from articles a join editions e on e.id = a.edition_id
    where a.status in ('published', 'scheduled') and a.published_at <= ? and (? is null or e.code = ?)`).get(now, edition ?? null, edition ?? null) as { n: number }
  return row.n
}

describe('GET /v1/articles', () => {
  it('lists published articles newest first in the list envelope', async () => {
    const { res, body } = await get('/v1/articles?edition=en')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    expect(Object.keys(body).sort()).toEqual(['data', 'links', 'meta'])
    expect(body.meta.total).toBe(visibleCount('en'))
    expect(body.meta.limit).toBe(20)
    expect(body.data).toHaveLength(20)
    expect(body.links.self).toBe('http://quire.test/v1/articles?edition=en')
    expect(body.links.next).toContain('cursor=')
    expect(body.meta.prevCursor).toBeNull()
    const dates = body.data.map((a: { publishedAt: string }) => Date.parse(a.publishedAt))
    expect([...dates].sort((a, b) => b - a)).toEqual(dates)
    for (const article of body.data) {
      expect(article.edition).toBe('en')
      expect(article.direction).toBe('ltr')
      expect(article).not.toHaveProperty('body')
      expect(article.url).toBe(`https://example.org/en/${encodeURIComponent(article.slug)}`)
      expect(Array.isArray(article.authors)).toBe(true)
      expect(article.authors.every((a: unknown) => typeof a === 'number')).toBe(true)
    }
  })

  it('reports rtl for Arabic and Farsi articles', async () => {
    for (const code of ['ar', 'fa']) {
      const { body } = await get(`/v1/articles?edition=${code}&limit=5`)
      expect(body.data.length).toBeGreaterThan(0)
      expect(body.data.every((a: { direction: string }) => a.direction === 'rtl')).toBe(true)
    }
  })

  it('walks every page by cursor exactly once, in order, forwards and backwards', async () => {
    const seen: number[] = []
    let url: string | null = '/v1/articles?edition=ar&limit=7&sort=title'
    const pages: string[] = []
    while (url !== null) {
      const { res, body } = await get(url)
      expect(res.statusCode).toBe(200)
      pages.push(url)
      seen.push(...body.data.map((a: { id: number }) => a.id))
      url = body.links.next === null ? null : body.links.next.replace('http://quire.test', '')
    }
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen.length).toBe(visibleCount('ar'))
    const expected = (sql.prepare(`select a.id from articles a join editions e on e.id = a.edition_id
      where e.code = 'ar' and a.status in ('published', 'scheduled') and a.published_at <= ? order by a.title, a.id`).all(now) as Array<{ id: number }>).map((r) => r.id)
    expect(seen).toEqual(expected)

    // from the last page back to the first through prev links
    const back: number[] = []
    let last = await get(pages[pages.length - 1]!)
    back.unshift(...last.body.data.map((a: { id: number }) => a.id))
    while (last.body.links.prev !== null) {
      last = await get(last.body.links.prev.replace('http://quire.test', ''))
      back.unshift(...last.body.data.map((a: { id: number }) => a.id))
    }
    expect(back).toEqual(expected)
  })

  it.each(['-publishedAt', 'publishedAt', '-updatedAt', 'title'])('walks all pages with sort=%s without gaps or duplicates', async (sort) => {
    const seen: number[] = []
    let url: string | null = `/v1/articles?limit=100&sort=${sort}`
    while (url !== null) {
      const { body } = await get(url)
      seen.push(...body.data.map((a: { id: number }) => a.id))
      url = body.links.next === null ? null : body.links.next.replace('http://quire.test', '')
    }
    expect(seen.length).toBe(visibleCount())
    expect(new Set(seen).size).toBe(seen.length)
  })

  it('embeds relations named in include and returns ids otherwise', async () => {
    const { body } = await get('/v1/articles?edition=en&limit=10&include=authors,categories,tags,featuredMedia,translations')
    const withMedia = body.data.find((a: { featuredMedia: unknown }) => a.featuredMedia !== null)
    expect(withMedia.featuredMedia).toMatchObject({ id: expect.any(Number), kind: 'image', url: expect.any(String) })
    for (const article of body.data) {
      expect(article.authors.length).toBeGreaterThan(0)
      expect(article.authors[0]).toEqual({ id: expect.any(Number), slug: expect.any(String), name: expect.any(String), url: expect.any(String) })
      expect(article.categories.filter((c: { primary: boolean }) => c.primary)).toHaveLength(1)
      expect(article.categories[0].primary).toBe(true)
      expect(article.primaryCategoryId).toBe(article.categories[0].id)
    }
    const translated = body.data.find((a: { translations: unknown[] }) => a.translations.length > 0)
    expect(translated).toBeDefined()
    for (const t of translated.translations) {
      expect(t.edition).not.toBe('en')
      expect(['ltr', 'rtl']).toContain(t.direction)
      expect(t.url).toContain(`/${t.edition}/`)
    }
  })

  it('returns only the requested fields (plus id)', async () => {
    const { res, body } = await get('/v1/articles?edition=sq&limit=3&fields=title,body')
    expect(res.statusCode).toBe(200)
    for (const article of body.data) {
      expect(Object.keys(article).sort()).toEqual(['body', 'id', 'title'])
      expect(article.body.length).toBeGreaterThan(0)
    }
  })

  it('looks an article up by edition and slug, including non-Latin slugs', async () => {
    const row = sql.prepare(`select a.id, a.slug from articles a join editions e on e.id = a.edition_id
      where e.code = 'fa' and a.status in ('published', 'scheduled') and a.published_at <= ? order by a.id limit 1`).get(now) as { id: number, slug: string }
    const { body } = await get(`/v1/articles?edition=fa&slug=${encodeURIComponent(row.slug)}`)
    expect(body.meta.total).toBe(1)
    expect(body.data[0].id).toBe(row.id)

    const direct = await get(`/v1/editions/fa/articles/${encodeURIComponent(row.slug)}`)
    expect(direct.res.statusCode).toBe(200)
    expect(direct.body.data.id).toBe(row.id)
    expect(direct.body.data.direction).toBe('rtl')
    expect(direct.body.data.body.length).toBeGreaterThan(0)
    expect(direct.body.data.authors[0]).toHaveProperty('name')
  })

  it('filters by category including descendants', async () => {
    const parent = sql.prepare(`select c.id, c.slug from categories c join editions e on e.id = c.edition_id
      where e.code = 'en' and c.parent_id is null and exists (select 1 from categories k where k.parent_id = c.id) order by c.id limit 1`).get() as { id: number, slug: string }
    const expected = sql.prepare(`with recursive d(id) as (select ? union select c.id from categories c join d on c.parent_id = d.id)
      select count(distinct a.id) n from articles a join article_categories ac on ac.article_id = a.id
      where ac.category_id in (select id from d) and a.status in ('published', 'scheduled') and a.published_at <= ?`).get(parent.id, now) as { n: number }
    const { body } = await get(`/v1/articles?edition=en&category=${parent.slug}&limit=100`)
    expect(expected.n).toBeGreaterThan(0)
    expect(body.meta.total).toBe(expected.n)
  })

  it('filters by tag, author, featured and publication window', async () => {
    const tag = sql.prepare(`select t.slug, count(*) n from article_tags at join tags t on t.id = at.tag_id join articles a on a.id = at.article_id
      join editions e on e.id = t.edition_id where e.code = 'en' and a.status in ('published', 'scheduled') and a.published_at <= ? group by t.id order by n desc limit 1`).get(now) as { slug: string, n: number }
    expect((await get(`/v1/articles?edition=en&tag=${tag.slug}`)).body.meta.total).toBe(tag.n)

    const author = sql.prepare(`select au.slug, count(*) n from article_authors aa join authors au on au.id = aa.author_id join articles a on a.id = aa.article_id
      where a.status in ('published', 'scheduled') and a.published_at <= ? group by au.id order by n desc limit 1`).get(now) as { slug: string, n: number }
    expect((await get(`/v1/articles?author=${author.slug}`)).body.meta.total).toBe(author.n)

    const featured = sql.prepare(`select count(*) n from articles where featured = 1 and status in ('published', 'scheduled') and published_at <= ?`).get(now) as { n: number }
    const f = await get('/v1/articles?featured=true&limit=100')
    expect(f.body.meta.total).toBe(featured.n)
    expect(f.body.data.every((a: { featured: boolean }) => a.featured)).toBe(true)

    const after = '2026-03-01T00:00:00.000Z'
    const before = '2026-05-01T00:00:00.000Z'
    const window = sql.prepare(`select count(*) n from articles where status in ('published', 'scheduled') and published_at <= ? and published_at >= ? and published_at < ?`)
      .get(now, Date.parse(after), Date.parse(before)) as { n: number }
    const w = await get(`/v1/articles?publishedAfter=${after}&publishedBefore=${before}&limit=100`)
    expect(w.body.meta.total).toBe(window.n)
  })

  it('answers an unknown category, tag or author with an empty list', async () => {
    for (const q of ['category=no-such-category', 'tag=no-such-tag', 'author=no-such-author']) {
      const { res, body } = await get(`/v1/articles?${q}`)
      expect(res.statusCode).toBe(200)
      expect(body).toMatchObject({ data: [], meta: { total: 0, nextCursor: null, prevCursor: null } })
    }
  })
})

describe('GET /v1/articles/:id', () => {
  it('returns one article with everything embedded', async () => {
    const row = sql.prepare(`select id, title from articles where status in ('published', 'scheduled') and published_at <= ? and translation_group is not null order by id limit 1`).get(now) as { id: number, title: string }
    const { res, body } = await get(`/v1/articles/${row.id}`)
    expect(res.statusCode).toBe(200)
    expect(body.data.title).toBe(row.title)
    expect(body.data.translations.length).toBeGreaterThan(0)
    expect(body.data.translations[0]).toEqual({ id: expect.any(Number), edition: expect.any(String), direction: expect.any(String), slug: expect.any(String), title: expect.any(String), url: expect.any(String) })
    expect(body.data.wordCount).toBeGreaterThan(0)
    expect(body.data.readingTimeMinutes).toBeGreaterThan(0)
    expect(body.data.seo).toHaveProperty('title')
    expect(res.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/)
  })

  it('404s as problem+json for an unknown id', async () => {
    const { res, body } = await get('/v1/articles/999999999')
    expect(res.statusCode).toBe(404)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(body).toMatchObject({ type: 'http://quire.test/problems/not-found', status: 404, instance: '/v1/articles/999999999' })
  })
})
