import { extractFromJson, extractFromXml } from '@extractus/feed-extractor'
import { Ajv } from 'ajv'
import formatsPlugin from 'ajv-formats'
import type Database from 'better-sqlite3'
import { XMLValidator } from 'fast-xml-parser'
import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { demoFacts } from '../../src/db/seed/demo.js'
import { test, buildTestApp, type TestApp } from '../helpers/app.js'
import { TEST_NOW } from '../helpers/clock.js'

let app: TestApp
let sql: Database.Database
const now = TEST_NOW.getTime()

test.beforeAll(({ app: built, sql: readOnly }) => { app = built; sql = readOnly })

type Raw = Record<string, any>
type Format = 'rss' | 'atom' | 'json'
const files: Record<Format, string> = { rss: 'rss.xml', atom: 'atom.xml', json: 'feed.json' }
const mediaTypes: Record<Format, string> = { rss: 'application/rss+xml', atom: 'application/atom+xml', json: 'application/feed+json' }
const formats = Object.keys(files) as Format[]

const addFormats = ((formatsPlugin as unknown as { default?: unknown }).default ?? formatsPlugin) as (ajv: Ajv) => Ajv
const validateJsonFeed = addFormats(new Ajv({ allErrors: true, strict: false }))
  .compile(JSON.parse(readFileSync(new URL('./fixtures/jsonfeed-1.1.schema.json', import.meta.url), 'utf8')) as object)

interface ReadEntry { articleId: number, title: string, link: string, raw: Raw }
interface ReadFeed { title: string, language: string, raw: Raw, entries: ReadEntry[] }

const asList = <T>(value: T | T[] | undefined): T[] => value === undefined ? [] : Array.isArray(value) ? value : [value]
const textOf = (value: unknown): string => typeof value === 'object' && value !== null ? String((value as Raw)['#text'] ?? '') : String(value ?? '')

/** Reads a feed the way a subscriber's reader does (@extractus/feed-extractor), keeping each entry's raw fields. */
function readFeed (format: Format, body: string): ReadFeed {
  const options = {
    descriptionMaxLen: 0,
    getExtraFeedFields: (raw: Raw) => ({ raw }),
    getExtraEntryFields: (raw: Raw) => ({ raw })
  }
  if (format !== 'json') expect(XMLValidator.validate(body)).toBe(true)
  const data = format === 'json' ? extractFromJson(body, options) : extractFromXml(body, options)
  const entries = (data.entries ?? []).map((entry) => {
    const raw = entry.raw as Raw
    const id = format === 'rss' ? textOf(raw.guid) : String(raw.id)
    const match = /^tag:example\.org,\d{4}-\d{2}-\d{2}:articles\/(\d+)$/.exec(id)
    expect(match, id).not.toBeNull()
    return { articleId: Number(match![1]), title: String(entry.title ?? ''), link: String(entry.link ?? ''), raw }
  })
  return { title: String(data.title ?? ''), language: String(data.language ?? ''), raw: data.raw as Raw, entries }
}

async function fetchFeed (path: string, format: Format) {
  const res = await app.inject(path)
  expect(res.statusCode, `${path}: ${res.body.slice(0, 300)}`).toBe(200)
  expect(res.headers['content-type']).toBe(`${mediaTypes[format]}; charset=utf-8`)
  return { res, feed: readFeed(format, res.body) }
}

// ---- expectations, computed in SQL ----

type Scope = { kind: 'edition' } | { kind: 'category' | 'tag' | 'author', slug: string }

