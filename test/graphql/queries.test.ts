import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { fromGlobalId, toGlobalId } from '../../src/graphql/global-id.js'
import { test, buildTestApp, type TestApp } from '../helpers/app.js'
import { TEST_NOW } from '../helpers/clock.js'
import { codes, data, gql } from '../helpers/graphql.js'

let app: TestApp
let sql: Database.Database

test.beforeAll(({ app: built, sql: readOnly }) => { app = built; sql = readOnly })

const rest = async (url: string) => (await app.inject({ method: 'GET', url })).json()
const lower = (value: string | null) => value === null ? null : value.toLowerCase()

// the demo's media live elsewhere (file: null); uploaded files are compared in test/media
const mediaFields = 'id databaseId kind url mimeType bytes width height durationSeconds title altText caption credit textEdition translations { edition title altText caption credit } renditions { name url width height mimeType bytes } srcset file { sha256 } createdAt updatedAt'
/** GraphQL Media → REST Media. */
const asRestMedia = (m: any) => m === null
  ? null
  : { ...m, id: m.databaseId, databaseId: undefined, kind: lower(m.kind) as string }
const stripUndefined = (value: unknown) => JSON.parse(JSON.stringify(value))
/** GraphQL attachments → REST's `{ mediaId, label }` (their media are compared in test/media). */
const asRestAttachments = (list: Array<{ label: string | null, media: { databaseId: number } }>) => list.map((a) => ({ mediaId: a.media.databaseId, label: a.label }))

const articleFields = `id databaseId slug title excerpt body publishedAt createdAt updatedAt featured wordCount readingTimeMinutes commentStatus commentCount url direction shareLinks { network label href }
  edition { code direction }
  seo { title description } source { name url publishedAt }
  primaryCategory { databaseId } categories { databaseId } authors { databaseId } tags { databaseId }
  featuredMedia { ${mediaFields} } translations { databaseId edition { code } slug title url }
  attachments { label media { databaseId } }`

