import { SaxesParser } from 'saxes'
import { describe, expect } from 'vitest'
import { demoFacts } from '../../src/db/seed/demo.js'
import { NEWS_URL_LIMIT, NEWS_WINDOW_MS } from '../../src/sitemaps/service.js'
import { buildTestApp, test } from '../helpers/app.js'
import { TEST_NOW } from '../helpers/clock.js'
import { createDraft, publish } from '../helpers/content.js'
import { issueKeys } from '../helpers/keys.js'

/*
 * Google News sitemap rules (developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap):
 * a sitemaps.org urlset; every <url> has one <loc> and one <news:news> in the news namespace holding
 * <news:publication> (<news:name>, <news:language>: ISO 639, zh-cn / zh-tw for Chinese),
 * <news:publication_date> (W3C format) and <news:title>; only articles of the last two days; at
 * most 1,000 <news:news> per file.
 */
const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9'
const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9'
const now = TEST_NOW.getTime()

interface NewsEntry { loc: string, name: string, language: string, date: string, title: string }

/** Reads the document with a namespace-aware XML parser, failing on anything the rules above do not allow. */
function parseNewsSitemap (xml: string): NewsEntry[] {
  const parser = new SaxesParser({ xmlns: true })
  const entries: NewsEntry[] = []
  const stack: Array<{ uri: string, local: string }> = []
  let current: Partial<NewsEntry> & { seen: string[] } = { seen: [] }
  let text = ''
  parser.on('error', (error) => { throw error })
  parser.on('opentag', (tag) => {
    const path = stack.map((s) => s.local).join('/')
    stack.push({ uri: tag.uri, local: tag.local })
    text = ''
    if (stack.length === 1) {
      expect(tag.uri, 'root namespace').toBe(SITEMAP_NS)
      expect(tag.local).toBe('urlset')
      return
    }
    if (path === 'urlset') {
      expect(tag.uri).toBe(SITEMAP_NS)
      expect(tag.local).toBe('url')
      current = { seen: [] }
      return
    }
    const expectedNs = tag.local === 'loc' ? SITEMAP_NS : NEWS_NS
    expect(tag.uri, `${path}/${tag.local}`).toBe(expectedNs)
    current.seen.push(`${path}/${tag.local}`)
  })
  parser.on('text', (t) => { text += t })
  parser.on('closetag', (tag) => {
    const local = tag.local
    stack.pop()
    if (local === 'loc') current.loc = text
    else if (local === 'name') current.name = text
    else if (local === 'language') current.language = text
    else if (local === 'publication_date') current.date = text
    else if (local === 'title') current.title = text
    else if (local === 'url' && stack.length === 1) {
      // exactly the elements the rules name, each once
      expect(current.seen.sort()).toEqual([
        'urlset/url/loc', 'urlset/url/news', 'urlset/url/news/publication', 'urlset/url/news/publication/language',
        'urlset/url/news/publication/name', 'urlset/url/news/publication_date', 'urlset/url/news/title'
      ])
      entries.push({ loc: current.loc!, name: current.name!, language: current.language!, date: current.date!, title: current.title! })
    }
  })
  parser.write(xml).close()
  return entries
}

const w3c = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/

const iso = (ms: number) => new Date(ms).toISOString()

async function newsOf (app: { inject: (url: string) => Promise<{ statusCode: number, headers: Record<string, unknown>, body: string }> }, edition: string): Promise<NewsEntry[]> {
  const res = await app.inject(`/sitemaps/${edition}/news.xml`)
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200)
  expect(res.headers['content-type']).toBe('application/xml; charset=utf-8')
  return parseNewsSitemap(res.body)
}

