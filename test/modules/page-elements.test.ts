import { describe, expect } from 'vitest'
import { test } from '../helpers/app.js'
import { data, gql } from '../helpers/graphql.js'

/*
 * The elements of the publisher's pages served as fields: frontend urls on everything a page links
 * to, share links per edition, full attribution of republished pieces; and for every page type of
 * every demo edition, the data of the page with every link it needs present as a field (the test
 * builds no URL itself).
 */

const editions = ['en', 'ar', 'fa', 'sq'] as const
const direction = { en: 'ltr', ar: 'rtl', fa: 'rtl', sq: 'ltr' } as const
const absolute = /^(https?:\/\/|mailto:)/

/** Every string under a key named url or href in a JSON value, with its path. */
function links (value: unknown, path = '$'): Array<{ path: string, link: unknown }> {
  if (Array.isArray(value)) return value.flatMap((v, i) => links(v, `${path}.${i}`))
  if (value === null || typeof value !== 'object') return []
  return Object.entries(value).flatMap(([key, v]) =>
    key === 'url' || key === 'href' ? [{ path: `${path}.${key}`, link: v }, ...links(v, `${path}.${key}`)] : links(v, `${path}.${key}`))
}

/** Every link the page data holds is an absolute URL (menu url items may be site paths). */
function expectLinked (page: unknown, name: string): void {
  const found = links(page)
  expect(found.length, name).toBeGreaterThan(0)
  for (const { path, link } of found) {
    if (path.includes('.items.') && typeof link === 'string' && link.startsWith('/')) continue
    expect(link, `${name} ${path}`).toMatch(absolute)
  }
}

