import { describe, expect } from 'vitest'
import { neighbourSql } from '../../../src/modules/articles/neighbours.js'
import { test } from '../../helpers/app.js'
import { TEST_NOW } from '../../helpers/clock.js'
import { createDraft, publish } from '../../helpers/content.js'
import { codes, data, gql } from '../../helpers/graphql.js'

/* previous/next and related on single articles (REST include=adjacent,related; GraphQL fields), from indexed seeks. */

interface Card { id: number, edition: string, slug: string, title: string, url: string, publishedAt: string, featuredMedia: unknown }
const now = TEST_NOW.getTime()
const globalId = (id: number) => Buffer.from(`Article:${id}`).toString('base64url')

describe('previous and next', () => {
  test('follow the edition list: previous is the older neighbour, next the newer; null at the ends', async ({ app, sql }) => {
    const ids = (sql.prepare(`select a.id from articles a join editions e on e.id = a.edition_id where e.code = 'en' and a.visible_from <= ?
      order by a.visible_from desc, a.id desc`).pluck().all(now) as number[])
    expect(ids.length).toBeGreaterThan(3)
    for (const index of [0, 1, Math.floor(ids.length / 2), ids.length - 1]) {
      const res = await app.inject(`/v1/articles/${ids[index]!}?include=adjacent`)
      expect(res.statusCode).toBe(200)
      const article = res.json().data as { previous: Card | null, next: Card | null, authors: unknown[] }
      expect(article.previous?.id ?? null).toBe(ids[index + 1] ?? null)
      expect(article.next?.id ?? null).toBe(index === 0 ? null : ids[index - 1])
      // naming a neighbour embeds only what is named: relations come as ids
      expect(article.authors.every((a) => typeof a === 'number')).toBe(true)
    }
    const card = (await app.inject(`/v1/articles/${ids[1]!}?include=adjacent`)).json().data.next as Card
    expect(Object.keys(card).sort()).toEqual(['edition', 'featuredMedia', 'id', 'publishedAt', 'slug', 'title', 'url'])
    expect(card.url).toBe(`https://example.org/en/${card.slug}`)
  })

  test('sameCategory keeps to the primary category, by slug too', async ({ app, sql }) => {
    const row = sql.prepare(`select ac.category_id c, count(*) n from article_categories ac join articles a on a.id = ac.article_id
      where ac.is_primary = 1 and a.visible_from <= ? group by ac.category_id order by n desc limit 1`).get(now) as { c: number, n: number }
    expect(row.n).toBeGreaterThan(2)
    const ids = sql.prepare(`select a.id from articles a join article_categories ac on ac.article_id = a.id and ac.is_primary = 1
      where ac.category_id = ? and a.visible_from <= ? order by a.visible_from desc, a.id desc`).pluck().all(row.c, now) as number[]
    const middle = ids[1]!
    const slug = (sql.prepare('select slug from articles where id = ?').pluck().get(middle) as string)
    const edition = (sql.prepare('select e.code from articles a join editions e on e.id = a.edition_id where a.id = ?').pluck().get(middle) as string)
    const res = await app.inject(`/v1/editions/${edition}/articles/${encodeURIComponent(slug)}?include=adjacent&sameCategory=true`)
    expect(res.statusCode).toBe(200)
    expect(res.json().data.previous?.id ?? null).toBe(ids[2] ?? null)
    expect(res.json().data.next?.id).toBe(ids[0])
  })

  test('GraphQL serves the same neighbours', async ({ app, sql }) => {
    const id = sql.prepare(`select a.id from articles a join editions e on e.id = a.edition_id where e.code = 'ar' and a.visible_from <= ?
      order by a.visible_from desc, a.id desc limit 1 offset 2`).pluck().get(now) as number
    const rest = (await app.inject(`/v1/articles/${id}?include=adjacent,related&sameCategory=true`)).json().data
    const restEdition = (await app.inject(`/v1/articles/${id}?include=adjacent`)).json().data
    const got = await data(app, `query ($id: ID!) { article(id: $id) {
      previous { databaseId url direction } next { databaseId } same: previous(sameCategory: true) { databaseId } sameNext: next(sameCategory: true) { databaseId }
      related { databaseId } } }`, { id: globalId(id) })
    expect(got.article.previous?.databaseId ?? null).toBe(restEdition.previous?.id ?? null)
    expect(got.article.previous?.direction ?? 'RTL').toBe('RTL')
    expect(got.article.next?.databaseId ?? null).toBe(restEdition.next?.id ?? null)
    expect(got.article.same?.databaseId ?? null).toBe(rest.previous?.id ?? null)
    expect(got.article.sameNext?.databaseId ?? null).toBe(rest.next?.id ?? null)
    expect(got.article.related.map((r: { databaseId: number }) => r.databaseId)).toEqual(rest.related.map((r: Card) => r.id))
  })

  test('a newly published article becomes the next of the one before it, through the response cache', async ({ app, keys, sql }) => {
    const newest = sql.prepare(`select a.id from articles a join editions e on e.id = a.edition_id where e.code = 'en' and a.visible_from <= ?
      order by a.visible_from desc, a.id desc limit 1`).pluck().get(now) as number
    const url = `/v1/articles/${newest}?include=adjacent`
    expect((await app.inject(url)).json().data.next).toBeNull()
    expect((await app.inject(url)).headers['x-cache']).toBe('HIT')
    const id = await createDraft(app, keys.editor)
    await publish(app, keys.editor, id)
    expect((await app.inject(url)).json().data.next?.id).toBe(id)
  })
})