describe('articles', () => {
  it('article(id:) and article(edition:, slug:) return what REST returns for the article', async () => {
    for (const id of [1, 61, 120]) {
      const expected = (await rest(`/v1/articles/${id}?include=featuredMedia,translations`)).data
      const byId = (await data(app, `query($id: ID) { article(id: $id) { ${articleFields} } }`, { id: toGlobalId('Article', id) })).article
      const bySlug = (await data(app, `query($e: String, $s: String) { article(edition: $e, slug: $s) { ${articleFields} } }`, { e: expected.edition, s: expected.slug })).article
      expect(bySlug).toEqual(byId)
      expect(byId.id).toBe(toGlobalId('Article', id))
      expect({
        id: byId.databaseId,
        edition: byId.edition.code,
        direction: lower(byId.direction),
        slug: byId.slug,
        title: byId.title,
        excerpt: byId.excerpt,
        body: byId.body,
        publishedAt: byId.publishedAt,
        createdAt: byId.createdAt,
        updatedAt: byId.updatedAt,
        featured: byId.featured,
        wordCount: byId.wordCount,
        readingTimeMinutes: byId.readingTimeMinutes,
        commentStatus: lower(byId.commentStatus),
        commentCount: byId.commentCount,
        url: byId.url,
        shareLinks: byId.shareLinks,
        seo: byId.seo,
        source: byId.source,
        primaryCategoryId: byId.primaryCategory?.databaseId ?? null,
        featuredMedia: stripUndefined(asRestMedia(byId.featuredMedia)),
        authors: byId.authors.map((a: { databaseId: number }) => a.databaseId),
        categories: byId.categories.map((c: { databaseId: number }) => c.databaseId),
        tags: byId.tags.map((t: { databaseId: number }) => t.databaseId),
        attachments: asRestAttachments(byId.attachments),
        translations: byId.translations.map((t: any) => ({ id: t.databaseId, edition: t.edition.code, direction: (expected.translations as any[]).find((x) => x.id === t.databaseId)?.direction, slug: t.slug, title: t.title, url: t.url }))
      }).toEqual(expected)
      expect(byId.direction).toBe(byId.edition.direction)
    }
  })

  it('articles(...) lists the REST list with relations resolved to objects', async () => {
    const expected = (await rest('/v1/articles?edition=fa&limit=15&include=authors,categories,tags')).data
    const got = (await data(app, '{ articles(filter: { edition: "fa" }, first: 15) { nodes { databaseId title direction authors { databaseId name slug url(edition: "fa") } categories { databaseId name slug } tags { databaseId name slug } } } }')).articles.nodes
    expect(got.map((a: any) => ({
      id: a.databaseId,
      title: a.title,
      authors: a.authors.map((x: any) => ({ id: x.databaseId, slug: x.slug, name: x.name, url: x.url })),
      categories: a.categories.map((x: any) => x.databaseId),
      tags: a.tags.map((x: any) => ({ id: x.databaseId, slug: x.slug, name: x.name }))
    }))).toEqual(expected.map((a: any) => ({
      id: a.id,
      title: a.title,
      authors: a.authors,
      categories: a.categories.map((c: { id: number }) => c.id),
      tags: a.tags.map((t: any) => ({ id: t.id, slug: t.slug, name: t.name }))
    })))
    expect(got.every((a: { direction: string }) => a.direction === 'RTL')).toBe(true)
  })

  it('returns the body as HTML or plain text', async () => {
    const { article } = await data(app, `{ article(id: "${toGlobalId('Article', 1)}") { html: body text: body(format: TEXT) } }`)
    expect(article.html).toMatch(/^<p>/)
    expect(article.text).not.toMatch(/[<>]/)
    expect(article.text).toContain('Our correspondents have been following')
    expect(article.text.split('\n\n').length).toBeGreaterThan(3)
    expect(article.text).not.toContain('&amp;')
  })

  it('derives the excerpt from the body when the stored one is empty', async () => {
    const own = await buildTestApp()
    try {
      const db = new Database(own.databasePath)
      db.prepare("update articles set excerpt = '', body = '<p>First &amp; <em>foremost</em>: a paragraph.</p><p>' || ? || '</p>' where id = 1").run('word '.repeat(80))
      db.prepare('update articles set excerpt = null where id = 2').run()
      db.close()
      const got = (await data(own, `{ nodes(ids: ["${toGlobalId('Article', 1)}", "${toGlobalId('Article', 2)}", "${toGlobalId('Article', 3)}"]) { ... on Article { excerpt body } } }`)).nodes
      expect(got[0].excerpt).toMatch(/^First & foremost: a paragraph\. word word/)
      expect(got[0].excerpt.endsWith('…')).toBe(true)
      expect(Array.from(got[0].excerpt as string).length).toBeLessThanOrEqual(201)
      expect(got[1].excerpt.length).toBeGreaterThan(20)
      expect(got[1].body).toContain(got[1].excerpt.slice(0, 10))
      const stored = sql.prepare('select excerpt from articles where id = 3').get() as { excerpt: string }
      expect(got[2].excerpt).toBe(stored.excerpt)
      // lists read articles without their bodies: the fallback loads them for the page in one go
      const listed = (await data(own, '{ articles(first: 100) { nodes { databaseId excerpt } } }')).articles.nodes
      expect(listed.find((a: { databaseId: number }) => a.databaseId === 1).excerpt).toBe(got[0].excerpt)
    } finally {
      await own.close()
    }
  })

  it('never shows drafts, scheduled or archived articles, by any route', async () => {
    const hidden = sql.prepare(`select a.id, a.slug, e.code edition from articles a join editions e on e.id = a.edition_id
      where a.status in ('draft', 'archived') or (a.status = 'scheduled' and a.published_at > ?)`).all(TEST_NOW.getTime()) as Array<{ id: number, slug: string, edition: string }>
    expect(hidden.length).toBeGreaterThanOrEqual(6)
    for (const { id, slug, edition } of hidden) {
      const byId = await gql(app, `{ article(id: "${toGlobalId('Article', id)}") { title } }`)
      expect(codes(byId)).toEqual(['NOT_FOUND'])
      expect(byId.body.data).toEqual({ article: null })
      const bySlug = await gql(app, `{ article(edition: "${edition}", slug: "${slug}") { title } }`)
      expect(codes(bySlug)).toEqual(['NOT_FOUND'])
      const node = await data(app, `{ node(id: "${toGlobalId('Article', id)}") { id } }`)
      expect(node.node).toBeNull()
      const filtered = await data(app, `{ articles(filter: { edition: "${edition}", slug: "${slug}" }) { totalCount } }`)
      expect(filtered.articles.totalCount).toBe(0)
    }
    const all = new Set<number>()
    let after: string | null = null
    do {
      const page: any = (await data(app, 'query($a: String) { articles(first: 100, after: $a) { pageInfo { hasNextPage endCursor } nodes { databaseId translations { databaseId } } } }', { a: after })).articles
      for (const a of page.nodes) {
        all.add(a.databaseId)
        for (const t of a.translations) all.add(t.databaseId)
      }
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null
    } while (after !== null)
    for (const { id } of hidden) expect(all.has(id)).toBe(false)
  })
})

