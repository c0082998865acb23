import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../helpers/app.js'
import { createDraft, uniqueTitle } from '../helpers/content.js'
import { openReadOnly } from '../helpers/db.js'
import { issueKeys, type IssuedKey } from '../helpers/keys.js'
import { freePort, startVarnish, varnishInstalled, type VarnishNode } from '../helpers/varnish.js'
import { waitFor } from '../helpers/webhook-receiver.js'

/*
 * Quire behind a real varnishd running deploy/varnish/default.vcl (only its backend port is
 * rewritten), with Quire's purge worker pointed at it. Hits and misses are read from the X-Cache
 * header the VCL sets and cross-checked against varnishstat's MAIN.cache_hit / cache_miss.
 * Hard purges (PURGE_SOFT=false) here, so a purged object is a plain miss; the grace case soft-purges.
 */
if (!varnishInstalled) console.warn('test/deploy/varnish.test.ts skipped: varnishd is not installed (apt-get install varnish varnish-modules; .ci/run does)')

describe.skipIf(!varnishInstalled)('Quire behind Varnish', () => {
  let app: TestApp
  let varnish: VarnishNode
  let editor: IssuedKey
  let a: { id: number, urls: string[] }
  let b: { id: number, urls: string[] }

  const get = async (path: string) => {
    const res = await fetch(varnish.url + path)
    return { status: res.status, cache: res.headers.get('x-cache'), keys: res.headers.get('surrogate-key') ?? '', body: await res.text() }
  }
  const dueJobs = () => {
    const sql = openReadOnly(app.databasePath)
    try { return (sql.prepare("select count(*) as n from purge_jobs where status = 'pending'").get() as { n: number }).n } finally { sql.close() }
  }
  // worker threads add their counts to the shared counters in batches: read them once they stop moving
  const settledCounters = async () => {
    let last = varnish.counters()
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 300))
      const now = varnish.counters()
      if (now['MAIN.cache_hit'] === last['MAIN.cache_hit'] && now['MAIN.cache_miss'] === last['MAIN.cache_miss']) return now
      last = now
    }
  }
  const states = async (urls: string[]) => Object.fromEntries(await Promise.all(urls.map(async (url) => [url, (await get(url)).cache] as const)))

  beforeAll(async () => {
    const varnishPort = await freePort()
    app = await buildTestApp({
      config: { purges: { worker: true, targets: [{ kind: 'varnish', name: 'varnish:local', url: `http://127.0.0.1:${varnishPort}`, soft: false }], pollIntervalMs: 50, timeoutMs: 2000, retryBaseMs: 100, maxAttempts: 20 } }
    })
    await app.listen({ host: '127.0.0.1', port: 0 })
    ;({ editor } = issueKeys(app))
    varnish = await startVarnish((app.server.address() as { port: number }).port, varnishPort)

    // two published English articles
    const list = (await (await fetch(`${varnish.url}/v1/articles?edition=en&limit=50&include=authors,categories`)).json()) as { data: Array<{ id: number, authors: Array<{ id: number, slug: string }>, categories: Array<{ id: number, slug: string }> }> }
    const first = list.data.find((article) => article.authors.length > 0 && article.categories.length > 0)!
    const other = list.data.find((article) => article.id !== first.id && article.authors.length > 0 && article.categories.length > 0)!
    const pathsOf = (article: typeof first) => [
      `/v1/articles/${article.id}`,
      `/v1/articles?edition=en&category=${article.categories[0]!.slug}`,
      `/v1/articles?author=${article.authors[0]!.slug}&edition=en`,
      `/feeds/en/categories/${article.categories[0]!.slug}/rss.xml`,
      `/feeds/en/authors/${article.authors[0]!.slug}/atom.xml`
    ]
    a = { id: first.id, urls: [...pathsOf(first), '/v1/articles?edition=en&limit=50', '/feeds/en/feed.json'] }
    // category and tag responses carry article counts, so they depend on the edition's article list
    // (list:articles:en) like the lists in a.urls; B's group holds what shows B alone
    a.urls.push(`/v1/categories/${other.categories[0]!.id}`, '/v1/tags?edition=en')
    b = { id: other.id, urls: [`/v1/articles/${other.id}`, `/v1/authors/${other.authors[0]!.id}`, '/v1/pages?edition=en'] }
  }, 120_000)

  afterAll(async () => {
    await varnish?.stop()
    await app?.close()
  })

  it('serves a public read as a miss, then as a hit; Varnish counts the same', async () => {
    const before = await settledCounters()
    const urls = [...a.urls, ...b.urls]
    expect(Object.values(await states(urls))).toEqual(urls.map(() => 'MISS'))
    expect(Object.values(await states(urls))).toEqual(urls.map(() => 'HIT'))
    const after = await settledCounters()
    expect(after['MAIN.cache_hit']! - before['MAIN.cache_hit']!).toBe(urls.length)
    expect(after['MAIN.cache_miss']! - before['MAIN.cache_miss']!).toBe(urls.length)
    // each response shown to A's readers names A; none shown about B does
    for (const url of a.urls) expect((await get(url)).keys.split(' ')).toSatisfy((keys: string[]) => keys.includes(`article:${a.id}`) || keys.includes('list:articles:en'))
    for (const url of b.urls) expect((await get(url)).keys.split(' ')).not.toContain(`article:${a.id}`)
  })

  it('normalises the query string and never caches authenticated reads or writes', async () => {
    expect((await get('/v1/articles?limit=50&edition=en')).cache).toBe('HIT')
    const authed = await fetch(`${varnish.url}/v1/articles/${b.id}`, { headers: editor.auth })
    expect(authed.headers.get('cache-control')).toContain('no-store')
    expect(authed.headers.get('x-cache')).toBe('MISS')
    const conditional = await fetch(`${varnish.url}/v1/articles/${b.id}`)
    const etag = conditional.headers.get('etag')!
    const revalidated = await fetch(`${varnish.url}/v1/articles/${b.id}`, { headers: { 'if-none-match': etag } })
    expect(revalidated.status).toBe(304)
  })

  it('a write to article A purges exactly the responses that show A', async () => {
    expect(Object.values(await states([...a.urls, ...b.urls]))).toSatisfy((values: unknown[]) => values.every((value) => value === 'HIT'))
    const res = await fetch(`${varnish.url}/v1/articles/${a.id}`, { method: 'PATCH', headers: { ...editor.auth, 'content-type': 'application/json' }, body: JSON.stringify({ title: uniqueTitle('Breaking') }) })
    expect(res.status).toBe(200)
    const title = ((await res.json()) as { data: { title: string } }).data.title
    await waitFor(() => dueJobs() === 0, 'the purge is sent')
    const after = await states([...a.urls, ...b.urls])
    for (const url of a.urls) expect([url, after[url]]).toEqual([url, 'MISS'])
    for (const url of b.urls) expect([url, after[url]]).toEqual([url, 'HIT'])
    expect((await get(`/v1/articles/${a.id}`)).body).toContain(title)
  })

  it('a draft save purges nothing public', async () => {
    await states(a.urls)
    const id = await createDraft(app, editor)
    const edit = await app.inject({ method: 'PATCH', url: `/v1/articles/${id}`, headers: editor.auth, payload: { title: uniqueTitle('Still a draft') } })
    expect(edit.statusCode).toBe(200)
    expect(dueJobs()).toBe(0)
    expect(Object.values(await states([...a.urls, ...b.urls]))).toSatisfy((values: unknown[]) => values.every((value) => value === 'HIT'))
  })

  it('serves stale content within grace while the origin is down', async () => {
    const url = `/v1/articles/${b.id}`
    const fresh = await get(url)
    expect(fresh.cache).toBe('HIT')
    // soft purge, as Quire sends by default: the object is stale but kept for grace
    const purge = await fetch(`${varnish.url}/`, { method: 'PURGE', headers: { 'xkey-softpurge': `article:${b.id}` } })
    expect(purge.status).toBe(200)
    await app.close()
    const stale = await get(url)
    expect(stale.status).toBe(200)
    expect(stale.cache).toBe('STALE')
    expect(stale.body).toBe(fresh.body)
    // something never cached has nothing to fall back on
    expect((await get('/v1/articles/999999')).status).toBe(503)
  })
})
