import type Database from 'better-sqlite3'
import { describe, expect } from 'vitest'
import { test, type TestApp } from '../helpers/app.js'
import { TEST_NOW } from '../helpers/clock.js'
import { createDraft, edit, publish } from '../helpers/content.js'
import { data } from '../helpers/graphql.js'
import type { IssuedKey } from '../helpers/keys.js'

/*
 * articleCount on categories and tags: kept by triggers in each write's transaction, scheduled
 * articles counted from their publishedAt. Every expectation is also computed here by counting
 * the links in SQL, independently of the kept counts.
 */

let now = TEST_NOW.getTime()
let app: TestApp
let sql: Database.Database
let keys: Record<'admin' | 'editor' | 'author' | 'preview', IssuedKey>
test.override('appOptions', { clock: () => new Date(now) })
test.beforeAll(({ app: built, sql: readOnly, keys: issued }) => { app = built; sql = readOnly; keys = issued })

const counted = (table: 'article_categories' | 'article_tags', column: string, id: number) =>
  (sql.prepare(`select count(*) n from ${table} l join articles a on a.id = l.article_id where l.${column} = ? and a.visible_from <= ?`).get(id, now) as { n: number }).n
const expectedCategory = (id: number) => counted('article_categories', 'category_id', id)
const expectedTag = (id: number) => counted('article_tags', 'tag_id', id)

async function restCategory (id: number): Promise<number> {
  const res = await app.inject(`/v1/categories/${id}`)
  expect(res.statusCode).toBe(200)
  return res.json().data.articleCount as number
}
async function restTag (id: number): Promise<number> {
  const res = await app.inject(`/v1/tags/${id}`)
  expect(res.statusCode).toBe(200)
  return res.json().data.articleCount as number
}
const globalId = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString('base64url')
async function graphCounts (category: number, tag: number): Promise<[number, number]> {
  const got = await data(app, `query ($c: ID!, $t: ID!) { category(id: $c) { articleCount } node(id: $t) { ... on Tag { articleCount } } }`,
    { c: globalId('Category', category), t: globalId('Tag', tag) })
  return [got.category.articleCount, got.node.articleCount]
}

/** Both protocols agree with the links counted in SQL, for two categories and two tags. */
async function expectCounts (ids: { categories: number[], tags: number[] }, expected: { categories: number[], tags: number[] }) {
  for (const [i, id] of ids.categories.entries()) {
    expect(await restCategory(id)).toBe(expected.categories[i])
    expect(expectedCategory(id)).toBe(expected.categories[i])
  }
  for (const [i, id] of ids.tags.entries()) {
    expect(await restTag(id)).toBe(expected.tags[i])
    expect(expectedTag(id)).toBe(expected.tags[i])
  }
  expect(await graphCounts(ids.categories[0]!, ids.tags[0]!)).toEqual([expected.categories[0], expected.tags[0]])
}

