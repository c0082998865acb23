import { describe, expect } from 'vitest'
import { TEST_NOW } from '../../helpers/clock.js'
import { codes, data, gql } from '../../helpers/graphql.js'
import { test } from '../../helpers/app.js'

/* `page=N` beside cursors on the article lists: REST /v1/articles (and its category/tag/author archives) and GraphQL's article connections. */

interface ListBody {
  data: Array<{ id: number }>
  meta: { total: number, limit: number, page: number | null, totalPages: number, nextCursor: string | null, prevCursor: string | null }
  links: { self: string, next: string | null, prev: string | null, first: string | null, last: string | null }
}

const pathOf = (url: string) => { const u = new URL(url); return u.pathname + u.search }

describe('numbered pages over REST', () => {
  test('the pages of an edition are the cursor walk cut in pieces, with totals and page links', async ({ app, sql }) => {
    const expected = (sql.prepare(`select a.id from articles a join editions e on e.id = a.edition_id
      where e.code = 'en' and a.visible_from <= ? order by a.visible_from desc, a.id desc`).all(TEST_NOW.getTime()) as Array<{ id: number }>).map((r) => r.id)
    expect(expected.length).toBeGreaterThan(6)
    const limit = 3
    const totalPages = Math.ceil(expected.length / limit)
    const seen: number[] = []
    for (let page = 1; page <= totalPages; page++) {
      const res = await app.inject({ method: 'GET', url: `/v1/articles?edition=en&limit=${limit}&page=${page}&fields=id` })
      expect(res.statusCode).toBe(200)
      const body = res.json() as ListBody
      expect(body.meta).toMatchObject({ total: expected.length, limit, page, totalPages })
      expect(res.headers['x-total-count']).toBe(String(expected.length))
      seen.push(...body.data.map((a) => a.id))
      const link = String(res.headers.link)
      expect(body.links.first).toBe(`http://quire.test/v1/articles?edition=en&limit=${limit}&fields=id&page=1`)
      expect(body.links.last).toBe(`http://quire.test/v1/articles?edition=en&limit=${limit}&fields=id&page=${totalPages}`)
      expect(link).toContain(`<${body.links.first as string}>; rel="first"`)
      expect(link).toContain(`<${body.links.last as string}>; rel="last"`)
      if (page < totalPages) {
        expect(body.links.next).toBe(`http://quire.test/v1/articles?edition=en&limit=${limit}&fields=id&page=${page + 1}`)
        expect(link).toContain(`<${body.links.next as string}>; rel="next"`)
        expect(body.meta.nextCursor).not.toBeNull()
      } else {
        expect(body.links.next).toBeNull()
        expect(body.meta.nextCursor).toBeNull()
        expect(link).not.toContain('rel="next"')
      }
      if (page > 1) {
        expect(body.links.prev).toBe(`http://quire.test/v1/articles?edition=en&limit=${limit}&fields=id&page=${page - 1}`)
        expect(link).toContain('rel="prev"')
      } else {
        expect(body.links.prev).toBeNull()
        expect(body.meta.prevCursor).toBeNull()
      }
    }
    expect(seen).toEqual(expected)
  })

  test('a numbered page carries the cursor to continue from, and the cursor walk agrees', async ({ app }) => {
    const page2 = (await app.inject({ method: 'GET', url: '/v1/articles?edition=en&limit=2&page=2&fields=id' })).json() as ListBody
    const page3 = (await app.inject({ method: 'GET', url: '/v1/articles?edition=en&limit=2&page=3&fields=id' })).json() as ListBody
    const byCursor = (await app.inject({ method: 'GET', url: `/v1/articles?edition=en&limit=2&fields=id&cursor=${page2.meta.nextCursor as string}` })).json() as ListBody
    expect(byCursor.data).toEqual(page3.data)
    const back = (await app.inject({ method: 'GET', url: `/v1/articles?edition=en&limit=2&fields=id&cursor=${page3.meta.prevCursor as string}` })).json() as ListBody
    expect(back.data).toEqual(page2.data)
  })

  test('cursor lists say how many pages there are and leave page null', async ({ app }) => {
    const body = (await app.inject({ method: 'GET', url: '/v1/articles?edition=en&limit=4' })).json() as ListBody
    expect(body.meta.page).toBeNull()
    expect(body.meta.totalPages).toBe(Math.ceil(body.meta.total / 4))
    expect(body.links.first).toBeNull()
    expect(body.links.last).toBeNull()
  })

  test('archives page by number too: category, tag and author', async ({ app, sql }) => {
    const category = sql.prepare(`select c.slug from categories c join editions e on e.id = c.edition_id join article_categories ac on ac.category_id = c.id
      where e.code = 'en' group by c.id order by count(*) desc limit 1`).get() as { slug: string }
    const tag = sql.prepare(`select t.slug from tags t join editions e on e.id = t.edition_id join article_tags at on at.tag_id = t.id
      where e.code = 'en' group by t.id order by count(*) desc limit 1`).get() as { slug: string }
    const author = sql.prepare('select au.slug from authors au join article_authors aa on aa.author_id = au.id group by au.id order by count(*) desc limit 1').get() as { slug: string }
    for (const filter of [`category=${category.slug}`, `tag=${tag.slug}`, `author=${author.slug}`]) {
      const all = (await app.inject({ method: 'GET', url: `/v1/articles?edition=en&${filter}&limit=100&fields=id` })).json() as ListBody
      const page = (await app.inject({ method: 'GET', url: `/v1/articles?edition=en&${filter}&limit=1&page=${all.meta.total}&fields=id` })).json() as ListBody
      expect(page.meta).toMatchObject({ total: all.meta.total, page: all.meta.total, totalPages: all.meta.total })
      expect(page.data).toEqual([all.data.at(-1)])
    }
  })

  test('an empty list has page 1 with no pages; any other page of it is refused', async ({ app }) => {
    const empty = await app.inject({ method: 'GET', url: '/v1/articles?edition=en&category=no-such-category&page=1' })
    expect(empty.statusCode).toBe(200)
    expect(empty.json()).toMatchObject({ data: [], meta: { total: 0, page: 1, totalPages: 0 }, links: { next: null, prev: null } })
    expect((await app.inject({ method: 'GET', url: '/v1/articles?edition=en&category=no-such-category&page=2' })).statusCode).toBe(400)
  })

  const bad: Array<[string, string]> = [
    ['page=0', 'query.page'],
    ['page=-1', 'query.page'],
    ['page=abc', 'query.page'],
    ['page=1.5', 'query.page'],
    ['page=', 'query.page'],
    ['page=9999', 'query.page'], // past the last page
    ['page=501&limit=20', 'query.page'], // past the cap: 501 × 20 > 10000
    ['page=101&limit=100', 'query.page'],
    ['page=2&cursor=abc', 'query.page']
  ]
  test.each(bad)('%s is a 400 problem naming the parameter', async (query, name) => {
    const res = await app0(query)
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toContain('application/problem+json')
    const problem = res.json() as { errors: Array<{ name: string }>, detail: string }
    expect(problem.errors.map((e) => e.name)).toContain(name)
    expect(res.headers.link).toBeUndefined()
  })
  // test.each has no fixture injection through the tuple; the app comes from the file's harness
  let app0: (query: string) => Promise<{ statusCode: number, headers: Record<string, unknown>, json: () => unknown }>
  test.beforeAll(({ app }) => { app0 = async (query) => await app.inject({ method: 'GET', url: `/v1/articles?edition=en&${query}` }) })

  test('past the cap the problem says to continue with cursors, and the deepest page allowed is served', async ({ app }) => {
    const res = await app.inject({ method: 'GET', url: '/v1/articles?page=501&limit=20' })
    expect((res.json() as { detail: string }).detail).toMatch(/cursor/)
    // the cap is checked before the count: an allowed depth past the end is "past the last page" instead
    const deepest = await app.inject({ method: 'GET', url: '/v1/articles?page=500&limit=20' })
    expect(deepest.statusCode).toBe(400)
    expect((deepest.json() as { detail: string }).detail).toMatch(/past the last page/)
  })
})