function expectedArticles (edition: string, scope: Scope, limit: number): Array<{ id: number, title: string, slug: string, published_at: number, updated_at: number }> {
  const filters: Record<Scope['kind'], string> = {
    edition: '',
    category: `and exists (select 1 from article_categories ac where ac.article_id = a.id and ac.category_id in (
      with recursive sub(id) as (select id from categories where slug = @slug and edition_id = e.id
        union select c.id from categories c join sub on c.parent_id = sub.id) select id from sub))`,
    tag: 'and exists (select 1 from article_tags at join tags t on t.id = at.tag_id where at.article_id = a.id and t.slug = @slug and t.edition_id = e.id)',
    author: 'and exists (select 1 from article_authors aa join authors au on au.id = aa.author_id where aa.article_id = a.id and au.slug = @slug)'
  }
  return sql.prepare(`select a.id, a.title, a.slug, a.published_at, a.updated_at from articles a join editions e on e.id = a.edition_id
    where e.code = @edition and a.visible_from <= @now ${filters[scope.kind]}
    order by a.visible_from desc, a.id desc limit @limit`)
    .all({ edition, now, limit, slug: 'slug' in scope ? scope.slug : null }) as Array<{ id: number, title: string, slug: string, published_at: number, updated_at: number }>
}

const busiest = (query: string): string => (sql.prepare(query).get(now) as { slug: string }).slug
let scopes: Array<{ name: string, base: string, edition: string, scope: Scope }>

beforeAll(() => {
  const tag = busiest(`select t.slug from tags t join editions e on e.id = t.edition_id join article_tags at on at.tag_id = t.id
    join articles a on a.id = at.article_id where e.code = 'en' and a.visible_from <= ? group by t.id order by count(*) desc, t.id limit 1`)
  const author = busiest(`select au.slug from authors au join article_authors aa on aa.author_id = au.id join articles a on a.id = aa.article_id
    join editions e on e.id = a.edition_id where e.code = 'fa' and a.visible_from <= ? group by au.id order by count(*) desc, au.id limit 1`)
  // a top-level category whose articles sit in its children, so the descendant rule is exercised
  const category = busiest(`select p.slug from categories p join editions e on e.id = p.edition_id
    where e.code = 'ar' and p.parent_id is null and ? > 0 and exists (select 1 from categories c where c.parent_id = p.id)
    order by (select count(*) from categories c where c.parent_id = p.id) desc, p.id limit 1`)
  scopes = [
    { name: 'edition', base: '/feeds/en', edition: 'en', scope: { kind: 'edition' } },
    { name: 'category', base: `/feeds/ar/categories/${encodeURIComponent(category)}`, edition: 'ar', scope: { kind: 'category', slug: category } },
    { name: 'tag', base: `/feeds/en/tags/${encodeURIComponent(tag)}`, edition: 'en', scope: { kind: 'tag', slug: tag } },
    { name: 'author', base: `/feeds/fa/authors/${encodeURIComponent(author)}`, edition: 'fa', scope: { kind: 'author', slug: author } }
  ]
})

describe('every feed variant, read by a real feed reader', () => {
  const variants = ['edition', 'category', 'tag', 'author'].flatMap((scope) => formats.map((format) => [scope, format] as const))

  it.each(variants)('%s feed as %s: the newest visible articles, in order, with their dates', async (scopeName, format) => {
    const { base, edition, scope } = scopes.find((s) => s.name === scopeName)!
    const expected = expectedArticles(edition, scope, 20)
    expect(expected.length).toBeGreaterThan(0)
    const { feed, res } = await fetchFeed(`${base}/${files[format]}`, format)

    expect(feed.entries.map((e) => e.articleId)).toEqual(expected.map((a) => a.id))
    expect(feed.language).toBe(edition)
    if (format === 'json') expect(validateJsonFeed(JSON.parse(res.body)), JSON.stringify(validateJsonFeed.errors)).toBe(true)

    for (const [i, entry] of feed.entries.entries()) {
      const article = expected[i]!
      expect(entry.link).toBe(`https://example.org/${edition}/${encodeURIComponent(article.slug)}`)
      if (format === 'rss') {
        expect(textOf(entry.raw.title)).toBe(article.title)
        expect(entry.raw.guid['@_isPermaLink']).toBe('false')
        // RFC 822 carries whole seconds
        expect(Date.parse(entry.raw.pubDate)).toBe(Math.floor(article.published_at / 1000) * 1000)
        expect(entry.raw.pubDate).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/)
      } else if (format === 'atom') {
        expect(textOf(entry.raw.title)).toBe(article.title)
        expect(entry.raw.published).toBe(new Date(article.published_at).toISOString())
        expect(entry.raw.updated).toBe(new Date(article.updated_at).toISOString())
      } else {
        expect(entry.raw.title).toBe(article.title)
        expect(entry.raw.date_published).toBe(new Date(article.published_at).toISOString())
        expect(entry.raw.date_modified).toBe(new Date(article.updated_at).toISOString())
      }
    }
  })
})