// the first test of the file builds the app, which takes long on a busy machine
describe('frontend urls', { timeout: 60_000 }, () => {
  test('REST serves url on categories, tags, pages, galleries, editions, authors and every menu item, in each edition', async ({ app }) => {
    for (const code of editions) {
      const get = async (url: string) => (await app.inject({ url })).json()
      const edition = (await get(`/v1/editions/${code}`)).data
      expect(edition.url).toBe(`https://example.org/${code}/`)
      const category = (await get(`/v1/categories?edition=${code}&limit=1`)).data[0]
      expect(category.url).toBe(`https://example.org/${code}/category/${encodeURIComponent(category.slug)}`)
      for (const t of category.translations) expect(t.url).toContain(`/${t.edition}/category/`)
      const tag = (await get(`/v1/tags?edition=${code}&limit=1`)).data[0]
      expect(tag.url).toBe(`https://example.org/${code}/tag/${encodeURIComponent(tag.slug)}`)
      const page = (await get(`/v1/pages?edition=${code}&limit=1`)).data[0]
      expect(page.url).toBe(`https://example.org/${code}/${encodeURIComponent(page.slug)}`)
      const gallery = (await get(`/v1/galleries?edition=${code}&limit=1`)).data[0]
      expect(gallery.url).toBe(`https://example.org/${code}/gallery/${encodeURIComponent(gallery.slug)}`)
      const menus = (await get(`/v1/menus?edition=${code}`)).data
      const items = menus.flatMap((m: { items: unknown[] }) => m.items)
      expect(items.length).toBeGreaterThan(0)
      for (const { link } of links(items)) expect(link).not.toBeNull()
      const article = (await get(`/v1/articles?edition=${code}&limit=1&include=authors,categories,tags`)).data[0]
      for (const author of article.authors) expect(author.url).toBe(`https://example.org/${code}/author/${encodeURIComponent(author.slug)}`)
      for (const c of article.categories) expect(c.url).toContain(`/${code}/category/`)
      for (const t of article.tags) expect(t.url).toContain(`/${code}/tag/`)
    }
    const author = (await app.inject({ url: '/v1/authors?limit=1' })).json().data[0]
    expect(author.url).toBe(`https://example.org/en/author/${encodeURIComponent(author.slug)}`)
  })

  test('GraphQL serves the same urls; an author\'s in the edition asked for', async ({ app }) => {
    const result = await data(app, `{
      edition(code: "fa") { url }
      categories(edition: "fa", first: 1) { nodes { slug url } }
      tags(edition: "fa", first: 1) { nodes { slug url } }
      pages(edition: "fa", first: 1) { nodes { slug url } }
      galleries(edition: "fa", first: 1) { nodes { slug url } }
      authors(first: 1) { nodes { slug url fa: url(edition: "fa") } }
      menus(edition: "fa") { items { url } }
    }`)
    expect(result.edition.url).toBe('https://example.org/fa/')
    expect(result.categories.nodes[0].url).toContain('/fa/category/')
    expect(result.tags.nodes[0].url).toContain('/fa/tag/')
    expect(result.pages.nodes[0].url).toMatch(/^https:\/\/example\.org\/fa\//)
    expect(result.galleries.nodes[0].url).toContain('/fa/gallery/')
    expect(result.authors.nodes[0].url).toContain('/en/author/')
    expect(result.authors.nodes[0].fa).toContain('/fa/author/')
    for (const item of result.menus.flatMap((m: { items: unknown[] }) => m.items)) expect(item.url).not.toBeNull()
    const bad = await gql(app, '{ authors(first: 1) { nodes { url(edition: "zz") } } }')
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
  })
})

describe('share links', { timeout: 60_000 }, () => {
  test('each article carries its edition\'s share links, built from its url and title, in REST and GraphQL', async ({ app }) => {
    const article = (await app.inject({ url: '/v1/articles?edition=ar&limit=1' })).json().data[0]
    expect(article.shareLinks.map((l: { network: string }) => l.network)).toEqual(['facebook', 'x', 'whatsapp', 'telegram', 'email'])
    const telegram = article.shareLinks.find((l: { network: string }) => l.network === 'telegram')
    expect(telegram).toEqual({
      network: 'telegram', label: 'Telegram',
      href: `https://t.me/share/url?url=${encodeURIComponent(article.url)}&text=${encodeURIComponent(article.title)}`
    })
    const result = await data(app, `{ article(id: "${article.id}") { shareLinks { network label href } } }`.replace(`id: "${article.id}"`, `edition: "ar", slug: ${JSON.stringify(article.slug)}`))
    expect(result.article.shareLinks).toEqual(article.shareLinks)
  })

  test('an edition chooses its networks; an unknown network is a 400 problem and changes nothing', async ({ app, keys, sql }) => {
    const before = sql.prepare("select share_networks, version from site_settings where edition_id = (select id from editions where code = 'fa')").get()
    for (const shareNetworks of [['myspace'], ['telegram', 'telegram'], 'telegram', [1]]) {
      const res = await app.inject({ method: 'PATCH', url: '/v1/editions/fa/settings', headers: keys.admin.auth, payload: { shareNetworks } })
      expect(res.statusCode, JSON.stringify(shareNetworks)).toBe(400)
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
      expect(res.json().errors?.[0]?.name).toMatch(/shareNetworks/)
    }
    const gqlBad = await gql(app, 'mutation { updateSettings(edition: "fa", input: { shareNetworks: ["myspace"] }) { shareNetworks } }', undefined, keys.admin.auth)
    expect(gqlBad.body.errors?.length).toBeGreaterThan(0)
    expect(sql.prepare("select share_networks, version from site_settings where edition_id = (select id from editions where code = 'fa')").get()).toEqual(before)

    const ok = await app.inject({ method: 'PATCH', url: '/v1/editions/fa/settings', headers: keys.admin.auth, payload: { shareNetworks: ['telegram', 'whatsapp', 'email'] } })
    expect(ok.statusCode).toBe(200)
    expect(ok.json().data.shareNetworks).toEqual(['telegram', 'whatsapp', 'email'])
    const article = (await app.inject({ url: '/v1/articles?edition=fa&limit=1' })).json().data[0]
    expect(article.shareLinks.map((l: { network: string }) => l.network)).toEqual(['telegram', 'whatsapp', 'email'])
    expect(article.shareLinks[2].href).toBe(`mailto:?subject=${encodeURIComponent(article.title)}&body=${encodeURIComponent(article.url)}`)
    const en = (await app.inject({ url: '/v1/articles?edition=en&limit=1' })).json().data[0]
    expect(en.shareLinks).toHaveLength(5)
  })
})

describe('republished pieces', { timeout: 60_000 }, () => {
  test('source carries the original author and title in REST, GraphQL and the feeds', async ({ app, sql }) => {
    const row = sql.prepare(`select a.id, a.slug, e.code edition, a.source_name name, a.source_author author, a.source_title title, a.source_url url
      from articles a join editions e on e.id = a.edition_id where a.source_author is not null and a.status = 'published' and e.code = 'fa' order by a.published_at desc limit 1`).get() as { id: number, slug: string, edition: string, name: string, author: string, title: string, url: string }
    expect(row).toBeDefined()
    const rest = (await app.inject({ url: `/v1/articles/${row.id}` })).json().data
    expect(rest.source).toMatchObject({ name: row.name, url: row.url, originalAuthor: row.author, originalTitle: row.title })
    const result = await data(app, `{ article(edition: "fa", slug: ${JSON.stringify(row.slug)}) { source { name originalAuthor originalTitle } } }`)
    expect(result.article.source).toEqual({ name: row.name, originalAuthor: row.author, originalTitle: row.title })

    const rss = (await app.inject({ url: '/feeds/fa/rss.xml?limit=100' })).body
    expect(rss).toContain(`<source url="${row.url}">${row.name}</source>`)
    const json = (await app.inject({ url: '/feeds/fa/feed.json?limit=100' })).json()
    const item = json.items.find((i: { url: string }) => i.url === rest.url)
    expect(item?._quire?.source).toMatchObject({ originalAuthor: row.author, originalTitle: row.title })
  })

  test('a blank original author or title is a 400 problem and changes nothing', async ({ app, keys, sql }) => {
    const article = sql.prepare("select id, version from articles where status = 'published' order by id limit 1").get() as { id: number, version: number }
    for (const source of [{ name: 'Wire', originalAuthor: '  ' }, { name: 'Wire', originalTitle: '' }, { name: 'Wire', originalAuthor: 3 }]) {
      const res = await app.inject({ method: 'PATCH', url: `/v1/articles/${article.id}`, headers: keys.editor.auth, payload: { source } })
      expect(res.statusCode, JSON.stringify(source)).toBe(400)
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    }
    expect(sql.prepare('select version from articles where id = ?').get(article.id)).toEqual({ version: article.version })
  })
})

describe('the publisher\'s pages, from fields alone', { timeout: 60_000 }, () => {
  test.for(editions)('edition %s: every page type has every link it needs, in the edition\'s language and direction', async (code, { app }) => {
    const get = async (url: string) => {
      const res = await app.inject({ url })
      expect(res.statusCode, url).toBe(200)
      return res.json()
    }
    // the frame of every page: edition, settings, menus
    const frame = { edition: (await get(`/v1/editions/${code}`)).data, settings: (await get(`/v1/editions/${code}/settings`)).data, menus: (await get(`/v1/menus?edition=${code}`)).data }
    expect(frame.edition.direction).toBe(direction[code])
    expectLinked(frame, `${code} frame`)

    const list = await get(`/v1/articles?edition=${code}&limit=20&include=authors,categories,tags,featuredMedia,translations`)
    expectLinked({ ...frame, list: list.data }, `${code} home`)
    for (const article of list.data) expect(article.direction).toBe(direction[code])

    const single = (await get(`/v1/articles/${list.data[0].id}`)).data
    expect(single.shareLinks.length).toBeGreaterThan(0)
    expectLinked({ ...frame, single }, `${code} single post`)

    const category = (await get(`/v1/categories?edition=${code}&limit=1`)).data[0]
    const archive = await get(`/v1/articles?edition=${code}&category=${encodeURIComponent(category.slug)}&include=authors,categories,tags,featuredMedia`)
    expectLinked({ ...frame, category, archive: archive.data }, `${code} category archive`)

    const byKind = async (kind: string) => {
      for (let cursor: string | null = null, i = 0; i < 20; i++) {
        const page: { data: Array<{ id: number, featuredMedia: { kind: string } | null }>, meta: { nextCursor: string | null } } =
          await get(`/v1/articles?edition=${code}&limit=100&fields=featuredMedia&include=featuredMedia${cursor === null ? '' : `&cursor=${cursor}`}`)
        const found = page.data.find((a) => a.featuredMedia?.kind === kind)
        if (found !== undefined) return (await get(`/v1/articles/${found.id}`)).data
        cursor = page.meta.nextCursor
        if (cursor === null) break
      }
      return null
    }
    for (const [kind, name] of [['video', 'video post'], ['document', 'publication']] as const) {
      const post = await byKind(kind)
      expect(post, `${code} ${name}`).not.toBeNull()
      expect(post.featuredMedia.url).toMatch(absolute)
      expectLinked({ ...frame, post }, `${code} ${name}`)
    }

    const gallery = (await get(`/v1/galleries?edition=${code}&limit=1`)).data[0]
    expect(gallery.items.length).toBeGreaterThan(0)
    expectLinked({ ...frame, gallery }, `${code} photo gallery`)

    const pages = (await get(`/v1/pages?edition=${code}`)).data
    expect(pages.length).toBeGreaterThanOrEqual(2)
    for (const page of pages) {
      expect(page.direction).toBe(direction[code])
      expectLinked({ ...frame, page }, `${code} page ${page.slug}`)
    }

    // GraphQL: the single post in one request, every link a field
    const gq = await data(app, `query ($edition: String!, $slug: String!) {
      edition(code: $edition) { direction url settings { shareNetworks socialLinks { url } } }
      menus(edition: $edition) { items { url children { url } } }
      article(edition: $edition, slug: $slug) {
        url shareLinks { href } source { url }
        authors { url(edition: $edition) } categories { url } tags { url } translations { url }
      }
    }`, { edition: code, slug: single.slug })
    expect(gq.edition.direction).toBe(direction[code].toUpperCase())
    expectLinked(gq, `${code} GraphQL single post`)
  })
})