describe('related', () => {
  test('shares the most categories and tags first, then the newest; public, same edition, never itself', async ({ app, sql }) => {
    const id = sql.prepare(`select a.id from articles a join article_tags t on t.article_id = a.id where a.visible_from <= ?
      group by a.id order by count(*) desc, a.id limit 1`).pluck().get(now) as number
    const overlap = sql.prepare(`select o.id, count(*) n, o.visible_from at from (
        select ac.article_id id from article_categories ac where ac.category_id in (select category_id from article_categories where article_id = :id)
        union all select t.article_id from article_tags t where t.tag_id in (select tag_id from article_tags where article_id = :id)
      ) x join articles o on o.id = x.id
      where o.id <> :id and o.edition_id = (select edition_id from articles where id = :id) and o.visible_from <= :now
      group by o.id order by n desc, at desc, o.id desc limit 5`).all({ id, now }) as Array<{ id: number }>
    expect(overlap.length).toBeGreaterThan(0)
    const related = (await app.inject(`/v1/articles/${id}?include=related`)).json().data.related as Card[]
    expect(related.length).toBeLessThanOrEqual(5)
    expect(related.slice(0, overlap.length).map((r) => r.id)).toEqual(overlap.map((r) => r.id))
    const edition = sql.prepare('select e.code from articles a join editions e on e.id = a.edition_id where a.id = ?').pluck().get(id)
    for (const r of related) {
      expect(r.id).not.toBe(id)
      expect(r.edition).toBe(edition)
    }
    expect(new Set(related.map((r) => r.id)).size).toBe(related.length)
  })

  test('an article sharing nothing is filled up with articles of similar words', async ({ app, keys, sql }) => {
    const title = sql.prepare(`select title from articles a join editions e on e.id = a.edition_id where e.code = 'en' and a.visible_from <= ? order by a.id limit 1`).pluck().get(now) as string
    const id = await createDraft(app, keys.editor, 'articles', { title: `${title} revisited` })
    await publish(app, keys.editor, id)
    const related = (await app.inject(`/v1/articles/${id}?include=related`)).json().data.related as Card[]
    expect(related.length).toBeGreaterThan(0)
    expect(related.map((r) => r.title)).toContain(title)
    expect(related.map((r) => r.id)).not.toContain(id)
  })
})

describe('bad input', () => {
  test.each([
    ['include=neighbours'],
    ['sameCategory=maybe'],
    ['include=adjacent&page=2']
  ])('%s is a 400 problem', async (query) => {
    const res = await badApp(`/v1/articles/1?${query}`)
    expect(res.statusCode).toBe(400)
    expect(String(res.headers['content-type'])).toContain('application/problem+json')
  })
  let badApp: (url: string) => Promise<{ statusCode: number, headers: Record<string, unknown> }>
  test.beforeAll(({ app }) => { badApp = async (url) => await app.inject(url) })

  test('related(first:) outside 1..20 is a BAD_USER_INPUT', async ({ app }) => {
    for (const first of [0, 21, -1]) {
      expect(codes(await gql(app, `{ article(id: "${globalId(1)}") { related(first: ${first}) { databaseId } } }`))).toContain('BAD_USER_INPUT')
    }
  })
})

describe('cost at any archive size', () => {
  test('every statement is an index seek, none scans a table', ({ sql }) => {
    for (const [name, text] of Object.entries(neighbourSql)) {
      const plan = (sql.prepare(`explain query plan ${text}`).all({
        editionId: 1, now, at: now, id: 1, categoryId: 1, termId: 1, ids: '[1,2]'
      } as Record<string, unknown>) as Array<{ detail: string }>).map((r) => r.detail)
      for (const step of plan) expect(step, `${name}: ${plan.join(' / ')}`).not.toMatch(/^SCAN (articles|article_categories|article_tags|primary_category_timeline)\b/)
      expect(plan.join('\n'), name).toMatch(/SEARCH/)
      expect(plan.join('\n'), name).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/)
      // a range over an edition's or a category's dates would grow with the archive
      if (name === 'visibleCandidates') expect(plan.join('\n'), name).toMatch(/SEARCH articles USING INTEGER PRIMARY KEY/)
    }
  })
})
