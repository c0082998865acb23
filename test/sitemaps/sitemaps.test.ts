import type Database from 'better-sqlite3'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoFacts } from '../../src/db/seed/demo.js'
import { SITEMAP_URL_LIMIT } from '../../src/sitemaps/service.js'
import { buildTestApp, type TestApp } from '../helpers/app.js'
import { TEST_NOW } from '../helpers/clock.js'
import { openReadOnly } from '../helpers/db.js'

const now = TEST_NOW.getTime()
const SMALL = 40

let app: TestApp
let small: TestApp
let sql: Database.Database

beforeAll(async () => {
  app = await buildTestApp()
  // the same content cut into files of 40 URLs, to see the split without 50,000 articles
  small = await buildTestApp({ sitemaps: { urlsPerFile: SMALL } })
  sql = openReadOnly(app.databasePath)
})
afterAll(async () => {
  sql.close()
  await app.close()
  await small.close()
})

interface UrlEntry { loc: string, lastmod: string, alternates: Array<{ hreflang: string, href: string }> }
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['url', 'sitemap', 'xhtml:link'].includes(name) })

async function getXml (server: TestApp, path: string): Promise<Record<string, any>> {
  const res = await server.inject(path)
  expect(res.statusCode, `${path}: ${res.body.slice(0, 300)}`).toBe(200)
  expect(res.headers['content-type']).toBe('application/xml; charset=utf-8')
  expect(XMLValidator.validate(res.body)).toBe(true)
  return parser.parse(res.body) as Record<string, any>
}

async function urlset (server: TestApp, path: string): Promise<UrlEntry[]> {
  const doc = await getXml(server, path)
  expect(doc.urlset.xmlns).toBe('http://www.sitemaps.org/schemas/sitemap/0.9')
  return (doc.urlset.url ?? []).map((u: Record<string, any>) => ({
    loc: u.loc,
    lastmod: u.lastmod,
    alternates: (u['xhtml:link'] ?? []).map((l: Record<string, string>) => {
      expect(l.rel).toBe('alternate')
      return { hreflang: l.hreflang, href: l.href }
    })
  }))
}

async function index (server: TestApp): Promise<Array<{ loc: string, lastmod?: string }>> {
  const doc = await getXml(server, '/sitemap.xml')
  return doc.sitemapindex.sitemap
}

const w3c = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
const path = (loc: string) => loc.replace('http://quire.test', '')
const articleUrl = (edition: string, slug: string) => `https://example.org/${edition}/${encodeURIComponent(slug)}`

const defaultEdition = () => (sql.prepare('select code from editions where is_default = 1').get() as { code: string }).code

/** hreflang alternates as Google wants them: every version, then x-default for the default edition's version if the group has one. */
function withDefault (alternates: Array<{ hreflang: string, href: string }>) {
  if (alternates.length === 0) return alternates
  const fallback = alternates.find((a) => a.hreflang === defaultEdition())
  return fallback === undefined ? alternates : [...alternates, { hreflang: 'x-default', href: fallback.href }]
}

/** Visible articles of an edition oldest first, each with the visible members of its translation group. */
function articlesOf (edition: string) {
  const rows = sql.prepare(`select a.id, a.slug, a.updated_at, a.translation_group from articles a join editions e on e.id = a.edition_id
    where e.code = ? and a.visible_from <= ? order by a.visible_from, a.id`).all(edition, now) as Array<{ id: number, slug: string, updated_at: number, translation_group: number | null }>
  const group = sql.prepare(`select e.code, a.slug from articles a join editions e on e.id = a.edition_id
    where a.translation_group = ? and a.visible_from <= ? order by e.id`)
  return rows.map((row) => {
    const members = row.translation_group === null ? [] : group.all(row.translation_group, now) as Array<{ code: string, slug: string }>
    return {
      loc: articleUrl(edition, row.slug),
      lastmod: w3c(row.updated_at),
      alternates: withDefault(members.length < 2 ? [] : members.map((m) => ({ hreflang: m.code, href: articleUrl(m.code, m.slug) })))
    }
  })
}

const sortAlternates = (entries: UrlEntry[]) => entries.map((e) => ({ ...e, alternates: [...e.alternates].sort((a, b) => a.hreflang.localeCompare(b.hreflang)) }))

