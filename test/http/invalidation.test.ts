import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import { buildTestApp, testConfig, type TestApp } from '../helpers/app.js'
import { fixedClock } from '../helpers/clock.js'
import { createDraft, edit, publish, uniqueTitle } from '../helpers/content.js'
import { issueKey, type IssuedKey } from '../helpers/keys.js'

/*
 * Precise invalidation as a property: random writes — drafts and published edits in every edition —
 * run against one database, and after each write every URL of a fixed set is read from the
 * cached app (response cache on, revalidating with the ETag it last got) and from a second app on
 * the same file with its cache off, which renders afresh. The cached app must never serve a byte
 * that differs from the fresh render, and a write that changed nothing the public sees (every
 * draft-only write) must not cost it a single render.
 */

const editions = ['en', 'ar', 'fa', 'sq'] as const

/** A small deterministic generator, so a failure names a sequence that can be replayed. */
function random (seed: number) {
  let state = seed >>> 0
  const next = () => { state = (Math.imul(state, 1664525) + 1013904223) >>> 0; return state / 2 ** 32 }
  return { next, pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]! }
}

describe('precise invalidation', () => {
  let cached: TestApp
  let fresh: Awaited<ReturnType<typeof buildApp>>
  let editor: IssuedKey
  let urls: string[]

  beforeAll(async () => {
    cached = await buildTestApp()
    fresh = await buildApp({ config: testConfig({ databasePath: cached.databasePath, responseCacheBytes: 0 }), clock: fixedClock() })
    editor = issueKey(cached, 'editor')
    const first = (edition: string) => cached.inject(`/v1/articles?edition=${edition}&limit=1`).then((res) => res.json().data[0] as { id: number, slug: string })
    const fa = await first('fa')
    const en = await first('en')
    urls = [
      ...editions.map((edition) => `/v1/articles?edition=${edition}&limit=5`),
      `/v1/articles/${fa.id}`,
      `/v1/editions/en/articles/${encodeURIComponent(en.slug)}`,
      '/feeds/en/rss.xml', '/feeds/fa/feed.json', '/feeds/ar/atom.xml',
      '/v1/categories/tree?edition=ar', '/v1/menus?edition=sq', '/sitemaps/sq/articles-1.xml',
      '/graphql?query=%7Barticles(filter%3A%7Bedition%3A%22ar%22%7D%2Cfirst%3A3)%7Bedges%7Bnode%7Btitle%7D%7D%7D%7D'
    ]
  }, 120_000)
  afterAll(async () => {
    await fresh.close()
    await cached.close()
  })

  it('serves from cache exactly what a fresh render would show, and drafts invalidate nothing', async () => {
    const rng = random(20261202)
    const drafts: Array<{ id: number, edition: string }> = []
    const published: Array<{ id: number, edition: string }> = []
    const held = new Map<string, { etag: string, body: string }>()

    /** Reads every URL from both apps; returns how many the cached app had to render. */
    const compare = async (after: string): Promise<number> => {
      let rendered = 0
      for (const url of urls) {
        const copy = held.get(url)
        // GraphQL GETs name themselves as such (mercurius' CSRF prevention)
        const headers = url.startsWith('/graphql') ? { 'x-mercurius-operation-name': '' } : {}
        const res = await cached.inject({ url, headers: copy === undefined ? headers : { ...headers, 'if-none-match': copy.etag } })
        const truth = await fresh.inject({ url, headers })
        expect(truth.statusCode, url).toBe(200)
        const served = res.statusCode === 304 ? copy!.body : res.body
        expect(served, `${url} after ${after}`).toBe(truth.body)
        if (res.statusCode === 200 && res.headers['x-cache'] !== 'HIT') rendered++
        held.set(url, { etag: (res.headers.etag ?? copy?.etag) as string, body: served })
      }
      return rendered
    }

    await compare('nothing')
    expect(await compare('nothing'), 'a second pass is all cache').toBe(0)

    for (let step = 0; step < 24; step++) {
      const edition = rng.pick(editions)
      const roll = rng.next()
      if (roll < 0.35 || drafts.length === 0) {
        drafts.push({ id: await createDraft(cached, editor, 'articles', { edition }), edition })
        expect(await compare(`draft created in ${edition}`), `step ${step}: a new draft`).toBe(0)
      } else if (roll < 0.6) {
        const draft = rng.pick(drafts)
        await edit(cached, editor, draft.id, { title: uniqueTitle('Autosaved') })
        expect(await compare(`draft ${draft.id} saved`), `step ${step}: a draft save`).toBe(0)
      } else if (roll < 0.8 || published.length === 0) {
        const draft = drafts.splice(Math.floor(rng.next() * drafts.length), 1)[0]!
        await publish(cached, editor, draft.id)
        published.push(draft)
        await compare(`draft ${draft.id} published in ${draft.edition}`)
      } else {
        const article = rng.pick(published)
        await edit(cached, editor, article.id, { title: uniqueTitle('Corrected') })
        await compare(`published ${article.id} edited in ${article.edition}`)
      }
    }
  }, 600_000)

  it('keeps the validator of an untouched article through any number of unrelated writes', async () => {
    const url = urls[4]!
    const elsewhere = await createDraft(cached, editor, 'articles', { edition: 'en' })
    await publish(cached, editor, elsewhere)
    const first = await cached.inject(url)
    for (const edition of editions) {
      const id = await createDraft(cached, editor, 'articles', { edition })
      await edit(cached, editor, id, { title: uniqueTitle('Autosaved') })
    }
    // a published edit in another edition touches other keys
    await edit(cached, editor, elsewhere, { title: uniqueTitle('Elsewhere') })
    const again = await cached.inject({ url, headers: { 'if-none-match': first.headers.etag as string } })
    expect(again.statusCode).toBe(304)
    expect(again.headers.etag).toBe(first.headers.etag)
  }, 120_000)

  it('replays POSTed GraphQL queries under the same keys, and never a mutation or a keyed request', async () => {
    const query = (edition: string) => ({ method: 'POST' as const, url: '/graphql', headers: { 'content-type': 'application/json' }, payload: { query: `{ articles(filter: { edition: "${edition}" }, first: 3) { edges { node { title } } } }` } })
    const first = await cached.inject(query('fa'))
    expect(first.headers['x-cache']).toBe('MISS')
    const second = await cached.inject(query('fa'))
    expect(second.headers['x-cache']).toBe('HIT')
    expect(second.body).toBe(first.body)

    const draft = await createDraft(cached, editor, 'articles', { edition: 'fa' })
    await edit(cached, editor, draft, { title: uniqueTitle('Autosaved') })
    expect((await cached.inject(query('fa'))).headers['x-cache'], 'a draft save changes nothing public').toBe('HIT')

    const title = uniqueTitle('Breaking')
    await edit(cached, editor, draft, { title })
    await publish(cached, editor, draft)
    const after = await cached.inject(query('fa'))
    expect(after.headers['x-cache']).toBe('MISS')
    expect(after.json().data.articles.edges[0].node.title).toBe(title)
    expect(after.body).toBe((await fresh.inject(query('fa'))).body)

    const keyed = { ...query('fa'), headers: { ...query('fa').headers, ...editor.auth } }
    expect((await cached.inject(keyed)).headers['x-cache']).toBeUndefined()
    expect((await cached.inject(keyed)).headers['x-cache']).toBeUndefined()
    const mutation = { ...query('fa'), payload: { query: `mutation { deleteArticle(id: "QXJ0aWNsZTox") { databaseId } }` } }
    for (let i = 0; i < 2; i++) {
      const res = await cached.inject(mutation)
      expect(res.headers['x-cache']).toBeUndefined()
      expect(res.json().errors).toBeDefined()
    }
  }, 120_000)
})
