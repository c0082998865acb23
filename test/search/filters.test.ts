import type Database from 'better-sqlite3'
import { beforeAll, describe, expect, it } from 'vitest'
import { test, type TestApp } from '../helpers/app.js'
import { TEST_NOW } from '../helpers/clock.js'
import { search } from '../helpers/search.js'

let app: TestApp
let sql: Database.Database
const now = TEST_NOW.getTime()

test.beforeAll(({ app: built, sql: readOnly }) => { app = built; sql = readOnly })

/** Every hit of a search, all pages. */
async function allIds (q: string, params: Record<string, string>): Promise<{ ids: number[], total: number }> {
  const ids: number[] = []
  let cursor: string | null = null
  let total = 0
  do {
    const body = await search(app, q, { ...params, limit: '100', ...(cursor !== null ? { cursor } : {}) })
    ids.push(...body.data.map((hit) => hit.id))
    total = body.meta.total
    cursor = body.meta.nextCursor
  } while (cursor !== null)
  expect(ids).toHaveLength(total)
  return { ids, total }
}

interface Filter { edition?: string, category?: string, author?: string, tag?: string, publishedAfter?: string, publishedBefore?: string }

/** The articles a filter admits, computed in SQL from the tables (categories with their descendants). */
function admitted (filter: Filter): Set<number> {
  const rows = sql.prepare(`
    with recursive tree(id) as (
      select c.id from categories c join editions e on e.id = c.edition_id where c.slug = @category and (@edition is null or e.code = @edition)
      union select c.id from categories c join tree on c.parent_id = tree.id
    )
    select a.id from articles a join editions e on e.id = a.edition_id
    where a.status in ('published', 'scheduled') and a.published_at <= @now
      and (@edition is null or e.code = @edition)
      and (@category is null or exists (select 1 from article_categories ac where ac.article_id = a.id and ac.category_id in (select id from tree)))
      and (@author is null or exists (select 1 from article_authors aa join authors au on au.id = aa.author_id where aa.article_id = a.id and au.slug = @author))
      and (@tag is null or exists (select 1 from article_tags at join tags t on t.id = at.tag_id where at.article_id = a.id and t.slug = @tag))
      and (@after is null or a.published_at >= @after)
      and (@before is null or a.published_at < @before)`).pluck().all({
    now,
    edition: filter.edition ?? null,
    category: filter.category ?? null,
    author: filter.author ?? null,
    tag: filter.tag ?? null,
    after: filter.publishedAfter !== undefined ? Date.parse(filter.publishedAfter) : null,
    before: filter.publishedBefore !== undefined ? Date.parse(filter.publishedBefore) : null
  }) as number[]
  return new Set(rows)
}

describe('filters combine with search', () => {
  // "the" is in almost every English article; "في" in almost every Arabic one
  const cases: Array<[string, string, Filter]> = []
  const median = (edition: string) => new Date(sql.prepare(`select published_at from articles a join editions e on e.id = a.edition_id
    where e.code = ? and a.status = 'published' order by published_at limit 1 offset (select count(*) / 2 from articles a join editions e on e.id = a.edition_id where e.code = ? and a.status = 'published')`).pluck().get(edition, edition) as number).toISOString()
  const common = (edition: string, table: 'authors' | 'tags', link: 'article_authors' | 'article_tags', column: 'author_id' | 'tag_id') =>
    sql.prepare(`select x.slug from ${table} x join ${link} l on l.${column} = x.id join articles a on a.id = l.article_id join editions e on e.id = a.edition_id
      join article_categories ac on ac.article_id = a.id join categories c on c.id = ac.category_id
      where e.code = ? and c.parent_id is not null group by x.slug order by count(*) desc, x.slug limit 1`).pluck().get(edition) as string
  const parentCategory = (edition: string) => sql.prepare(`select p.slug from categories p join categories c on c.parent_id = p.id join editions e on e.id = p.edition_id
    where e.code = ? group by p.id order by count(*) desc, p.id limit 1`).pluck().get(edition) as string

  beforeAll(() => {
    for (const [edition, q] of [['en', 'the'], ['ar', 'في']] as const) {
      const category = parentCategory(edition)
      const author = common(edition, 'authors', 'article_authors', 'author_id')
      const tag = common(edition, 'tags', 'article_tags', 'tag_id')
      const publishedAfter = median(edition)
      cases.push(
        [`${edition}: edition`, q, { edition }],
        [`${edition}: edition + parent category (descendants included)`, q, { edition, category }],
        [`${edition}: edition + author`, q, { edition, author }],
        [`${edition}: edition + tag`, q, { edition, tag }],
        [`${edition}: edition + date range`, q, { edition, publishedAfter, publishedBefore: TEST_NOW.toISOString() }],
        [`${edition}: category + author + tag + date`, q, { edition, category, author, tag, publishedAfter }],
        [`${edition}: no edition, category slug of any edition`, q, { category }]
      )
    }
  })

  it('each combination returns exactly the unfiltered hits the filter admits, in the same order', async () => {
    expect(cases.length).toBeGreaterThan(0)
    for (const [label, q, filter] of cases) {
      // articles only: the filters are the article list's (pages have ids of their own)
      const everything = await allIds(q, { type: 'articles' })
      const allowed = admitted(filter)
      const expected = everything.ids.filter((id) => allowed.has(id))
      const got = await allIds(q, { ...filter, type: 'articles' } as Record<string, string>)
      expect(got.ids, label).toEqual(expected)
      expect(got.total, label).toBe(expected.length)
      if (!label.includes('+ author + tag')) expect(expected.length, `${label} should not be empty`).toBeGreaterThan(0)
    }
  })

  it('an unknown category, tag or author finds nothing; an unknown edition is a 400', async () => {
    for (const name of ['category', 'tag', 'author']) {
      const body = await search(app, 'the', { [name]: 'no-such-slug' })
      expect(body.meta.total).toBe(0)
    }
    expect((await app.inject('/v1/search?q=the&edition=zz')).statusCode).toBe(400)
  })
})
