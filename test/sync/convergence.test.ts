import type Database from 'better-sqlite3'
import { expect, it } from 'vitest'
import type { IssuedKey } from '../helpers/keys.js'
import { test, type TestApp } from '../helpers/app.js'
import { TEST_NOW } from '../helpers/clock.js'
import { apply, syncPage } from '../helpers/sync.js'
import { publishedState } from '../helpers/published-state.js'

let now = TEST_NOW.getTime()
let app: TestApp
let sql: Database.Database
let editor: IssuedKey

test.override('appOptions', { clock: () => new Date(now) })
test.beforeAll(({ app: built, sql: readOnly, keys }) => {
  app = built
  sql = readOnly
  editor = keys.editor
})

/** mulberry32: a small deterministic PRNG, so a failure replays exactly. */
function prng (seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6D2B79F5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T }
}

interface Client { query: string, limit: number, startRound: number, token: string | null, hasMore: boolean, store: Map<string, Record<string, unknown>> }

async function step (client: Client): Promise<void> {
  const page = await syncPage(app, client.token === null ? `${client.query}&limit=${client.limit}` : `token=${client.token}&limit=${client.limit}`)
  expect(new Set(page.data.map((e) => `${e.type}:${e.id}`)).size).toBe(page.data.length)
  expect(page.data.length).toBeLessThanOrEqual(client.limit + 3) // a step's translations may exceed the limit
  apply(client.store, page.data)
  client.token = page.meta.nextSyncToken
  client.hasMore = page.meta.hasMore
}

/**
 * A writer makes random edits through the API — creates, edits, translations, publishes (now,
 * backdated, scheduled), unpublishes, archives, deletes — while the clock moves and two clients
 * (one edition, all editions) sync in small pages in between. Once the writer stops and the
 * clients catch up, each holds exactly the published state.
 */
it('clients syncing while a writer edits converge to exactly the published state', async () => {
  const rng = prng(20260601)
  const ids: Record<'articles' | 'pages', number[]> = {
    // spread over the id range, so writes land both before and after the initial passes list them
    articles: sql.prepare('select id from articles where id % 6 = 0 and edition_id in (select id from editions where code in (\'en\', \'ar\')) order by id').pluck().all() as number[],
    pages: sql.prepare('select id from pages order by id').pluck().all() as number[]
  }
  let writes = 0
  async function writeOnce (): Promise<void> {
    const collection = rng.next() < 0.75 ? 'articles' : 'pages'
    const pool = ids[collection]
    const id = rng.pick(pool)
    const roll = rng.int(10)
    const publishedAt = () => new Date(now + (rng.int(3) - 1) * rng.int(3600_000)).toISOString()
    const request = roll === 0 || pool.length < 3
      ? { method: 'POST' as const, url: `/v1/${collection}`, payload: { edition: rng.pick(['en', 'ar']), title: `Convergence ${writes}` } }
      : roll <= 2
        ? { method: 'PATCH' as const, url: `/v1/${collection}/${id}`, payload: { title: `Edit ${writes}` } }
        : roll === 3
          ? { method: 'PATCH' as const, url: `/v1/${collection}/${id}`, payload: { translationOf: rng.next() < 0.3 ? null : rng.pick(pool) } }
          : roll <= 5
            ? { method: 'POST' as const, url: `/v1/${collection}/${id}/publish`, payload: rng.next() < 0.5 ? {} : { publishedAt: publishedAt() } }
            : roll === 6
              ? { method: 'POST' as const, url: `/v1/${collection}/${id}/unpublish`, payload: {} }
              : roll === 7
                ? { method: 'POST' as const, url: `/v1/${collection}/${id}/archive`, payload: {} }
                : roll === 8
                  ? { method: 'DELETE' as const, url: `/v1/${collection}/${id}` }
                  : null
    if (request === null) {
      now += rng.int(20 * 60_000)
      return
    }
    const res = await app.inject({ ...request, headers: editor.auth })
    // refused transitions, clashing translations and the like are part of the mix: they change nothing
    expect(res.statusCode, res.body).toBeLessThan(500)
    if (res.statusCode < 300) writes++
    if (request.method === 'POST' && request.url === `/v1/${collection}` && res.statusCode === 201) pool.push(res.json().data.id as number)
    if (request.method === 'DELETE' && res.statusCode === 204) pool.splice(pool.indexOf(id), 1)
  }

  // clients join at different moments, so initial passes overlap writes at every stage
  const clients: Client[] = [
    { query: 'edition=en', limit: 7, startRound: 0, token: null, hasMore: true, store: new Map() },
    { query: 'types=article,page', limit: 11, startRound: 40, token: null, hasMore: true, store: new Map() },
    { query: 'edition=ar&types=article,page,category', limit: 5, startRound: 90, token: null, hasMore: true, store: new Map() }
  ]
  for (let round = 0; round < 160; round++) {
    for (let n = rng.int(4); n > 0; n--) await writeOnce()
    for (const client of clients) if (round >= client.startRound && rng.next() < 0.8) await step(client)
  }
  // the writer stops; whatever it scheduled falls due with no further write
  const scheduled = sql.prepare('select count(*) from articles where visible_from > ?').pluck().get(now) as number
  now += 2 * 3600_000
  expect(scheduled).toBeGreaterThan(0)
  for (const client of clients) {
    client.hasMore = true
    for (let i = 0; i < 1000 && client.hasMore; i++) await step(client)
    expect(client.hasMore).toBe(false)
  }
  expect(writes).toBeGreaterThan(100)

  const en = await publishedState(app, sql, now, 'en')
  expect(clients[0]?.store).toEqual(en)
  const everywhere = new Map([...(await publishedState(app, sql, now))].filter(([key]) => key.startsWith('article:') || key.startsWith('page:')))
  expect(clients[1]?.store).toEqual(everywhere)
  const ar = new Map([...(await publishedState(app, sql, now, 'ar'))].filter(([key]) => /^(article|page|category):/.test(key)))
  expect(clients[2]?.store).toEqual(ar)
}, 180_000)
