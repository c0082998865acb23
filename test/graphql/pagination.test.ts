import { describe, expect, it } from 'vitest'
import { test, type TestApp } from '../helpers/app.js'
import { codes, data, gql } from '../helpers/graphql.js'

let app: TestApp

test.beforeAll(({ app: built }) => { app = built })

const rest = async (url: string) => (await app.inject({ method: 'GET', url })).json()

/** Every id of a REST list, following `links.next`. */
async function restWalk (url: string): Promise<{ ids: number[], total: number }> {
  const ids: number[] = []
  let next: string | null = url
  let total = -1
  while (next !== null) {
    const body = await rest(next)
    total = body.meta.total
    ids.push(...body.data.map((item: { id: number }) => item.id))
    next = body.links.next === null ? null : (body.links.next as string).replace('http://quire.test', '')
  }
  return { ids, total }
}

interface ConnectionPage { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, edges: Array<{ cursor: string, node: { databaseId: number } }> }

/**
 * Walks a connection forward with first/after to the end, then backward with last/before from the
 * last page's start to the beginning. `field` is a GraphQL field with `$first/$after/$last/$before`.
 */
async function graphqlWalk (select: (page: string) => string, pageSize: number, pick: (data: any) => ConnectionPage) {
  const pageSelection = 'totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { databaseId } }'
  const query = `query Walk($first: Int, $after: String, $last: Int, $before: String) { ${select(pageSelection)} }`
  const forward: number[][] = []
  let after: string | null = null
  let total = -1
  let lastPage: ConnectionPage | null = null
  for (let guard = 0; guard < 1000; guard++) {
    const page = pick(await data(app, query, { first: pageSize, after }))
    total = page.totalCount
    expect(page.pageInfo.hasPreviousPage).toBe(after !== null)
    expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null)
    expect(page.pageInfo.endCursor).toBe(page.edges[page.edges.length - 1]?.cursor ?? null)
    forward.push(page.edges.map((e) => e.node.databaseId))
    lastPage = page
    if (!page.pageInfo.hasNextPage) break
    after = page.pageInfo.endCursor
  }
  const backward: number[][] = [lastPage?.edges.map((e) => e.node.databaseId) ?? []]
  let before = lastPage?.pageInfo.startCursor ?? null
  let hasPrevious = lastPage?.pageInfo.hasPreviousPage ?? false
  while (hasPrevious && before !== null) {
    const page = pick(await data(app, query, { last: pageSize, before }))
    expect(page.pageInfo.hasNextPage).toBe(true)
    backward.unshift(page.edges.map((e) => e.node.databaseId))
    hasPrevious = page.pageInfo.hasPreviousPage
    before = page.pageInfo.startCursor
  }
  return { forward, backward, total }
}

const orders = [
  ['PUBLISHED_AT_DESC', '-publishedAt'],
  ['PUBLISHED_AT_ASC', 'publishedAt'],
  ['UPDATED_AT_DESC', '-updatedAt'],
  ['TITLE_ASC', 'title']
] as const