describe('entry contents', () => {
  const bodyOf = (id: number) => (sql.prepare('select body from articles where id = ?').get(id) as { body: string }).body
  const namesOf = (id: number) => ({
    authors: (sql.prepare('select au.name from article_authors aa join authors au on au.id = aa.author_id where aa.article_id = ? order by aa.position').all(id) as Array<{ name: string }>).map((r) => r.name),
    terms: [
      ...(sql.prepare('select c.name from article_categories ac join categories c on c.id = ac.category_id where ac.article_id = ? order by ac.is_primary desc, ac.position').all(id) as Array<{ name: string }>).map((r) => r.name),
      ...(sql.prepare('select t.name from article_tags at join tags t on t.id = at.tag_id where at.article_id = ? order by at.position, t.id').all(id) as Array<{ name: string }>).map((r) => r.name)
    ]
  })

  it('carry the full HTML body, the byline and the categories and tags', async () => {
    const rss = (await fetchFeed('/feeds/en/rss.xml', 'rss')).feed
    const atom = (await fetchFeed('/feeds/en/atom.xml', 'atom')).feed
    const json = (await fetchFeed('/feeds/en/feed.json', 'json')).feed
    for (const [i, entry] of rss.entries.entries()) {
      const { authors, terms } = namesOf(entry.articleId)
      expect(entry.raw['content:encoded']).toBe(bodyOf(entry.articleId))
      expect(asList(entry.raw['dc:creator'])).toEqual(authors)
      expect(asList(entry.raw.category).map(textOf)).toEqual(terms)
      expect(textOf(atom.entries[i]!.raw.content)).toBe(bodyOf(entry.articleId))
      expect(asList<Raw>(atom.entries[i]!.raw.author).map((a) => a.name)).toEqual(authors)
      expect(asList<Raw>(atom.entries[i]!.raw.category).map((c) => c['@_term'])).toEqual(terms)
      expect(json.entries[i]!.raw.content_html).toBe(bodyOf(entry.articleId))
      expect((json.entries[i]!.raw.authors ?? []).map((a: Raw) => a.name)).toEqual(authors)
      expect(json.entries[i]!.raw.tags ?? []).toEqual(terms)
    }
  })

  it('escape a hostile title and body: the seed\'s tricky headline arrives intact in every format', async () => {
    for (const format of formats) {
      const { feed } = await fetchFeed(`/feeds/en/${files[format]}`, format)
      const tricky = feed.entries.find((e) => textOf(e.raw.title) === demoFacts.trickyTitle)
      expect(tricky, format).toBeDefined()
    }
  })

  it('carry the featured image and every download of a video with its length and MIME type', async () => {
    const video = sql.prepare(`select a.id, m.url, m.bytes, m.mime_type, m.renditions from articles a join media m on m.id = a.featured_media_id
      join editions e on e.id = a.edition_id where e.code = 'en' and m.kind = 'video' and a.visible_from <= ? order by a.visible_from desc, a.id desc limit 1`)
      .get(now) as { id: number, url: string, bytes: number, mime_type: string, renditions: string }
    const renditions = JSON.parse(video.renditions) as Array<{ url: string, mimeType: string, bytes: number }>
    const downloads = [{ url: video.url, mimeType: video.mime_type, bytes: video.bytes }, ...renditions.filter((r) => !r.mimeType.startsWith('image/'))]
    const poster = renditions.find((r) => r.mimeType.startsWith('image/'))!
    const image = sql.prepare(`select a.id, m.url from articles a join media m on m.id = a.featured_media_id join editions e on e.id = a.edition_id
      where e.code = 'en' and m.kind = 'image' and a.visible_from <= ? order by a.visible_from desc, a.id desc limit 1`).get(now) as { id: number, url: string }

    const rss = (await fetchFeed('/feeds/en/rss.xml?limit=100', 'rss')).feed.entries
    const rssVideo = rss.find((e) => e.articleId === video.id)!.raw
    expect(rssVideo.enclosure).toEqual({ '@_url': video.url, '@_length': String(video.bytes), '@_type': video.mime_type })
    expect(asList<Raw>(rssVideo['media:content']).filter((m) => m['@_medium'] === 'video').map((m) => [m['@_url'], Number(m['@_fileSize']), m['@_type']]))
      .toEqual(downloads.map((d) => [d.url, d.bytes, d.mimeType]))
    expect(rssVideo['media:thumbnail']['@_url']).toBe(poster.url)
    expect(rss.find((e) => e.articleId === image.id)!.raw['media:thumbnail']['@_url']).toBe(image.url)

    const atom = (await fetchFeed('/feeds/en/atom.xml?limit=100', 'atom')).feed.entries
    const enclosures = asList<Raw>(atom.find((e) => e.articleId === video.id)!.raw.link).filter((l) => l['@_rel'] === 'enclosure')
    expect(enclosures.map((l) => [l['@_href'], Number(l['@_length']), l['@_type']])).toEqual(downloads.map((d) => [d.url, d.bytes, d.mimeType]))

    const json = (await fetchFeed('/feeds/en/feed.json?limit=100', 'json')).feed.entries
    const jsonVideo = json.find((e) => e.articleId === video.id)!.raw
    expect(jsonVideo.attachments.map((a: Raw) => [a.url, a.size_in_bytes, a.mime_type])).toEqual(downloads.map((d) => [d.url, d.bytes, d.mimeType]))
    expect(jsonVideo.image).toBe(poster.url)
    expect(json.find((e) => e.articleId === image.id)!.raw.image).toBe(image.url)
  })
})