describe('numbered pages over GraphQL', () => {
  const query = `query ($page: Int, $first: Int, $after: String, $last: Int, $before: String) {
    articles(filter: { edition: "en" }, first: $first, page: $page, after: $after, last: $last, before: $before) {
      totalCount page totalPages nodes { databaseId } pageInfo { hasNextPage hasPreviousPage endCursor }
    }
  }`

  test('page with first gives the same articles as REST, with page and totalPages', async ({ app }) => {
    const rest = (await app.inject({ method: 'GET', url: '/v1/articles?edition=en&limit=3&page=2&fields=id' })).json() as ListBody
    const got = await data(app, query, { page: 2, first: 3 })
    expect(got.articles.nodes.map((n: { databaseId: number }) => n.databaseId)).toEqual(rest.data.map((a) => a.id))
    expect(got.articles).toMatchObject({ totalCount: rest.meta.total, page: 2, totalPages: rest.meta.totalPages, pageInfo: { hasPreviousPage: true, hasNextPage: rest.meta.nextCursor !== null } })
  })

  test('cursor connections leave page null and still count pages', async ({ app }) => {
    const got = await data(app, query, { first: 4 })
    expect(got.articles.page).toBeNull()
    expect(got.articles.totalPages).toBe(Math.ceil(got.articles.totalCount / 4))
  })

  test('nested archive connections take page too', async ({ app }) => {
    const got = await data(app, '{ tags(edition: "en", first: 1) { nodes { articles(first: 1, page: 1) { page totalPages totalCount } } } }')
    const articles = got.tags.nodes[0].articles
    expect(articles).toMatchObject({ page: 1, totalPages: articles.totalCount })
  })

  const bad: Array<[string, Record<string, unknown>]> = [
    ['page 0', { page: 0 }],
    ['page -1', { page: -1 }],
    ['past the last page', { page: 9999, first: 1 }],
    ['past the cap', { page: 101, first: 100 }],
    ['page with after', { page: 2, after: 'abc' }],
    ['page with last', { page: 2, last: 2 }]
  ]
  test.each(bad)('%s is a BAD_USER_INPUT', async (_name, variables) => {
    const res = await gqlIn(variables)
    expect(codes(res)).toContain('BAD_USER_INPUT')
    expect((res.body.data as { articles?: unknown } | null | undefined)?.articles ?? null).toBeNull()
  })
  let gqlIn: (variables: Record<string, unknown>) => ReturnType<typeof gql>
  test.beforeAll(({ app }) => { gqlIn = async (variables) => await gql(app, query, variables) })
})
