import type Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { createFrontendUrls } from '../../../src/frontend-urls.js'
import { test, testConfig, type TestApp } from '../../helpers/app.js'
import { TEST_NOW } from '../../helpers/clock.js'
import { openWriter, startCold, type Writer } from '../../helpers/db.js'

let m: { app: TestApp, sql: Database.Database, writer: Writer, now: number }
/** Menu items this test adds that must never be served (hidden targets and everything under them). */
const hiddenItemIds: number[] = []
const editionCodes = ['en', 'ar', 'fa', 'sq']
const urls = createFrontendUrls(testConfig())

// every statement the app runs, to count the batch lookups of menu targets; no response cache,
// so every request reaches the service
const statements: string[] = []
const batches = (table: 'categories' | 'pages' | 'articles') =>
  statements.filter((s) => new RegExp(`from "${table}" where \\(?"${table}"\\."id" in \\(select value from json_each`).test(s)).length
test.override('appOptions', { onQuery: (sql: string) => { statements.push(sql) }, config: { responseCacheBytes: 0 } })

test.beforeAll(({ app, sql }) => {
  m = { app, sql, writer: openWriter(app), now: TEST_NOW.getTime() }
  // The demo menus link categories, pages, editions and urls; add article links, deeper nesting
  // and links to things the public may not see.
  const one = (query: string, ...params: unknown[]) => (m.sql.prepare(query).get(...params) as { id: number }).id
  const visibleArticle = one(`select a.id from articles a join editions e on e.id = a.edition_id
    where e.code = 'en' and a.status = 'published' and a.published_at <= ? order by a.id limit 1`, m.now)
  const hiddenArticle = one(`select a.id from articles a join editions e on e.id = a.edition_id
    where e.code = 'en' and (a.visible_from is null or a.visible_from > ?) order by a.id limit 1`, m.now)
  const draftPage = one(`select p.id from pages p join editions e on e.id = p.edition_id where e.code = 'en' and p.status = 'draft'`)
  const aboutPage = one(`select p.id from pages p join editions e on e.id = p.edition_id
    where e.code = 'en' and p.status = 'published' order by p.id limit 1`)
  const primary = one(`select m.id from menus m join editions e on e.id = m.edition_id where e.code = 'en' and m.location = 'primary'`)
  const footer = one(`select m.id from menus m join editions e on e.id = m.edition_id where e.code = 'en' and m.location = 'footer'`)

  const insert = m.writer.prepare(`insert into menu_items (menu_id, parent_id, position, label, kind, page_id, article_id, url)
    values (?, ?, ?, ?, ?, ?, ?, ?)`)
  const add = (menu: number, parent: number | null, position: number, label: string, kind: string, target: { page?: number, article?: number, url?: string }) =>
    Number(insert.run(menu, parent, position, label, kind, target.page ?? null, target.article ?? null, target.url ?? null).lastInsertRowid)

  const story = add(primary, null, 50, 'Story of the week', 'article', { article: visibleArticle })
  const archive = add(primary, story, 1, 'Archive', 'url', { url: 'https://archive.example.org/' })
  hiddenItemIds.push(add(primary, story, 0, 'Embargoed story', 'article', { article: hiddenArticle }))
  add(primary, archive, 0, 'About (deep)', 'page', { page: aboutPage })
  const draft = add(footer, null, 2, 'Style guide', 'page', { page: draftPage })
  hiddenItemIds.push(draft, add(footer, draft, 0, 'Under the draft', 'url', { url: 'https://example.org/hidden-child' }))
  // the seed inserts items in position order; reverse the footer so id order and position order disagree
  m.writer.prepare('update menu_items set position = 10 - position where menu_id = ? and parent_id is null').run(footer)
})
test.afterAll(() => { m.writer.close() })

const get = async (url: string) => {
  const res = await m.app.inject({ method: 'GET', url })
  return { res, body: res.json() }
}

interface ExpectedItem { id: number, label: string, kind: string, target: { id: number | null, slug: string | null, edition: string | null }, url: string, children: ExpectedItem[] }