describe('language and direction', () => {
  it.each(demoFacts.editions.map((code) => [code, demoFacts.rtlEditions.includes(code as never) ? 'rtl' : 'ltr']))('%s feeds state the language and the %s direction', async (code, direction) => {
    const rss = await fetchFeed(`/feeds/${code}/rss.xml?limit=3`, 'rss')
    expect(rss.feed.raw.language).toBe(code)
    const atom = await fetchFeed(`/feeds/${code}/atom.xml?limit=3`, 'atom')
    expect(atom.feed.raw['@_xml:lang']).toBe(code)
    const json = await fetchFeed(`/feeds/${code}/feed.json?limit=3`, 'json')
    expect(json.feed.raw.language).toBe(code)
    expect(json.feed.raw._quire).toEqual({ edition: code, direction })

    const contents = [
      ...rss.feed.entries.map((e) => String(e.raw['content:encoded'])),
      ...atom.feed.entries.map((e) => textOf(e.raw.content)),
      ...json.feed.entries.map((e) => String(e.raw.content_html))
    ]
    expect(contents.length).toBe(9)
    for (const html of contents) {
      if (direction === 'rtl') expect(html.startsWith(`<div dir="rtl" lang="${code}">`) && html.endsWith('</div>')).toBe(true)
      else expect(html).not.toContain('dir="rtl"')
    }
  })
})

describe('hidden content', () => {
  it('never appears in any feed of any edition', async () => {
    const visible = new Set((sql.prepare('select id from articles where visible_from <= ?').all(now) as Array<{ id: number }>).map((r) => r.id))
    const hidden = sql.prepare('select slug from articles where visible_from is null or visible_from > ?').all(now) as Array<{ slug: string }>
    expect(hidden.length).toBeGreaterThan(0)
    for (const code of demoFacts.editions) {
      for (const format of formats) {
        const { res, feed } = await fetchFeed(`/feeds/${code}/${files[format]}?limit=100`, format)
        expect(res.body).not.toContain(demoFacts.hiddenTitlePrefix)
        for (const { slug } of hidden) expect(res.body).not.toContain(encodeURIComponent(slug))
        for (const entry of feed.entries) expect(visible.has(entry.articleId)).toBe(true)
      }
    }
  })
})