describe('/sitemap.xml', () => {
  it('is an index of every edition\'s article, category and page sitemaps with lastmod', async () => {
    const files = await index(app)
    const expected = demoFacts.editions.flatMap((e) => [`/sitemaps/${e}/articles-1.xml`, `/sitemaps/${e}/categories.xml`, `/sitemaps/${e}/pages.xml`, `/sitemaps/${e}/news.xml`])
    expect(files.map((f) => path(f.loc))).toEqual(expected)
    // the news file's content moves with the clock, so the index gives it no lastmod
    for (const file of files.filter((f) => f.loc.endsWith('/news.xml'))) expect(file.lastmod).toBeUndefined()
    for (const edition of demoFacts.editions) {
      const newest = sql.prepare('select max(a.updated_at) n from articles a join editions e on e.id = a.edition_id where e.code = ? and a.visible_from <= ?').get(edition, now) as { n: number }
      expect(files.find((f) => path(f.loc) === `/sitemaps/${edition}/articles-1.xml`)!.lastmod).toBe(w3c(newest.n))
    }
    expect(SITEMAP_URL_LIMIT).toBe(50_000)
  })
})

describe('article sitemaps', () => {
  it.each(demoFacts.editions)('%s lists every visible article with lastmod and an hreflang alternate for every translation', async (edition) => {
    const entries = await urlset(app, `/sitemaps/${edition}/articles-1.xml`)
    const expected = articlesOf(edition)
    expect(sortAlternates(entries)).toEqual(sortAlternates(expected))
    expect(entries.some((e) => e.alternates.length > 1)).toBe(true)
    for (const entry of entries) {
      if (entry.alternates.length > 0) expect(entry.alternates).toContainEqual({ hreflang: edition, href: entry.loc })
    }
  })

  it('names the default edition\'s version x-default, once, and only in groups that have one', async () => {
    const fallback = defaultEdition()
    let withXDefault = 0
    for (const edition of demoFacts.editions) {
      for (const entry of await urlset(app, `/sitemaps/${edition}/articles-1.xml`)) {
        const xDefault = entry.alternates.filter((a) => a.hreflang === 'x-default')
        const own = entry.alternates.find((a) => a.hreflang === fallback)
        expect(xDefault.length).toBe(own === undefined ? 0 : 1)
        if (own !== undefined) {
          expect(xDefault[0]!.href).toBe(own.href)
          withXDefault++
        }
        if (edition === fallback && entry.alternates.length > 0) expect(xDefault[0]!.href).toBe(entry.loc)
      }
    }
    expect(withXDefault).toBeGreaterThan(0)
  })

  it('never lists hidden articles', async () => {
    const hidden = sql.prepare('select slug from articles where visible_from is null or visible_from > ?').all(now) as Array<{ slug: string }>
    for (const edition of demoFacts.editions) {
      const res = await app.inject(`/sitemaps/${edition}/articles-1.xml`)
      for (const { slug } of hidden) expect(res.body).not.toContain(encodeURIComponent(slug))
    }
  })

  it(`splits at the configured size (${SMALL} here, 50,000 by default): files in order, none over, none missing, listed in the index`, async () => {
    const files = (await index(small)).map((f) => path(f.loc))
    for (const edition of demoFacts.editions) {
      const expected = articlesOf(edition)
      const count = Math.ceil(expected.length / SMALL)
      expect(count).toBeGreaterThan(1)
      const listed = files.filter((f) => f.startsWith(`/sitemaps/${edition}/articles-`))
      expect(listed).toEqual(Array.from({ length: count }, (_, i) => `/sitemaps/${edition}/articles-${i + 1}.xml`))
      const all: UrlEntry[] = []
      for (const file of listed) {
        const entries = await urlset(small, file)
        expect(entries.length).toBeLessThanOrEqual(SMALL)
        all.push(...entries)
      }
      expect(sortAlternates(all)).toEqual(sortAlternates(expected))
      const past = await small.inject(`/sitemaps/${edition}/articles-${count + 1}.xml`)
      expect(past.statusCode).toBe(404)
    }
  })
})

