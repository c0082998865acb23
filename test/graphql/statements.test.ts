import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../helpers/app.js'
import { issueKey } from '../helpers/keys.js'
import { gql } from '../helpers/graphql.js'

// Every relation the issue names (authors, categories, tags, featuredMedia, translations,
// edition, parent), plus body and the excerpt fallback, one and two levels down.
const everything = `query Everything($first: Int!) {
  articles(first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      cursor
      node {
        id databaseId title slug excerpt url publishedAt direction
        body(format: TEXT)
        edition { code direction }
        seo { title } source { name }
        authors { id name avatar { url srcset renditions { url } } }
        primaryCategory { name parent { name } }
        categories { name edition { code } parent { name edition { code } } }
        tags { name edition { code } }
        featuredMedia { url srcset renditions { name width } }
        translations { id title edition { code direction } }
      }
    }
  }
}`

let app: TestApp
const statements: string[] = []

beforeAll(async () => {
  // counts the statements of executions: a replayed response (POST queries are cached too) issues none
  app = await buildTestApp({ onQuery: (sql) => statements.push(sql), config: { responseCacheBytes: 0 } })
})
afterAll(async () => { await app.close() })

async function countFor (first: number): Promise<{ count: number, articles: number }> {
  statements.length = 0
  const res = await gql(app, everything, { first })
  expect(res.body.errors).toBeUndefined()
  return { count: statements.length, articles: res.body.data.articles.edges.length }
}

describe('SQL statements per query', () => {
  it('counts statements issued through drizzle, prepared ones included', async () => {
    statements.length = 0
    await gql(app, '{ article(edition: "en", slug: "talks-on-a-new-electoral-law-in-the-capital") { title } }')
    expect(statements.length).toBeGreaterThan(0)
    expect(statements.some((s) => s.includes('from "articles"'))).toBe(true)
  })

  it('is small and bounded, whatever the page size (10, 50, 100 articles with all their relations)', async () => {
    await countFor(10) // warms what is cached per app (the editions list, list counts per content version)
    const ten = await countFor(10)
    const fifty = await countFor(50)
    const hundred = await countFor(100)
    expect([ten.articles, fifty.articles, hundred.articles]).toEqual([10, 50, 100])
    // list, bodies, author links, authors, avatars, authors' per-edition texts, category links,
    // categories, parents, tag links, tags, featured media, translation links, translated articles:
    // at most one each, whatever the page size (reference rows read since the last write come from
    // memory, db/commit-memo.ts, so a larger page may read a few the smaller one did not)
    expect(ten.count).toBeLessThanOrEqual(14)
    expect(fifty.count).toBeLessThanOrEqual(14)
    expect(hundred.count).toBeLessThanOrEqual(14)
  })

  it('runs one statement per relation per level, not per item', async () => {
    statements.length = 0
    const res = await gql(app, '{ articles(first: 50) { nodes { authors { name } } } }')
    expect(res.body.errors).toBeUndefined()
    const authorReads = statements.filter((s) => s.includes('from "authors"'))
    expect(authorReads).toHaveLength(1)
    expect(statements.filter((s) => s.includes('from "article_authors"'))).toHaveLength(1)
  })

  it('reads the version of the tags and categories of a list of articles in one statement each, not one per item', async () => {
    // versions are for API keys (the public gets null without a statement); embedded tags and categories do not carry one
    const key = issueKey(app, 'preview')
    statements.length = 0
    const res = await gql(app, '{ articles(first: 20) { nodes { tags { databaseId version } categories { databaseId version } } } }', undefined, key.auth)
    expect(res.body.errors).toBeUndefined()
    const versionReads = statements.filter((s) => /select "id", "version" from/.test(s))
    expect(versionReads).toHaveLength(2)
    const tags = (res.body.data.articles.nodes as Array<{ tags: Array<{ databaseId: number, version: number }> }>).flatMap((a) => a.tags)
    expect(tags.length).toBeGreaterThan(1)
    expect(tags.every((t) => t.version === 1)).toBe(true)

    statements.length = 0
    const anonymous = await gql(app, '{ articles(first: 20) { nodes { tags { version } categories { version } } } }')
    expect(anonymous.body.data.articles.nodes.flatMap((a: { tags: Array<{ version: unknown }> }) => a.tags.map((t) => t.version)).every((v: unknown) => v === null)).toBe(true)
    expect(statements.filter((s) => /select "id", "version" from/.test(s))).toHaveLength(0)
  })
})