describe('editions, categories, authors, tags, media', () => {
  it('editions and edition(code:) carry direction', async () => {
    const expected = (await rest('/v1/editions')).data
    const got = (await data(app, '{ editions { id databaseId code name nativeName direction isDefault position createdAt updatedAt url } }')).editions
    expect(got.map((e: any) => ({ ...e, id: e.databaseId, databaseId: undefined, direction: lower(e.direction) })).map(stripUndefined)).toEqual(expected)
    expect((await data(app, '{ edition(code: "ar") { direction nativeName } }')).edition.direction).toBe('RTL')
    const missing = await gql(app, '{ edition(code: "xx") { code } }')
    expect(codes(missing)).toEqual(['NOT_FOUND'])
  })

  it('category by id and by slug, with parent, children, translations and edition', async () => {
    const tree = (await rest('/v1/categories/tree?edition=en')).data
    const parent = tree.find((c: { children: unknown[] }) => c.children.length > 0)
    const child = parent.children[0]
    const fields = 'databaseId slug name description position createdAt updatedAt url articleCount edition { code } parent { databaseId } children { databaseId } translations { databaseId slug name url edition { code } }'
    const byId = (await data(app, `{ category(id: "${toGlobalId('Category', child.id as number)}") { ${fields} } }`)).category
    const bySlug = (await data(app, `{ category(edition: "en", slug: "${child.slug as string}") { ${fields} } }`)).category
    expect(bySlug).toEqual(byId)
    expect(byId.parent).toEqual({ databaseId: parent.id })
    expect(byId.articleCount).toBe(child.articleCount)
    expect(byId.children.map((c: { databaseId: number }) => c.databaseId)).toEqual(child.children.map((c: { id: number }) => c.id))
    expect(byId.translations.map((t: any) => ({ id: t.databaseId, edition: t.edition.code, slug: t.slug, name: t.name, url: t.url }))).toEqual(child.translations)
    const parentGot = (await data(app, `{ category(id: "${toGlobalId('Category', parent.id as number)}") { children { databaseId } parent { databaseId } } }`)).category
    expect(parentGot.children.map((c: { databaseId: number }) => c.databaseId)).toEqual(parent.children.map((c: { id: number }) => c.id))
    expect(parentGot.parent).toBeNull()
  })

  it('an article\'s categories carry the same counts and fields as the categories themselves', async () => {
    // article embeds resolve categories without their counts; articleCount is loaded when asked
    const articles = (await data(app, '{ articles(filter: { edition: "en" }, first: 10) { edges { node { categories { databaseId slug name url articleCount translations { databaseId } } primaryCategory { databaseId articleCount } } } } }')).articles.edges
    const embedded = articles.flatMap((edge: any) => edge.node.categories)
    expect(embedded.length).toBeGreaterThan(0)
    expect(embedded.some((category: { articleCount: number }) => category.articleCount > 0)).toBe(true)
    for (const category of embedded) {
      const expected = (await rest(`/v1/categories/${category.databaseId as number}`)).data
      expect(category).toEqual({ databaseId: expected.id, slug: expected.slug, name: expected.name, url: expected.url, articleCount: expected.articleCount, translations: expected.translations.map((t: { id: number }) => ({ databaseId: t.id })) })
    }
    for (const edge of articles) {
      const primary = edge.node.primaryCategory
      if (primary !== null) expect(primary.articleCount).toBe(embedded.find((c: { databaseId: number }) => c.databaseId === primary.databaseId).articleCount)
    }
  })

  it('author by id and by slug, with avatar and srcset', async () => {
    const expected = (await rest('/v1/authors/1')).data
    const fields = `databaseId slug edition { code } name bio createdAt updatedAt url avatar { ${mediaFields} } translations { edition name bio avatarAlt }`
    const byId = (await data(app, `{ author(id: "${toGlobalId('Author', 1)}") { ${fields} } }`)).author
    const bySlug = (await data(app, `{ author(slug: "${expected.slug as string}") { ${fields} } }`)).author
    expect(bySlug).toEqual(byId)
    expect(stripUndefined({ ...byId, id: byId.databaseId, databaseId: undefined, edition: byId.edition.code, avatar: asRestMedia(byId.avatar) })).toEqual(expected)
    expect(byId.avatar.srcset).toMatch(/ 320w, .* 768w/)
  })

  it('tag by id and by edition and slug', async () => {
    const expected = (await rest('/v1/tags?edition=ar&limit=1')).data[0]
    const byId = (await data(app, `{ tag(id: "${toGlobalId('Tag', expected.id as number)}") { databaseId slug name createdAt updatedAt url articleCount edition { code } } }`)).tag
    const bySlug = (await data(app, `{ tag(edition: "ar", slug: "${expected.slug as string}") { databaseId slug name createdAt updatedAt url articleCount edition { code } } }`)).tag
    expect(bySlug).toEqual(byId)
    expect({ ...byId, id: byId.databaseId, databaseId: undefined, edition: byId.edition.code }).toEqual({ ...expected, databaseId: undefined })
    expect(codes(await gql(app, '{ tag(edition: "ar", slug: "no-such-tag") { name } }'))).toEqual(['NOT_FOUND'])
  })

  it('media(id:) with renditions, and srcset only for images', async () => {
    const list = (await rest('/v1/media?limit=100')).data
    for (const expected of [list.find((m: { kind: string }) => m.kind === 'image'), list.find((m: { kind: string }) => m.kind !== 'image')]) {
      const got = (await data(app, `{ media(id: "${toGlobalId('Media', expected.id as number)}") { ${mediaFields} } }`)).media
      expect(stripUndefined(asRestMedia(got))).toEqual(expected)
    }
    const image = (await data(app, `{ media(id: "${toGlobalId('Media', list.find((m: { kind: string }) => m.kind === 'image').id as number)}") { srcset renditions { url width } width url } }`)).media
    for (const r of image.renditions) expect(image.srcset).toContain(`${r.url as string} ${r.width as number}w`)
    expect(image.srcset).toContain(`${image.url as string} ${image.width as number}w`)
    expect(list.some((m: { kind: string, srcset: string | null }) => m.kind !== 'image' && m.srcset === null)).toBe(true)
  })
})

