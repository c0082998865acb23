import { describe, expect, it } from 'vitest'
import { test, type TestApp } from '../helpers/app.js'
import { codes, data, gql } from '../helpers/graphql.js'
import { search } from '../helpers/search.js'

let app: TestApp
test.beforeAll(({ app: built }) => { app = built })

const SEARCH = `query($q: String!, $filter: SearchFilter, $order: SearchOrder, $first: Int, $after: String, $last: Int, $before: String) {
  search(query: $q, filter: $filter, orderBy: $order, first: $first, after: $after, last: $last, before: $before) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor highlight { title snippet } node { __typename ... on Article { databaseId title url } ... on Page { databaseId title } } }
    nodes { ... on Article { databaseId } ... on Page { databaseId } }
  }
}`

interface Edge { cursor: string, highlight: { title: string, snippet: string }, node: { databaseId: number, title: string, url?: string } }

describe('GraphQL search and REST search agree', () => {
  it.each([
    ['bread prices', {}, 'RELEVANCE', 'relevance'],
    ['أسعار الخبز', { edition: 'ar' }, 'RELEVANCE', 'relevance'],
    ['قیمت نان', { edition: 'fa', category: 'اقتصاد' }, 'PUBLISHED_AT_DESC', '-publishedAt'],
    ['cmimit bukes', { edition: 'sq' }, 'RELEVANCE', 'relevance'],
    ['the', { edition: 'en', publishedAfter: '2026-01-01T00:00:00Z' }, 'PUBLISHED_AT_DESC', '-publishedAt']
  ] as const)('%s %j', async (q, filter, order, sort) => {
    const rest: Array<{ id: number, highlight: unknown, url?: string, type?: string }> = []
    let total = 0
    let cursor: string | null = null
    do {
      const body: Awaited<ReturnType<typeof search>> = await search(app, q, { ...filter, sort, limit: '7', ...(cursor !== null ? { cursor } : {}) })
      rest.push(...body.data)
      total = body.meta.total
      cursor = body.meta.nextCursor
    } while (cursor !== null)

    const graph: Edge[] = []
    let after: string | null = null
    let count = -1
    for (;;) {
      const page: { edges: Edge[], nodes: Array<{ databaseId: number }>, totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null } } = (await data(app, SEARCH, { q, filter, order, first: 7, after })).search
      graph.push(...page.edges)
      count = page.totalCount
      expect(page.nodes.map((n) => n.databaseId)).toEqual(page.edges.map((e) => e.node.databaseId))
      if (!page.pageInfo.hasNextPage) break
      after = page.pageInfo.endCursor
    }
    expect(rest.length).toBeGreaterThan(0)
    expect(count).toBe(total)
    expect(graph.map((e) => e.node.databaseId)).toEqual(rest.map((hit) => hit.id))
    expect(graph.map((e) => e.highlight)).toEqual(rest.map((hit) => hit.highlight))
    // GraphQL's Page has no url field; REST gives pages the page URL template's
    expect(graph.map((e) => e.node.url ?? null)).toEqual(rest.map((hit) => hit.type === 'page' ? null : hit.url))

    // backward from the end through `last`/`before`, with edge cursors used as `before`
    if (graph.length > 7) {
      const tail = graph[graph.length - 3]!
      const back = (await data(app, SEARCH, { q, filter, order, last: 4, before: tail.cursor })).search
      expect(back.edges.map((e: Edge) => e.node.databaseId)).toEqual(graph.slice(-7, -3).map((e) => e.node.databaseId))
      expect(back.pageInfo.hasNextPage).toBe(true)
    }
  })

  it('suggestions agree', async () => {
    for (const [q, edition] of [['rising b', 'en'], ['الخ', 'ar'], ['ç', 'sq']] as const) {
      const rest = (await app.inject({ url: '/v1/search/suggest', query: { q, edition, limit: '8' } })).json().data
      const graph = (await data(app, 'query($q: String!, $e: String) { searchSuggestions(query: $q, edition: $e, first: 8) { title highlight article { databaseId url } } }', { q, e: edition })).searchSuggestions
      expect(graph.map((s: { article: { databaseId: number } }) => s.article.databaseId)).toEqual(rest.map((s: { id: number }) => s.id))
      expect(graph.map((s: { highlight: string }) => s.highlight)).toEqual(rest.map((s: { highlight: string }) => s.highlight))
      expect(graph.map((s: { title: string }) => s.title)).toEqual(rest.map((s: { title: string }) => s.title))
    }
  })

  it('a REST cursor works as a GraphQL `after`, and the other way round', async () => {
    const first = await search(app, 'the', { limit: '5' })
    const restNext = await search(app, 'the', { limit: '5', cursor: first.meta.nextCursor! })
    const graphNext = (await data(app, SEARCH, { q: 'the', first: 5, after: first.meta.nextCursor })).search
    expect(graphNext.edges.map((e: Edge) => e.node.databaseId)).toEqual(restNext.data.map((hit) => hit.id))
    const again = await search(app, 'the', { limit: '5', cursor: graphNext.pageInfo.endCursor })
    const restThird = await search(app, 'the', { limit: '5', cursor: restNext.meta.nextCursor! })
    expect(again.data.map((hit) => hit.id)).toEqual(restThird.data.map((hit) => hit.id))
  })
})

describe('bad input is a GraphQL error with a code, never a failure', () => {
  it.each([
    ['page size above 100', '{ search(query: "the", first: 101) { totalCount } }', 'BAD_USER_INPUT'],
    ['last without before', '{ search(query: "the", last: 5) { totalCount } }', 'BAD_USER_INPUT'],
    ['unknown edition', '{ search(query: "the", filter: { edition: "zz" }) { totalCount } }', 'BAD_USER_INPUT'],
    ['malformed cursor', '{ search(query: "the", after: "nope") { totalCount } }', 'BAD_USER_INPUT'],
    ['suggestions above 10', '{ searchSuggestions(query: "the", first: 11) { title } }', 'BAD_USER_INPUT'],
    ['suggestions zero', '{ searchSuggestions(query: "the", first: 0) { title } }', 'BAD_USER_INPUT'],
    ['missing query', '{ search { totalCount } }', 'GRAPHQL_VALIDATION_FAILED'],
    ['unknown order', '{ search(query: "the", orderBy: RANK) { totalCount } }', 'GRAPHQL_VALIDATION_FAILED']
  ])('%s', async (_description, query, code) => {
    const res = await gql(app, query)
    expect(codes(res)).toEqual([code])
  })

  it('refuses a cursor of an article list', async () => {
    const cursor = (await data(app, '{ articles(first: 2) { pageInfo { endCursor } } }')).articles.pageInfo.endCursor
    const res = await gql(app, 'query($c: String) { search(query: "the", after: $c) { totalCount } }', { c: cursor })
    expect(codes(res)).toEqual(['BAD_USER_INPUT'])
  })
})