describe('Google News sitemaps', () => {
  const title = 'Breaking: "rates" & <markets>'
  const published: Record<string, number> = {}

  test('the window: published within 48 hours is in, older and scheduled are out', async ({ app, keys }) => {
    for (const [name, at] of [['fresh', now - 60_000], ['edge', now - NEWS_WINDOW_MS + 60_000], ['old', now - NEWS_WINDOW_MS - 60_000], ['scheduled', now + 3_600_000]] as const) {
      const id = await createDraft(app, keys.editor, 'articles', { title: `${title} ${name}` })
      await publish(app, keys.editor, id, 'articles', { publishedAt: iso(at) })
      published[name] = id
    }
    const titles = (await newsOf(app, 'en')).map((e) => e.title)
    expect(titles).toContain(`${title} fresh`)
    expect(titles).toContain(`${title} edge`)
    expect(titles).not.toContain(`${title} old`)
    expect(titles).not.toContain(`${title} scheduled`)
  })

  test('every edition: exactly its visible articles of the window, newest first, with the rules\' fields', async ({ app, sql }) => {
    let total = 0
    for (const edition of demoFacts.editions) {
      const entries = await newsOf(app, edition)
      const rows = sql.prepare(`select a.slug, a.title, a.published_at from articles a join editions e on e.id = a.edition_id
        where e.code = ? and a.visible_from <= ? and a.published_at >= ? order by a.published_at desc`).all(edition, now, now - NEWS_WINDOW_MS) as Array<{ slug: string, title: string, published_at: number }>
      const settings = sql.prepare('select s.title from site_settings s join editions e on e.id = s.edition_id where e.code = ?').get(edition) as { title: string } | undefined
      const nativeName = (sql.prepare('select native_name from editions where code = ?').get(edition) as { native_name: string }).native_name
      expect(entries.length).toBeLessThanOrEqual(NEWS_URL_LIMIT)
      expect(entries.map((e) => e.loc).sort()).toEqual(rows.map((r) => `https://example.org/${edition}/${encodeURIComponent(r.slug)}`).sort())
      for (const entry of entries) {
        const row = rows.find((r) => entry.loc.endsWith(`/${encodeURIComponent(r.slug)}`))!
        expect(entry.title).toBe(row.title)
        expect(entry.date).toMatch(w3c)
        expect(Date.parse(entry.date)).toBe(Math.floor(row.published_at / 1000) * 1000)
        expect(Date.parse(entry.date)).toBeGreaterThan(now - NEWS_WINDOW_MS - 1000)
        expect(Date.parse(entry.date)).toBeLessThanOrEqual(now)
        expect(entry.language).toMatch(/^([a-z]{2,3}|zh-cn|zh-tw)$/)
        expect(entry.language).toBe(edition.split('-')[0])
        expect(entry.name).toBe(settings?.title ?? nativeName)
      }
      const dates = entries.map((e) => Date.parse(e.date))
      expect(dates).toEqual([...dates].sort((a, b) => b - a))
      total += entries.length
    }
    expect(total).toBeGreaterThan(0)
  })

  test('is listed in the sitemap index and cached briefly rather than validated by writes', async ({ app }) => {
    const index = await app.inject('/sitemap.xml')
    for (const edition of demoFacts.editions) expect(index.body).toContain(`<loc>http://quire.test/sitemaps/${edition}/news.xml</loc>`)
    const res = await app.inject('/sitemaps/en/news.xml')
    expect(res.headers['cache-control']).toBe('public, max-age=300, s-maxage=300')
    expect(res.headers.etag).toBeUndefined()
  })

  test('an article leaves the sitemap 48 hours after publication, with no write in between', async ({ app }) => {
    const later = await buildTestApp({ clock: () => new Date(now + NEWS_WINDOW_MS - 30_000) })
    try {
      // a different app on a copy of the template: the demo's own recent articles age out
      const before = await newsOf(app, 'en')
      const after = await newsOf(later, 'en')
      expect(after.length).toBeLessThan(before.length)
      for (const entry of after) expect(Date.parse(entry.date)).toBeGreaterThanOrEqual(now - 30_000)
    } finally {
      await later.close()
    }
  })

  test('holds at most the configured number (Google\'s 1,000 by default), the newest', async () => {
    expect(NEWS_URL_LIMIT).toBe(1000)
    const small = await buildTestApp({ sitemaps: { newsLimit: 2 } })
    try {
      const editor = issueKeys(small).editor
      for (const minutes of [3, 1, 2]) {
        await publish(small, editor, await createDraft(small, editor, 'articles', { title: `${minutes} minutes ago` }), 'articles', { publishedAt: iso(now - minutes * 60_000) })
      }
      expect((await newsOf(small, 'en')).map((e) => e.title)).toEqual(['1 minutes ago', '2 minutes ago'])
    } finally {
      await small.close()
    }
  })

  test.for([
    ['/sitemaps/xx/news.xml', 404],
    ['/sitemaps/en/news.xml?x=1', 400],
    ['/sitemaps/EN!/news.xml', 400]
  ] as const)('%s → %i problem+json', async ([url, status], { app }) => {
    const res = await app.inject(url)
    expect(res.statusCode).toBe(status)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
  })
})