/** The frontend URL SQL's row should carry: a url item's own link, else its target's URL from the test templates. */
function expectedUrl (r: { kind: string, url: string | null, slug: string | null, targetEdition: string | null }): string {
  switch (r.kind) {
    case 'url': return r.url!
    case 'category': return urls.category(r.targetEdition!, r.slug!)
    case 'page': return urls.page(r.targetEdition!, r.slug!)
    case 'article': return urls.article(r.targetEdition!, r.slug!)
    case 'edition': return urls.edition(r.targetEdition!)
    default: throw new Error(`unknown menu item kind ${r.kind}`)
  }
}

/** The menu as SQL sees it: targets joined, unpublished page and article links pruned with their subtrees. */
function expectedMenu (edition: string, location: string) {
  const menu = m.sql.prepare(`select m.id, e.code edition, m.location, m.name from menus m join editions e on e.id = m.edition_id
    where e.code = ? and m.location = ?`).get(edition, location) as { id: number }
  const rows = m.sql.prepare(`select i.id, i.parent_id parentId, i.label, i.kind, i.url,
      coalesce(i.category_id, i.page_id, i.article_id, i.target_edition_id) targetId,
      coalesce(c.slug, p.slug, a.slug) slug,
      coalesce(ce.code, pe.code, ae.code, te.code) targetEdition,
      case i.kind
        when 'page' then coalesce(p.status in ('published', 'scheduled') and p.published_at <= :now, 0)
        when 'article' then coalesce(a.status in ('published', 'scheduled') and a.published_at <= :now, 0)
        else 1 end visible
    from menu_items i
    left join categories c on c.id = i.category_id left join editions ce on ce.id = c.edition_id
    left join pages p on p.id = i.page_id left join editions pe on pe.id = p.edition_id
    left join articles a on a.id = i.article_id left join editions ae on ae.id = a.edition_id
    left join editions te on te.id = i.target_edition_id
    where i.menu_id = :menu order by i.position, i.id`).all({ now: m.now, menu: menu.id }) as Array<{
    id: number, parentId: number | null, label: string, kind: string, url: string | null, targetId: number | null, slug: string | null, targetEdition: string | null, visible: number
  }>
  const build = (parentId: number | null): ExpectedItem[] => rows.filter((r) => r.parentId === parentId && r.visible === 1).map((r) => ({
    id: r.id,
    label: r.label,
    kind: r.kind,
    target: r.kind === 'url' ? { id: null, slug: null, edition: null } : { id: r.targetId, slug: r.slug, edition: r.targetEdition },
    url: expectedUrl(r),
    children: build(r.id)
  }))
  return { ...menu, items: build(null) }
}

const menusOf = (edition: string) => (m.sql.prepare(`select m.location from menus m join editions e on e.id = m.edition_id
  where e.code = ? order by m.location, m.id`).all(edition) as Array<{ location: string }>).map((r) => r.location)

const flatten = (items: ExpectedItem[]): ExpectedItem[] => items.flatMap((item) => [item, ...flatten(item.children)])

describe('GET /v1/menus', () => {
  it('lists every menu of an edition with its items nested and targets resolved', async () => {
    for (const code of editionCodes) {
      const locations = menusOf(code)
      expect(locations).toEqual(['footer', 'primary'])
      const { res, body } = await get(`/v1/menus?edition=${code}`)
      expect(res.statusCode).toBe(200)
      expect(body).toEqual({ data: locations.map((location) => expectedMenu(code, location)), meta: { total: locations.length } })
    }
  })

  it('resolves each target kind in one batch per request', async () => {
    startCold(m.app)
    const before = { categories: batches('categories'), pages: batches('pages'), articles: batches('articles') }
    await get('/v1/menus?edition=en')
    expect(batches('categories') - before.categories).toBe(1)
    expect(batches('pages') - before.pages).toBe(1)
    expect(batches('articles') - before.articles).toBe(1)
  })

  it.each([
    ['no edition', '/v1/menus', 'query.edition'],
    ['an unknown edition', '/v1/menus?edition=zz', 'query.edition'],
    ['a malformed edition', '/v1/menus?edition=e', 'query.edition'],
    ['an unknown parameter', '/v1/menus?edition=en&location=primary', 'query.location']
  ])('refuses %s with 400', async (_name, url, field) => {
    const { res, body } = await get(url)
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(body.errors.map((e: { name: string }) => e.name)).toContain(field)
  })
})

