import { describe, expect, it } from 'vitest'
import type Database from 'better-sqlite3'
import { test, type TestApp } from '../../helpers/app.js'
import { TEST_NOW } from '../../helpers/clock.js'

interface Hidden { id: number, slug: string, code: string, status: string, translation_group: number | null }

let app: TestApp
let hidden: Hidden[]
let sql: Database.Database

test.beforeAll(({ app: built, sql: readOnly }) => {
  app = built
  sql = readOnly
  hidden = sql.prepare(`select a.id, a.slug, e.code, a.status, a.translation_group from articles a join editions e on e.id = a.edition_id
    where a.status <> 'published' or a.published_at > ?`).all(TEST_NOW.getTime()) as Hidden[]
})

describe('drafts, scheduled and archived articles are invisible to the public', () => {
  it('the demo data has hidden articles of every kind', () => {
    expect(new Set(hidden.map((h) => h.status))).toEqual(new Set(['draft', 'scheduled', 'archived']))
  })

  it('never appear by id, by slug or in a slug lookup', async () => {
    for (const h of hidden) {
      expect((await app.inject(`/v1/articles/${h.id}`)).statusCode).toBe(404)
      expect((await app.inject(`/v1/editions/${h.code}/articles/${encodeURIComponent(h.slug)}`)).statusCode).toBe(404)
      const lookup = (await app.inject(`/v1/articles?edition=${h.code}&slug=${encodeURIComponent(h.slug)}`)).json()
      expect(lookup.meta.total).toBe(0)
    }
  })

  it('never appear in any list, sort, count or embed', async () => {
    const hiddenIds = new Set(hidden.map((h) => h.id))
    for (const sort of ['-publishedAt', 'publishedAt', '-updatedAt', 'title']) {
      let url: string | null = `/v1/articles?limit=100&sort=${sort}&include=translations`
      while (url !== null) {
        const body: { data: Array<{ id: number, translations: Array<{ id: number }> }>, links: { next: string | null } } = (await app.inject(url)).json()
        for (const article of body.data) {
          expect(hiddenIds.has(article.id)).toBe(false)
          for (const t of article.translations) expect(hiddenIds.has(t.id)).toBe(false)
        }
        url = body.links.next === null ? null : body.links.next.replace('http://quire.test', '')
      }
    }
  })

  it('a scheduled article becomes visible at its publishedAt instant, not before', async () => {
    const scheduled = sql.prepare(`select a.id, a.published_at from articles a where a.status = 'scheduled' order by a.published_at limit 1`).get() as { id: number, published_at: number }
    const { buildApp } = await import('../../../src/app.js')
    const { testConfig } = await import('../../helpers/app.js')
    const atInstant = (ms: number) => buildApp({ config: testConfig({ databasePath: app.databasePath }), clock: () => new Date(ms) })

    // no job flips the status: the scheduled article is due exactly at its publishedAt
    const early = await atInstant(scheduled.published_at - 1)
    expect((await early.inject(`/v1/articles/${scheduled.id}`)).statusCode).toBe(404)
    const earlyTotal = (await early.inject('/v1/articles?limit=1')).json().meta.total as number
    await early.close()
    const onTime = await atInstant(scheduled.published_at)
    expect((await onTime.inject(`/v1/articles/${scheduled.id}`)).statusCode).toBe(200)
    const list = (await onTime.inject('/v1/articles?sort=-publishedAt&limit=1')).json()
    expect(list.data[0].id).toBe(scheduled.id)
    expect(list.meta.total).toBe(earlyTotal + 1)
    await onTime.close()
  })
})