describe('articles connection', () => {
  for (const [order, sort] of orders) {
    it(`walks ${order} forwards and backwards in REST's order, each article exactly once`, async () => {
      const expected = await restWalk(`/v1/articles?edition=ar&sort=${sort}&limit=100&fields=id`)
      const walk = await graphqlWalk((p) => `articles(filter: { edition: "ar" }, orderBy: ${order}, first: $first, after: $after, last: $last, before: $before) { ${p} }`, 7, (d) => d.articles)
      expect(walk.forward.flat()).toEqual(expected.ids)
      expect(walk.backward.flat()).toEqual(expected.ids)
      // the same pages both ways: `before` a page's start cursor is exactly the page in front of it
      expect(walk.backward).toEqual(walk.forward)
      expect(new Set(expected.ids).size).toBe(expected.ids.length)
      expect(walk.total).toBe(expected.total)
    })
  }

  it('matches REST meta.total under every filter', async () => {
    const cases: Array<[string, string]> = [
      ['{ edition: "en" }', 'edition=en'],
      ['{ category: "politics" }', 'category=politics'],
      ['{ edition: "en", featured: true }', 'edition=en&featured=true'],
      ['{ author: "maya-thompson" }', 'author=maya-thompson'],
      ['{ publishedAfter: "2026-04-01T00:00:00Z", publishedBefore: "2026-05-15T00:00:00.000Z" }', 'publishedAfter=2026-04-01T00:00:00Z&publishedBefore=2026-05-15T00:00:00.000Z'],
      ['{ edition: "nope-nope" }', 'edition=nope-nope'],
      ['{ tag: "no-such-tag" }', 'tag=no-such-tag']
    ]
    for (const [filter, query] of cases) {
      const body = await rest(`/v1/articles?${query}&limit=100&fields=id`)
      const res = await gql(app, `{ articles(filter: ${filter}, first: 100) { totalCount nodes { databaseId } } }`)
      if (body.status === 400) {
        expect(codes(res)).toEqual(['BAD_USER_INPUT'])
        continue
      }
      expect(res.body.errors).toBeUndefined()
      expect(res.body.data.articles.totalCount).toBe(body.meta.total)
      expect(res.body.data.articles.nodes.map((n: { databaseId: number }) => n.databaseId)).toEqual(body.data.map((a: { id: number }) => a.id))
    }
  })

  it('uses every edge cursor both as `after` and as `before`', async () => {
    const page = (await data(app, '{ articles(filter: { edition: "sq" }, first: 100) { totalCount edges { cursor node { databaseId } } } }')).articles
    const all = page.edges as Array<{ cursor: string, node: { databaseId: number } }>
    expect(all).toHaveLength(page.totalCount)
    const ids = all.map((e) => e.node.databaseId)
    for (const index of [0, 5, all.length - 1]) {
      const cursor = all[index]!.cursor
      const after = await data(app, 'query($c: String) { articles(filter: { edition: "sq" }, first: 3, after: $c) { nodes { databaseId } } }', { c: cursor })
      const before = await data(app, 'query($c: String) { articles(filter: { edition: "sq" }, last: 3, before: $c) { nodes { databaseId } } }', { c: cursor })
      expect(after.articles.nodes.map((n: { databaseId: number }) => n.databaseId)).toEqual(ids.slice(index + 1, index + 4))
      expect(before.articles.nodes.map((n: { databaseId: number }) => n.databaseId)).toEqual(ids.slice(Math.max(0, index - 3), index))
    }
  })

  it('accepts REST cursors, and refuses altered ones and cursors of another ordering', async () => {
    const body = await rest('/v1/articles?edition=en&limit=5&fields=id')
    const next = await data(app, 'query($c: String) { articles(filter: { edition: "en" }, first: 5, after: $c) { nodes { databaseId } } }', { c: body.meta.nextCursor })
    const restNext = await rest(`/v1/articles?edition=en&limit=5&fields=id&cursor=${body.meta.nextCursor as string}`)
    expect(next.articles.nodes.map((n: { databaseId: number }) => n.databaseId)).toEqual(restNext.data.map((a: { id: number }) => a.id))

    const cursor = body.meta.nextCursor as string
    const altered = `${cursor.slice(0, -2)}${cursor.endsWith('A') ? 'B' : 'A'}${cursor.slice(-1)}`
    for (const [args, message] of [
      [`after: "${altered}"`, /cursor/],
      ['after: "not-a-cursor"', /cursor/],
      [`orderBy: TITLE_ASC, after: "${cursor}"`, /sort=-publishedAt/]
    ] as const) {
      const res = await gql(app, `{ articles(filter: { edition: "en" }, ${args}) { totalCount } }`)
      expect(codes(res)).toEqual(['BAD_USER_INPUT'])
      expect(res.body.errors?.[0]?.message).toMatch(message)
      // the field is non-null, so its error nulls the whole response, which still executed
      expect(res.body.data).toBeNull()
      expect(res.status).toBe(200)
    }
  })

  it('refuses page sizes outside 1–100 and arguments that do not go together', async () => {
    const cursor = (await data(app, '{ articles(first: 1) { pageInfo { endCursor } } }')).articles.pageInfo.endCursor as string
    for (const args of ['first: 101', 'first: 0', 'first: -1', `last: 101, before: "${cursor}"`, 'last: 5', 'first: 5, last: 5',
      `first: 5, before: "${cursor}"`, `last: 5, after: "${cursor}"`, `after: "${cursor}", before: "${cursor}"`]) {
      const res = await gql(app, `{ articles(${args}) { totalCount } }`)
      expect(codes(res), args).toEqual(['BAD_USER_INPUT'])
      expect(res.status).toBe(200)
    }
    const ok = await data(app, '{ articles(first: 100) { edges { cursor } } }')
    expect(ok.articles.edges).toHaveLength(100)
    const byDefault = await data(app, '{ articles { edges { cursor } } }')
    expect(byDefault.articles.edges).toHaveLength(20)
  })
})