describe('galleries, pages, menus, settings', () => {
  it('gallery by id and by slug, items with media', async () => {
    const expected = (await rest('/v1/galleries?limit=1')).data[0]
    const fields = `databaseId slug title description createdAt updatedAt url edition { code } items { position caption media { ${mediaFields} } }`
    const byId = (await data(app, `{ gallery(id: "${toGlobalId('Gallery', expected.id as number)}") { ${fields} } }`)).gallery
    const bySlug = (await data(app, `{ gallery(edition: "${expected.edition as string}", slug: "${expected.slug as string}") { ${fields} } }`)).gallery
    expect(bySlug).toEqual(byId)
    expect(stripUndefined({
      ...byId, id: byId.databaseId, databaseId: undefined, edition: byId.edition.code,
      items: byId.items.map((i: any) => ({ ...i, media: asRestMedia(i.media) }))
    })).toEqual(expected)
  })

  it('page by id and by slug, with translations; drafts stay hidden', async () => {
    const expected = (await rest('/v1/pages?limit=1')).data[0]
    const fields = 'databaseId slug title body publishedAt createdAt updatedAt url direction edition { code } seo { title description } translations { databaseId slug title url edition { code } } attachments { label media { databaseId } }'
    const byId = (await data(app, `{ page(id: "${toGlobalId('Page', expected.id as number)}") { ${fields} text: body(format: TEXT) } }`)).page
    const bySlug = (await data(app, `{ page(edition: "${expected.edition as string}", slug: "${expected.slug as string}") { ${fields} text: body(format: TEXT) } }`)).page
    expect(bySlug).toEqual(byId)
    const { text, ...page } = byId
    expect({
      ...page, id: page.databaseId, databaseId: undefined, edition: page.edition.code, direction: lower(page.direction), attachments: asRestAttachments(page.attachments),
      translations: page.translations.map((t: any) => ({ id: t.databaseId, edition: t.edition.code, slug: t.slug, title: t.title, url: t.url }))
    }).toEqual({ ...expected, databaseId: undefined })
    expect(text).toContain('Quire News is an independent')
    expect(text).not.toContain('<')
    const draft = sql.prepare("select p.id, p.slug, e.code edition from pages p join editions e on e.id = p.edition_id where p.status = 'draft'").get() as { id: number, slug: string, edition: string }
    expect(codes(await gql(app, `{ page(id: "${toGlobalId('Page', draft.id)}") { title } }`))).toEqual(['NOT_FOUND'])
    expect(codes(await gql(app, `{ page(edition: "${draft.edition}", slug: "${draft.slug}") { title } }`))).toEqual(['NOT_FOUND'])
    expect((await data(app, `{ node(id: "${toGlobalId('Page', draft.id)}") { id } }`)).node).toBeNull()
  })

  it('menus(edition:) and menu(edition:, location:) mirror REST, targets resolvable with node(id:)', async () => {
    const expected = (await rest('/v1/menus?edition=en')).data
    const item = 'databaseId label kind url target { id databaseId slug edition { code } }'
    const got = (await data(app, `{ menus(edition: "en") { databaseId location name edition { code } items { ${item} children { ${item} children { ${item} } } } } }`)).menus
    const asRestItem = (i: any): any => ({
      id: i.databaseId, label: i.label, kind: lower(i.kind), url: i.url,
      target: { id: i.target.databaseId, slug: i.target.slug, edition: i.target.edition?.code ?? null },
      children: (i.children ?? []).map(asRestItem)
    })
    expect(got.map((m: any) => ({ id: m.databaseId, edition: m.edition.code, location: m.location, name: m.name, items: m.items.map(asRestItem) }))).toEqual(expected)
    const primary = (await data(app, `{ menu(edition: "en", location: "primary") { databaseId items { ${item} } } }`)).menu
    expect(primary.databaseId).toBe(expected.find((m: { location: string }) => m.location === 'primary').id)
    const first = primary.items[0]
    const node = (await data(app, `{ node(id: "${first.target.id as string}") { __typename ... on Category { databaseId slug } } }`)).node
    expect(node).toEqual({ __typename: 'Category', databaseId: first.target.databaseId, slug: first.target.slug })
    expect(codes(await gql(app, '{ menu(edition: "en", location: "nowhere") { name } }'))).toEqual(['NOT_FOUND'])
    expect(codes(await gql(app, '{ menus(edition: "xx") { name } }'))).toEqual(['BAD_USER_INPUT'])
  })

  it('settings(edition:) and Edition.settings mirror REST', async () => {
    const expected = (await rest('/v1/editions/ar/settings')).data
    const got = (await data(app, `{ settings(edition: "ar") { title tagline copyright updatedAt shareNetworks socialLinks { network label url } edition { code direction }
      logo { id } logoDark { id } favicon { id } copyrightNotice { holder startYear currentYear line } contact { email phone address } } }`)).settings
    expect({ ...got, edition: got.edition.code }).toEqual(expected)
    const all = (await rest('/v1/settings')).data
    const viaEditions = (await data(app, '{ editions { code settings { title } } }')).editions
    expect(viaEditions.filter((e: any) => e.settings !== null).map((e: any) => [e.code, e.settings.title])).toEqual(all.map((s: any) => [s.edition, s.title]))
  })
})