describe('GET /v1/editions/:code/menus/:location', () => {
  it('returns each menu of each edition exactly as SQL expects', async () => {
    for (const code of editionCodes) {
      for (const location of menusOf(code)) {
        const { res, body } = await get(`/v1/editions/${code}/menus/${location}`)
        expect(res.statusCode).toBe(200)
        expect(body).toEqual({ data: expectedMenu(code, location) })
      }
    }
  })

  it('nests by parent and position, three levels deep', async () => {
    const { body } = await get('/v1/editions/en/menus/primary')
    const items = body.data.items as ExpectedItem[]
    const withChildren = items.filter((i) => i.children.length > 0)
    expect(withChildren.length).toBeGreaterThan(1)
    const story = items.find((i) => i.label === 'Story of the week')!
    expect(story.kind).toBe('article')
    expect(story.children.map((c) => c.label)).toEqual(['Archive'])
    expect(story.children[0]!.children.map((c) => [c.label, c.kind, c.target.edition, c.url])).toEqual([['About (deep)', 'page', 'en', 'https://example.org/en/about']])
    // sibling order follows position
    const humanRights = items.find((i) => i.kind === 'category' && i.children.length === 2)!
    const positions = m.sql.prepare('select id from menu_items where parent_id = ? order by position').all(humanRights.id) as Array<{ id: number }>
    expect(humanRights.children.map((c) => c.id)).toEqual(positions.map((p) => p.id))
  })

  it('gives url items their url and every other item a target instead', async () => {
    const { body } = await get('/v1/editions/ar/menus/primary')
    const all = flatten(body.data.items)
    const kinds = new Set(all.map((i) => i.kind))
    expect([...kinds].sort()).toEqual(['category', 'edition', 'page', 'url'])
    for (const item of all) {
      if (item.kind === 'url') {
        expect(item.url).toMatch(/^https:\/\//)
        expect(item.target).toEqual({ id: null, slug: null, edition: null })
      } else {
        expect(item.url).toBe(expectedUrl({ kind: item.kind, url: null, slug: item.target.slug, targetEdition: item.target.edition }))
        expect(item.target.id).toEqual(expect.any(Number))
        expect(item.target.edition).toMatch(/^[a-z]{2}$/)
        if (item.kind === 'edition') expect(item.target.slug).toBeNull()
        else expect(item.target.slug).toEqual(expect.any(String))
      }
    }
    expect(all.filter((i) => i.kind === 'edition').map((i) => i.target.edition).sort()).toEqual(['en', 'fa', 'sq'])
    expect(all.filter((i) => i.kind === 'edition').map((i) => i.url).sort()).toEqual(['https://example.org/en/', 'https://example.org/fa/', 'https://example.org/sq/'])
    expect(all.some((i) => i.kind === 'page' && /\p{Script=Arabic}/u.test(i.target.slug ?? ''))).toBe(true)
  })

  it('leaves out links to unpublished pages and articles, with everything under them', async () => {
    expect(hiddenItemIds).toHaveLength(3)
    for (const location of ['primary', 'footer']) {
      const { body } = await get(`/v1/editions/en/menus/${location}`)
      const ids = flatten(body.data.items).map((i) => i.id)
      for (const hidden of hiddenItemIds) expect(ids).not.toContain(hidden)
    }
    const { body } = await get('/v1/editions/en/menus/footer')
    expect(body.data.items.map((i: ExpectedItem) => i.kind)).toEqual(['page', 'page'])
  })

  it('orders siblings by position, not by id', async () => {
    const { body } = await get('/v1/editions/en/menus/footer')
    const ids = body.data.items.map((i: ExpectedItem) => i.id)
    expect(ids).toHaveLength(2)
    expect(ids[0]).toBeGreaterThan(ids[1])
  })

  it('404s as problem+json for an unknown location or edition', async () => {
    for (const url of ['/v1/editions/en/menus/sidebar', '/v1/editions/zz/menus/primary']) {
      const { res, body } = await get(url)
      expect(res.statusCode, url).toBe(404)
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
      expect(body).toMatchObject({ type: 'http://quire.test/problems/not-found', status: 404, instance: url })
    }
  })

  it.each(['/v1/editions/EN/menus/primary', '/v1/editions/en/menus/prim%20ary', '/v1/editions/en/menus/primary?depth=1'])('refuses %s with 400', async (url) => {
    const { res } = await get(url)
    expect(res.statusCode).toBe(400)
  })
})
