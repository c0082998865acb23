import { describe, expect } from 'vitest'
import { parseInstant } from '../../../src/time.js'
import { test, type TestApp } from '../../helpers/app.js'
import { gql } from '../../helpers/graphql.js'

// The article list, search and GraphQL resolve their filters through one resolver
// (modules/articles/filters.ts) and read dates by one rule (time.ts parseInstant).
const accepted = [
  '2026-05-01T00:00:00Z',
  '2026-05-01t00:00:00z',
  '2026-05-01T02:00:00+02:00',
  '2026-04-30T20:00:00-04:00',
  '2026-05-01T00:00:00.000000001Z',
  // a leap second is the first instant of the next minute
  '2026-04-30T23:59:60Z'
]
const refused = [
  '2026-02-30T00:00:00Z', // no such day
  '2026-05-01T24:00:00Z', // no hour 24
  '2026-05-01T00:00:00', // no zone
  '2026-05-01 00:00:00Z', // a space for the T
  '2026-05-01T00:00:00+02', // an offset without minutes
  '2026-05-01T00:00:00+0200', // an offset without its colon
  '2026-05-01',
  'yesterday',
  '1777593600000'
]

async function articleIds (app: TestApp, date: string): Promise<{ status: number, ids: number[] }> {
  const res = await app.inject(`/v1/articles?edition=en&limit=100&fields=id&publishedAfter=${encodeURIComponent(date)}`)
  return { status: res.statusCode, ids: res.statusCode === 200 ? (res.json().data as Array<{ id: number }>).map((a) => a.id) : [] }
}

async function searchIds (app: TestApp, date: string): Promise<{ status: number, ids: number[] }> {
  const res = await app.inject(`/v1/search?q=the&edition=en&limit=100&sort=-publishedAt&publishedAfter=${encodeURIComponent(date)}`)
  return { status: res.statusCode, ids: res.statusCode === 200 ? (res.json().data as Array<{ id: number }>).map((a) => a.id) : [] }
}

describe('one filter rule for the article list, search and GraphQL', () => {
  test.for(accepted)('accepts %s everywhere, as the same instant', async (date, { app }) => {
    const instant = parseInstant(date)
    expect(instant).not.toBeNull()
    const list = await articleIds(app, date)
    const found = await searchIds(app, date)
    expect(list.status).toBe(200)
    expect(found.status).toBe(200)
    const canonical = new Date(instant!).toISOString()
    expect((await articleIds(app, canonical)).ids).toEqual(list.ids)
    // search admits what the list admits: every hit is in the list
    for (const id of found.ids) expect(list.ids).toContain(id)
    const graph = await gql(app, 'query ($after: DateTime) { articles(filter: { edition: "en", publishedAfter: $after }, first: 100) { nodes { databaseId } } }', { after: date })
    expect(graph.body.errors).toBeUndefined()
    expect(graph.body.data.articles.nodes.map((n: { databaseId: number }) => n.databaseId)).toEqual(list.ids)
  })

  test.for(refused)('refuses %s everywhere with a problem naming the parameter', async (date, { app }) => {
    expect(parseInstant(date)).toBeNull()
    for (const path of ['/v1/articles?edition=en', '/v1/search?q=the']) {
      for (const name of ['publishedAfter', 'publishedBefore']) {
        const res = await app.inject(`${path}&${name}=${encodeURIComponent(date)}`)
        expect(res.statusCode, `${path} ${name}=${date}: ${res.body}`).toBe(400)
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
        expect(JSON.stringify(res.json().errors ?? [])).toContain(name)
      }
    }
    const graph = await gql(app, 'query ($after: DateTime) { articles(filter: { publishedAfter: $after }) { totalCount } }', { after: date })
    expect(graph.body.data).toBeUndefined()
    expect(graph.body.errors?.length).toBeGreaterThan(0)
  })

  test('an unknown category, tag or author is an empty result in both, not an error', async ({ app }) => {
    for (const filter of ['category=no-such-category', 'tag=no-such-tag', 'author=no-such-author']) {
      const list = await app.inject(`/v1/articles?${filter}`)
      const found = await app.inject(`/v1/search?q=the&${filter}`)
      expect([list.statusCode, found.statusCode], filter).toEqual([200, 200])
      expect([list.json().meta.total, found.json().meta.total], filter).toEqual([0, 0])
    }
  })
})