describe('node and nodes', () => {
  it('fetches every Node type by global id, in the order asked, null for what is missing', async () => {
    const ids = [
      toGlobalId('Article', 1), toGlobalId('Edition', 2), toGlobalId('Category', 1), toGlobalId('Author', 1), toGlobalId('Tag', 1),
      toGlobalId('Media', 1), toGlobalId('Gallery', 1), toGlobalId('Page', 1), toGlobalId('Article', 999_999), toGlobalId('Article', 1)
    ]
    const got = (await data(app, 'query($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on Article { databaseId } ... on Edition { databaseId } ... on Category { databaseId } ... on Author { databaseId } ... on Tag { databaseId } ... on Media { databaseId } ... on Gallery { databaseId } ... on Page { databaseId } } }', { ids })).nodes
    expect(got.map((n: any) => n === null ? null : [n.__typename, n.databaseId, n.id])).toEqual(ids.map((id) => {
      const parsed = fromGlobalId(id)
      return parsed === null || parsed.id === 999_999 ? null : [parsed.type, parsed.id, id]
    }))
    const one = (await data(app, `{ node(id: "${toGlobalId('Edition', 2)}") { ... on Edition { code } } }`)).node
    expect(one).toEqual({ code: 'ar' })
  })

  it('refuses ids it did not issue and ids of the wrong type', async () => {
    for (const query of [
      '{ node(id: "42") { id } }',
      `{ node(id: "${Buffer.from('Article:01').toString('base64url')}") { id } }`,
      `{ node(id: "${Buffer.from('User:1').toString('base64url')}") { id } }`,
      `{ article(id: "${toGlobalId('Author', 1)}") { id } }`,
      `{ category(id: "${toGlobalId('Category', 1)}", slug: "x") { id } }`,
      '{ author { id } }',
      `{ nodes(ids: [${Array.from({ length: 101 }, () => `"${toGlobalId('Article', 1)}"`).join(',')}]) { id } }`
    ]) {
      const res = await gql(app, query)
      expect(codes(res), query).toEqual(['BAD_USER_INPUT'])
      expect(res.status).toBe(200)
    }
  })
})

