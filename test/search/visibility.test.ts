import type Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import { createDraft, publish } from '../helpers/content.js'
import type { IssuedKey } from '../helpers/keys.js'
import { gql } from '../helpers/graphql.js'
import { test, testConfig, type TestApp } from '../helpers/app.js'
import { TEST_NOW } from '../helpers/clock.js'
import { insertArticle, openForeignWriter, search } from '../helpers/search.js'

let app: TestApp
let sql: Database.Database
let keys: Record<'admin' | 'editor' | 'author' | 'preview', IssuedKey>
const now = TEST_NOW.getTime()

test.beforeAll(({ app: built, sql: readOnly, keys: issued }) => { app = built; sql = readOnly; keys = issued })

/** The same database as `app`, served at another instant. */
async function appAt (at: number): Promise<TestApp> {
  const other = await buildApp({ config: testConfig({ databasePath: app.databasePath }), clock: () => new Date(at) })
  return Object.assign(other, { databasePath: app.databasePath })
}

const phrase = (title: string) => `"${title}"`
async function found (target: TestApp, id: number, q: string): Promise<boolean> {
  const body = await search(target, q, { limit: '100' })
  // the total counts what the page shows: nothing invisible is counted either
  if (body.meta.nextCursor === null) expect(body.meta.total).toBe(body.data.length)
  return body.data.some((hit) => hit.id === id)
}
const suggested = async (target: TestApp, id: number, q: string) =>
  (await target.inject({ url: '/v1/search/suggest', query: { q, limit: '10' } })).json().data.some((s: { id: number }) => s.id === id) as boolean

describe('only publicly visible articles are found', () => {
  it('drafts, archived and not-yet-due articles of the demo never appear', async () => {
    const hidden = sql.prepare(`select id, title from articles where status not in ('published', 'scheduled') or published_at > ?`).all(now) as Array<{ id: number, title: string }>
    expect(hidden.length).toBeGreaterThan(3)
    for (const article of hidden) {
      expect(await found(app, article.id, phrase(article.title)), article.title).toBe(false)
      expect(await suggested(app, article.id, article.title), article.title).toBe(false)
    }
  })

  it('a scheduled article is found from its publish instant on, not a millisecond before (two clocks, one database)', async () => {
    const scheduled = sql.prepare(`select id, title, published_at from articles where status = 'scheduled' and published_at > ? order by published_at`).all(now) as Array<{ id: number, title: string, published_at: number }>
    expect(scheduled.length).toBeGreaterThan(1)
    const [first, ...later] = scheduled as [typeof scheduled[number], ...typeof scheduled]
    const before = await appAt(first.published_at - 1)
    const due = await appAt(first.published_at)
    try {
      expect(await found(before, first.id, phrase(first.title))).toBe(false)
      expect(await suggested(before, first.id, first.title)).toBe(false)
      expect(await found(due, first.id, phrase(first.title))).toBe(true)
      expect(await suggested(due, first.id, first.title)).toBe(true)
      const graph = await gql(due, 'query($q: String!) { search(query: $q, first: 100) { nodes { ... on Article { databaseId } } } }', { q: phrase(first.title) })
      expect(graph.body.data.search.nodes.map((n: { databaseId: number }) => n.databaseId)).toContain(first.id)
      for (const article of later.filter((a) => a.published_at > first.published_at)) {
        expect(await found(due, article.id, phrase(article.title))).toBe(false)
      }
    } finally {
      await before.close()
      await due.close()
    }
  })
})

describe('the index follows the editorial workflow', () => {
  const action = async (id: number, name: string, payload?: object) => {
    const res = await app.inject({ method: 'POST', url: `/v1/articles/${id}/${name}`, headers: keys.editor.auth, ...(payload !== undefined ? { payload } : {}) })
    expect(res.statusCode, res.body).toBe(200)
  }

  it('create, publish, edit, unpublish, schedule, archive and delete, each visible to search at once', async () => {
    const id = await createDraft(app, keys.editor, 'articles', { title: 'Qzworkflow first headline', body: '<p>Body about qzbodyword.</p>' })
    expect(await found(app, id, 'qzworkflow')).toBe(false)

    await publish(app, keys.editor, id)
    expect(await found(app, id, 'qzworkflow')).toBe(true)
    expect(await found(app, id, 'qzbodyword')).toBe(true)
    expect(await suggested(app, id, 'qzwork')).toBe(true)

    const edited = await app.inject({ method: 'PATCH', url: `/v1/articles/${id}`, headers: keys.editor.auth, payload: { title: 'Qzrenamed headline', body: '<p>Now about qzotherword.</p>' } })
    expect(edited.statusCode, edited.body).toBe(200)
    expect(await found(app, id, 'qzworkflow')).toBe(false)
    expect(await found(app, id, 'qzbodyword')).toBe(false)
    expect(await found(app, id, 'qzrenamed qzotherword')).toBe(true)

    await action(id, 'unpublish')
    expect(await found(app, id, 'qzrenamed')).toBe(false)

    const at = now + 3_600_000
    await action(id, 'publish', { publishedAt: new Date(at).toISOString() })
    expect(await found(app, id, 'qzrenamed')).toBe(false)
    const later = await appAt(at)
    try {
      expect(await found(later, id, 'qzrenamed')).toBe(true)
    } finally {
      await later.close()
    }

    await action(id, 'unpublish')
    await publish(app, keys.editor, id)
    expect(await found(app, id, 'qzrenamed')).toBe(true)
    await action(id, 'archive')
    expect(await found(app, id, 'qzrenamed')).toBe(false)

    const removed = await app.inject({ method: 'DELETE', url: `/v1/articles/${id}`, headers: keys.admin.auth })
    expect(removed.statusCode, removed.body).toBe(204)
    expect(await found(app, id, 'qzrenamed')).toBe(false)
    expect(sql.prepare('select count(*) from search_pending').pluck().get()).toBe(0)
  })

  it('writes by a connection without Quire\'s SQL functions (the sqlite3 shell) are caught up before the next search', async () => {
    const shell = openForeignWriter(app)
    try {
      const id = insertArticle(shell, { title: 'Qzshell inserted' })
      expect(sql.prepare('select article_id from search_pending').pluck().all()).toEqual([id])
      expect(await found(app, id, 'qzshell')).toBe(true)
      expect(sql.prepare('select count(*) from search_pending').pluck().get()).toBe(0)

      shell.prepare("update articles set title = 'Qzshell retitled' where id = ?").run(id)
      expect(await found(app, id, 'qzshell inserted')).toBe(false)
      expect(await found(app, id, 'qzshell retitled')).toBe(true)
      shell.prepare("update articles set status = 'draft', published_at = null where id = ?").run(id)
      expect(await found(app, id, 'qzshell')).toBe(false)
      shell.prepare("update articles set status = 'published', published_at = ? where id = ?").run(now - 1, id)
      expect(await found(app, id, 'qzshell')).toBe(true)
      shell.prepare('delete from articles where id = ?').run(id)
      expect(await found(app, id, 'qzshell')).toBe(false)
    } finally {
      shell.close()
    }
  })
})