describe('limit and bad input', () => {
  it('defaults to 20 entries and allows up to 100', async () => {
    const total = expectedArticles('en', { kind: 'edition' }, 1000).length
    expect((await fetchFeed('/feeds/en/feed.json', 'json')).feed.entries).toHaveLength(Math.min(20, total))
    expect((await fetchFeed('/feeds/en/feed.json?limit=3', 'json')).feed.entries).toHaveLength(3)
    expect((await fetchFeed('/feeds/en/rss.xml?limit=100', 'rss')).feed.entries).toHaveLength(Math.min(100, total))
  })

  it.each([
    ['/feeds/en/rss.xml?limit=101', 400, 'query.limit'],
    ['/feeds/en/atom.xml?limit=0', 400, 'query.limit'],
    ['/feeds/en/feed.json?limit=abc', 400, 'query.limit'],
    ['/feeds/en/rss.xml?limit=01', 400, 'query.limit'],
    ['/feeds/en/rss.xml?format=atom', 400, 'query.format'],
    ['/feeds/EN!/rss.xml', 400, 'params.edition'],
    ['/feeds/xx/rss.xml', 404, null],
    ['/feeds/en/categories/no-such-category/rss.xml', 404, null],
    ['/feeds/en/tags/no-such-tag/atom.xml', 404, null],
    ['/feeds/en/authors/no-such-author/feed.json', 404, null],
    ['/feeds/en/feed.xml', 404, null]
  ])('%s → %i problem+json', async (url, status, name) => {
    const res = await app.inject(url)
    expect(res.statusCode).toBe(status)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.headers['cache-control']).toBe('no-store')
    const problem = res.json()
    expect(problem.status).toBe(status)
    if (name !== null) expect(problem.errors.map((e: { name: string }) => e.name)).toContain(name)
  })
})

describe('escaping of any title and body', () => {
  it('keeps XML well-formed and the text intact with ]]>, markup, control characters, Farsi and emoji', async () => {
    const hostile = await buildTestApp()
    const Database = (await import('better-sqlite3')).default
    const writer = new Database(hostile.databasePath)
    const target = expectedArticles('fa', { kind: 'edition' }, 1)[0]!
    const title = 'Break ]]> out <![CDATA[ x ]]> \u0001\u0008\u000B\u000C\uFFFE <b>bold</b> &amp; "q" \'a\' سلام دنیا 🚀👩‍👩‍👧'
    const body = '<p>]]></p><script>alert(1)</script><p>\u0002 &lt;escaped&gt; 🚀</p>'
    writer.prepare('update articles set title = ?, excerpt = ?, body = ? where id = ?').run(title, title, body, target.id)
    writer.close()
    const stripped = (s: string) => s.replace(/[\u0001\u0002\u0008\u000B\u000C\uFFFE]/g, '')
    try {
      for (const format of formats) {
        const res = await hostile.inject(`/feeds/fa/${files[format]}?limit=5`)
        expect(res.statusCode).toBe(200)
        const feed = readFeed(format, res.body)
        const entry = feed.entries.find((e) => e.articleId === target.id)!
        if (format === 'json') {
          expect(validateJsonFeed(JSON.parse(res.body))).toBe(true)
          expect(entry.raw.title).toBe(title)
          expect(entry.raw.content_html).toBe(`<div dir="rtl" lang="fa">${body}</div>`)
        } else {
          expect(res.body).not.toMatch(/[\u0001\u0002\u0008\u000B\u000C\uFFFE]/)
          expect(textOf(entry.raw.title)).toBe(stripped(title))
          expect(format === 'rss' ? entry.raw['content:encoded'] : textOf(entry.raw.content)).toBe(`<div dir="rtl" lang="fa">${stripped(body)}</div>`)
        }
      }
    } finally {
      await hostile.close()
    }
  })
})