describe('errors', () => {
  it('never shows a resolver failure to the client, and logs it', async () => {
    const logs: string[] = []
    const broken = await buildTestApp({ logger: { level: 'error', stream: { write: (line: string) => { logs.push(line) } } } })
    try {
      const db = new Database(broken.databasePath)
      db.pragma('foreign_keys = off')
      db.exec('drop table article_tags')
      db.close()
      const res = await gql(broken, '{ editions { code } articles(first: 3) { nodes { title tags { name } } } }')
      expect(res.status).toBe(200)
      expect(new Set(codes(res))).toEqual(new Set(['INTERNAL_SERVER_ERROR']))
      expect(res.body.errors?.[0]).toEqual({
        message: 'Internal server error. The request id identifies it in the server logs.',
        locations: [{ line: 1, column: 56 }],
        path: ['articles', 'nodes', 0, 'tags'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' }
      })
      expect(JSON.stringify(res.body)).not.toMatch(/sqlite|article_tags|no such table|\/work\/|\.ts|stack/i)
      // `tags` is non-null, so the failure nulls its way up to the nullable root
      expect(res.body.data).toBeNull()
      expect(logs.join('\n')).toMatch(/no such table: article_tags/)
    } finally {
      await broken.close()
    }
  })

  it('maps InvalidInput to BAD_USER_INPUT and NotFound to NOT_FOUND, with the field path', async () => {
    const res = await gql(app, `{ a: article(id: "${toGlobalId('Article', 424242)}") { title } b: articles(filter: { edition: "xx" }) { totalCount } }`)
    expect(res.body.errors?.map((e) => [e.extensions?.code, e.path])).toEqual([
      ['NOT_FOUND', ['a']],
      ['BAD_USER_INPUT', ['b']]
    ])
  })

  it('refuses malformed DateTime input as a validation error', async () => {
    const res = await gql(app, '{ articles(filter: { publishedAfter: "yesterday" }) { totalCount } }')
    expect(codes(res)).toEqual(['GRAPHQL_VALIDATION_FAILED'])
    const variables = await gql(app, 'query($d: DateTime) { articles(filter: { publishedAfter: $d }) { totalCount } }', { d: '2026-13-45' })
    expect(codes(variables)).toEqual(['BAD_USER_INPUT'])
  })
})