describe('category and page sitemaps', () => {
  it.each(demoFacts.editions)('%s lists every category and published page with its translations', async (edition) => {
    const categories = await urlset(app, `/sitemaps/${edition}/categories.xml`)
    const categoryRows = sql.prepare(`select c.slug, c.updated_at, c.translation_group from categories c join editions e on e.id = c.edition_id where e.code = ?`).all(edition) as Array<{ slug: string, updated_at: number, translation_group: number | null }>
    const categoryGroup = sql.prepare('select e.code, c.slug from categories c join editions e on e.id = c.edition_id where c.translation_group = ?')
    const categoryUrl = (code: string, slug: string) => `https://example.org/${code}/category/${encodeURIComponent(slug)}`
    expect(sortAlternates(categories).sort((a, b) => a.loc.localeCompare(b.loc))).toEqual(sortAlternates(categoryRows.map((row) => {
      const members = row.translation_group === null ? [] : categoryGroup.all(row.translation_group) as Array<{ code: string, slug: string }>
      return { loc: categoryUrl(edition, row.slug), lastmod: w3c(row.updated_at), alternates: withDefault(members.length < 2 ? [] : members.map((m) => ({ hreflang: m.code, href: categoryUrl(m.code, m.slug) }))) }
    })).sort((a, b) => a.loc.localeCompare(b.loc)))

    const pages = await urlset(app, `/sitemaps/${edition}/pages.xml`)
    const pageRows = sql.prepare(`select p.slug, p.updated_at, p.translation_group from pages p join editions e on e.id = p.edition_id where e.code = ? and p.visible_from <= ? order by p.id`).all(edition, now) as Array<{ slug: string, updated_at: number, translation_group: number | null }>
    const pageGroup = sql.prepare('select e.code, p.slug from pages p join editions e on e.id = p.edition_id where p.translation_group = ? and p.visible_from <= ?')
    expect(pageRows.length).toBeGreaterThan(0)
    expect(sortAlternates(pages)).toEqual(sortAlternates(pageRows.map((row) => {
      const members = row.translation_group === null ? [] : pageGroup.all(row.translation_group, now) as Array<{ code: string, slug: string }>
      return { loc: articleUrl(edition, row.slug), lastmod: w3c(row.updated_at), alternates: withDefault(members.length < 2 ? [] : members.map((m) => ({ hreflang: m.code, href: articleUrl(m.code, m.slug) }))) }
    })))
  })

  it('split too when they outgrow one file', async () => {
    const tiny = await buildTestApp({ sitemaps: { urlsPerFile: 1 } })
    try {
      const files = (await index(tiny)).map((f) => path(f.loc)).filter((f) => f.startsWith('/sitemaps/en/pages'))
      const pages = (sql.prepare(`select count(*) n from pages p join editions e on e.id = p.edition_id where e.code = 'en' and p.visible_from <= ?`).get(now) as { n: number }).n
      expect(files).toEqual(['/sitemaps/en/pages.xml', ...Array.from({ length: pages - 1 }, (_, i) => `/sitemaps/en/pages-${i + 2}.xml`)])
      const locs: string[] = []
      for (const file of files) locs.push(...(await urlset(tiny, file)).map((u) => u.loc))
      expect(new Set(locs).size).toBe(pages)
      expect((await tiny.inject(`/sitemaps/en/pages-${pages + 1}.xml`)).statusCode).toBe(404)
    } finally {
      await tiny.close()
    }
  })
})

describe('bad input', () => {
  it.each([
    ['/sitemaps/xx/articles-1.xml', 404],
    ['/sitemaps/xx/categories.xml', 404],
    ['/sitemaps/xx/pages.xml', 404],
    ['/sitemaps/en/articles-0.xml', 400],
    ['/sitemaps/en/articles-01.xml', 400],
    ['/sitemaps/en/articles-x.xml', 400],
    ['/sitemaps/en/articles-2.xml', 404],
    ['/sitemap.xml?page=2', 400],
    ['/sitemaps/en/pages.xml?x=1', 400]
  ])('%s → %i problem+json', async (url, status) => {
    const res = await app.inject(url)
    expect(res.statusCode).toBe(status)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
  })
})