describe('article counts per category and tag', () => {
  test('every category and tag of the demo counts its public articles, in lists and the tree too', async () => {
    const categories = (await app.inject('/v1/categories?limit=100')).json().data as Array<{ id: number, articleCount: number }>
    expect(categories.some((c) => c.articleCount > 0)).toBe(true)
    for (const c of categories) expect(c.articleCount).toBe(expectedCategory(c.id))
    const tags = (await app.inject('/v1/tags?limit=100')).json().data as Array<{ id: number, articleCount: number }>
    expect(tags.some((t) => t.articleCount > 0)).toBe(true)
    for (const t of tags) expect(t.articleCount).toBe(expectedTag(t.id))
    const tree = (await app.inject('/v1/categories/tree?edition=en')).json().data as Array<{ id: number, articleCount: number }>
    for (const c of tree) expect(c.articleCount).toBe(expectedCategory(c.id))
  })

  test('drafts do not count; publish, category move, tag change, unpublish, archive and delete keep the counts right', async () => {
    const [a, b] = (sql.prepare("select c.id from categories c join editions e on e.id = c.edition_id where e.code = 'en' order by c.id limit 2").all() as Array<{ id: number }>).map((r) => r.id) as [number, number]
    const [t, u] = (sql.prepare("select t.id from tags t join editions e on e.id = t.edition_id where e.code = 'en' order by t.id limit 2").all() as Array<{ id: number }>).map((r) => r.id) as [number, number]
    const ids = { categories: [a, b], tags: [t, u] }
    const base = { categories: [expectedCategory(a), expectedCategory(b)], tags: [expectedTag(t), expectedTag(u)] }
    const plus = (delta: { categories: number[], tags: number[] }) => ({
      categories: base.categories.map((n, i) => n + delta.categories[i]!), tags: base.tags.map((n, i) => n + delta.tags[i]!)
    })
    await expectCounts(ids, base)

    const id = await createDraft(app, keys.editor, 'articles', { categoryIds: [a], tagIds: [t] })
    await expectCounts(ids, base)

    await publish(app, keys.editor, id)
    await expectCounts(ids, plus({ categories: [1, 0], tags: [1, 0] }))

    await edit(app, keys.editor, id, { categoryIds: [b] })
    await expectCounts(ids, plus({ categories: [0, 1], tags: [1, 0] }))

    await edit(app, keys.editor, id, { categoryIds: [a, b], tagIds: [u] })
    await expectCounts(ids, plus({ categories: [1, 1], tags: [0, 1] }))

    const unpublish = await app.inject({ method: 'POST', url: `/v1/articles/${id}/unpublish`, headers: keys.editor.auth })
    expect(unpublish.statusCode).toBe(200)
    await expectCounts(ids, base)

    await publish(app, keys.editor, id)
    await expectCounts(ids, plus({ categories: [1, 1], tags: [0, 1] }))
    const archive = await app.inject({ method: 'POST', url: `/v1/articles/${id}/archive`, headers: keys.editor.auth })
    expect(archive.statusCode).toBe(200)
    await expectCounts(ids, base)

    await app.inject({ method: 'POST', url: `/v1/articles/${id}/unpublish`, headers: keys.editor.auth })
    await publish(app, keys.editor, id)
    await expectCounts(ids, plus({ categories: [1, 1], tags: [0, 1] }))
    const deleted = await app.inject({ method: 'DELETE', url: `/v1/articles/${id}`, headers: keys.editor.auth })
    expect(deleted.statusCode).toBe(204)
    await expectCounts(ids, base)
  })

  test('a scheduled article counts from its publishedAt on, with no job', async () => {
    const [c] = (sql.prepare("select c.id from categories c join editions e on e.id = c.edition_id where e.code = 'en' order by c.id limit 1").all() as Array<{ id: number }>).map((r) => r.id) as [number]
    const [t] = (sql.prepare("select t.id from tags t join editions e on e.id = t.edition_id where e.code = 'en' order by t.id limit 1").all() as Array<{ id: number }>).map((r) => r.id) as [number]
    const before = { categories: [expectedCategory(c)], tags: [expectedTag(t)] }
    const id = await createDraft(app, keys.editor, 'articles', { categoryIds: [c], tagIds: [t] })
    const at = now + 3_600_000
    await publish(app, keys.editor, id, 'articles', { publishedAt: new Date(at).toISOString() })
    await expectCounts({ categories: [c], tags: [t] }, before)
    now = at
    await expectCounts({ categories: [c], tags: [t] }, { categories: [before.categories[0]! + 1], tags: [before.tags[0]! + 1] })
  })

  test('reading the counts reads no archive: kept rows, and the not-yet-due articles through the visible_from index', ({ sql }) => {
    const plan = (sql.prepare(`explain query plan select l.tag_id as id, count(*) as n from articles a indexed by articles_visible_idx
      cross join article_tags l on l.article_id = a.id where a.visible_from > ? and l.tag_id in (select value from json_each(?)) group by l.tag_id`)
      .all(now, '[1]') as Array<{ detail: string }>).map((r) => r.detail).join('\n')
    expect(plan.split('\n')[0]).toMatch(/SEARCH a USING (COVERING )?INDEX articles_visible_idx \(visible_from>\?\)/)
    expect(plan).toMatch(/SEARCH l USING (COVERING INDEX|PRIMARY KEY|INDEX)/)
    expect(plan).not.toMatch(/SCAN (a|l)\b/)
  })
})