describe('nested connections', () => {
  it("walks a category's articles like REST's category filter", async () => {
    const category = (await data(app, '{ category(edition: "en", slug: "politics") { id } }')).category
    const expected = await restWalk('/v1/articles?edition=en&category=politics&limit=100&fields=id')
    expect(expected.ids.length).toBeGreaterThan(5)
    const walk = await graphqlWalk((p) => `node(id: "${category.id as string}") { ... on Category { articles(first: $first, after: $after, last: $last, before: $before) { ${p} } } }`, 4, (d) => d.node.articles)
    expect(walk.forward.flat()).toEqual(expected.ids)
    expect(walk.backward.flat()).toEqual(expected.ids)
    expect(walk.total).toBe(expected.total)
  })

  it("walks an author's articles like REST's author filter", async () => {
    const expected = await restWalk('/v1/articles?author=maya-thompson&sort=title&limit=100&fields=id')
    const walk = await graphqlWalk((p) => `author(slug: "maya-thompson") { articles(orderBy: TITLE_ASC, first: $first, after: $after, last: $last, before: $before) { ${p} } }`, 3, (d) => d.author.articles)
    expect(walk.forward.flat()).toEqual(expected.ids)
    expect(walk.backward.flat()).toEqual(expected.ids)
    expect(walk.total).toBe(expected.total)
  })

  it("lists a tag's articles like REST's tag filter", async () => {
    const tag = (await rest('/v1/tags?edition=en&limit=1')).data[0]
    const expected = await restWalk(`/v1/articles?edition=en&tag=${encodeURIComponent(tag.slug as string)}&limit=100&fields=id`)
    const got = await data(app, `{ tag(edition: "en", slug: "${tag.slug as string}") { databaseId articles(first: 100) { totalCount nodes { databaseId } } } }`)
    expect(got.tag.databaseId).toBe(tag.id)
    expect(got.tag.articles.nodes.map((n: { databaseId: number }) => n.databaseId)).toEqual(expected.ids)
    expect(got.tag.articles.totalCount).toBe(expected.total)
  })

  it('refuses a filter the parent already sets', async () => {
    const res = await gql(app, '{ author(slug: "maya-thompson") { articles(filter: { author: "daniel-okafor" }) { totalCount } } }')
    expect(codes(res)).toEqual(['BAD_USER_INPUT'])
    const ok = await data(app, '{ author(slug: "maya-thompson") { articles(filter: { edition: "en" }) { totalCount } } }')
    expect(ok.author.articles.totalCount).toBe((await rest('/v1/articles?author=maya-thompson&edition=en&fields=id')).meta.total)
  })
})

describe('other connections', () => {
  const lists: Array<[string, string, string]> = [
    ['authors', '/v1/authors?limit=100', 'authors(first: $first, after: $after, last: $last, before: $before)'],
    ['tags', '/v1/tags?edition=en&limit=100', 'tags(edition: "en", first: $first, after: $after, last: $last, before: $before)'],
    ['categories', '/v1/categories?edition=en&limit=100', 'categories(edition: "en", first: $first, after: $after, last: $last, before: $before)'],
    ['top-level categories', '/v1/categories?edition=en&parent=root&limit=100', 'categories(edition: "en", topLevel: true, first: $first, after: $after, last: $last, before: $before)'],
    ['media', '/v1/media?limit=100', 'mediaItems(first: $first, after: $after, last: $last, before: $before)'],
    ['images', '/v1/media?kind=image&limit=100', 'mediaItems(kind: IMAGE, first: $first, after: $after, last: $last, before: $before)'],
    ['galleries', '/v1/galleries?limit=100', 'galleries(first: $first, after: $after, last: $last, before: $before)'],
    ['pages', '/v1/pages?limit=100', 'pages(first: $first, after: $after, last: $last, before: $before)']
  ]
  for (const [name, url, field] of lists) {
    it(`walks ${name} both ways in REST's order`, async () => {
      const expected = await restWalk(url)
      expect(expected.ids.length).toBeGreaterThan(1)
      const root = field.slice(0, field.indexOf('('))
      const walk = await graphqlWalk((p) => `${field} { ${p} }`, 2, (d) => d[root])
      expect(walk.forward.flat()).toEqual(expected.ids)
      expect(walk.backward.flat()).toEqual(expected.ids)
      expect(walk.total).toBe(expected.total)
    })
  }

  it("lists a category's children through `parent`", async () => {
    const news = (await rest('/v1/categories/tree?edition=en')).data.find((c: { children: unknown[] }) => c.children.length > 0)
    const got = await data(app, `{ categories(parent: "${Buffer.from(`Category:${news.id as number}`).toString('base64url')}") { nodes { databaseId } } }`)
    expect(got.categories.nodes.map((c: { databaseId: number }) => c.databaseId)).toEqual(news.children.map((c: { id: number }) => c.id))
  })
})
