import type Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import type { IssuedKey } from '../../helpers/keys.js'
import { createDraft } from '../../helpers/content.js'
import { test, type TestApp } from '../../helpers/app.js'
import { TEST_NOW } from '../../helpers/clock.js'
import { gql } from '../../helpers/graphql.js'

// the app's clock, moved by the tests: "scheduled content turns visible at publishedAt" without waiting
let now = TEST_NOW.getTime()
let app: TestApp
let sql: Database.Database
let keys: Record<'admin' | 'editor' | 'author' | 'preview', IssuedKey>
test.override('appOptions', { clock: () => new Date(now) })
test.beforeAll(({ app: built, sql: readOnly, keys: issued }) => {
  app = built
  sql = readOnly
  keys = issued
})

const action = (id: number, name: string, payload?: object, key = keys.editor) =>
  app.inject({ method: 'POST', url: `/v1/articles/${id}/${name}`, headers: key.auth, ...(payload !== undefined ? { payload } : {}) })
const stored = (id: number) => sql.prepare('select status, published_at publishedAt, version from articles where id = ?').get(id) as { status: string, publishedAt: number | null, version: number }
const visibleTotal = () => (sql.prepare(`select count(*) n from articles where edition_id = 1 and status in ('published', 'scheduled') and published_at <= ?`).get(now) as { n: number }).n

/** Every public way to reach the article, at the app's current instant. */
async function publicView (id: number, slug: string) {
  const byId = await app.inject(`/v1/articles/${id}`)
  const bySlug = await app.inject(`/v1/editions/en/articles/${slug}`)
  const lookup = (await app.inject(`/v1/articles?edition=en&slug=${slug}`)).json()
  const list = (await app.inject('/v1/articles?edition=en&limit=100&fields=id')).json()
  const graph = await gql(app, 'query($id: ID!) { node(id: $id) { id } }', { id: Buffer.from(`Article:${id}`).toString('base64url') })
  return {
    byId: byId.statusCode,
    bySlug: bySlug.statusCode,
    lookup: lookup.meta.total as number,
    inList: list.data.some((a: { id: number }) => a.id === id) as boolean,
    total: list.meta.total as number,
    graphql: graph.body.data?.node !== null
  }
}

describe('the editorial workflow', () => {
  it('draft → scheduled → (due) published → archived → draft, visible exactly from publishedAt', async () => {
    now = TEST_NOW.getTime()
    const id = await createDraft(app, keys.editor, 'articles', { slug: 'scheduled-story' })
    const at = new Date(now + 60 * 60 * 1000)
    const scheduled = await action(id, 'publish', { publishedAt: at.toISOString() })
    expect(scheduled.statusCode).toBe(200)
    expect(scheduled.json().data).toMatchObject({ status: 'scheduled', publishedAt: at.toISOString(), version: 2 })
    expect(stored(id)).toMatchObject({ status: 'scheduled', publishedAt: at.getTime() })

    const hidden = { byId: 404, bySlug: 404, lookup: 0, inList: false, graphql: false }
    expect(await publicView(id, 'scheduled-story')).toMatchObject({ ...hidden, total: visibleTotal() })

    now = at.getTime() - 1
    expect(await publicView(id, 'scheduled-story')).toMatchObject({ ...hidden, total: visibleTotal() })

    // the instant it is due, every public path agrees, with no job and no write
    now = at.getTime()
    const before = stored(id)
    expect(await publicView(id, 'scheduled-story')).toEqual({ byId: 200, bySlug: 200, lookup: 1, inList: true, total: visibleTotal(), graphql: true })
    expect(stored(id)).toEqual(before)
    // a key sees it as published, and publishing again is refused
    expect((await app.inject({ url: `/v1/articles/${id}`, headers: keys.preview.auth })).json().data.status).toBe('published')
    const again = await action(id, 'publish')
    expect(again.statusCode).toBe(422)
    expect(again.json().type).toBe('http://quire.test/problems/invalid-transition')

    now += 1000
    const archived = await action(id, 'archive')
    expect(archived.json().data.status).toBe('archived')
    expect(await publicView(id, 'scheduled-story')).toMatchObject(hidden)
    const draft = await action(id, 'unpublish')
    expect(draft.json().data.status).toBe('draft')
    expect(stored(id)).toMatchObject({ status: 'draft', publishedAt: null })
  })

  it('publishes now without a body, reschedules, and unpublishes a scheduled article', async () => {
    now = TEST_NOW.getTime() + 10_000_000
    const id = await createDraft(app, keys.editor)
    const published = await action(id, 'publish')
    expect(published.json().data).toMatchObject({ status: 'published', publishedAt: new Date(now).toISOString() })
    expect((await app.inject(`/v1/articles/${id}`)).statusCode).toBe(200)

    const other = await createDraft(app, keys.editor)
    await action(other, 'publish', { publishedAt: new Date(now + 5000).toISOString() })
    const moved = await action(other, 'publish', { publishedAt: new Date(now + 9000).toISOString() })
    expect(moved.json().data).toMatchObject({ status: 'scheduled', publishedAt: new Date(now + 9000).toISOString() })
    expect((await action(other, 'unpublish')).json().data.status).toBe('draft')
  })

  const refusals: Array<[string, string, string]> = [
    ['draft', 'unpublish', 'it is not published'],
    ['draft', 'archive', 'only published content can be archived'],
    ['scheduled', 'archive', 'only published content can be archived'],
    ['published', 'publish', 'already published'],
    ['archived', 'publish', 'unpublish it back to a draft first'],
    ['archived', 'archive', 'only published content can be archived']
  ]
  it.each(refusals)('refuses to %s → %s with a 422, changing nothing', async (from, act, reason) => {
    now = TEST_NOW.getTime() + 20_000_000
    const id = await createDraft(app, keys.editor)
    if (from === 'scheduled') await action(id, 'publish', { publishedAt: new Date(now + 60_000).toISOString() })
    if (from === 'published' || from === 'archived') await action(id, 'publish')
    if (from === 'archived') await action(id, 'archive')
    const before = stored(id)
    const changes = (sql.prepare('select count(*) n from changes').get() as { n: number }).n
    const res = await action(id, act)
    expect(res.statusCode).toBe(422)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.json().detail).toContain(reason)
    expect(stored(id)).toEqual(before)
    expect((sql.prepare('select count(*) n from changes').get() as { n: number }).n).toBe(changes)
  })

  it('refuses a malformed publishedAt and an unknown body field with a 400', async () => {
    const id = await createDraft(app, keys.editor)
    expect((await action(id, 'publish', { publishedAt: 'tomorrow' })).statusCode).toBe(400)
    expect((await action(id, 'publish', { status: 'published' })).statusCode).toBe(400)
    expect((await action(id, 'unpublish', { force: true })).statusCode).toBe(400)
    expect(stored(id).status).toBe('draft')
  })

  it('an edit of a scheduled article that has come due stores it as published', async () => {
    now = TEST_NOW.getTime() + 30_000_000
    const id = await createDraft(app, keys.editor)
    await action(id, 'publish', { publishedAt: new Date(now + 1000).toISOString() })
    now += 2000
    const res = await app.inject({ method: 'PATCH', url: `/v1/articles/${id}`, headers: keys.editor.auth, payload: { title: 'Now live' } })
    expect(res.json().data.status).toBe('published')
    expect(stored(id).status).toBe('published')
  })
})
