// The benchmark's same-data baseline must serve what Quire serves, or its ratio compares unlike
// responses. Quire (the real app, real clock) and bench/same-data-server.ts (its own process) read one
// seeded database; every field the baseline emits must equal Quire's, and the runner's pre-load
// check must accept the pair and reject a different page.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compareSameData } from '../../bench/same-data-check.js'
import { freePort, startServer, type ServerProcess } from '../../bench/processes.js'
import { buildApp } from '../../src/app.js'
import { testConfig } from '../helpers/app.js'
import { seedBenchDatabase } from '../helpers/bench-database.js'

const root = fileURLToPath(new URL('../..', import.meta.url))
const LIST = '/v1/articles?edition=en&limit=20&include=authors,categories&fields=id,slug,title,excerpt,body,publishedAt,updatedAt,authors,categories,url'

let dir: string
let app: Awaited<ReturnType<typeof buildApp>>
let quireUrl: string
let sameData: ServerProcess

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'quire-same-data-'))
  const databasePath = join(dir, 'quire.db')
  seedBenchDatabase(databasePath, 60)
  app = await buildApp({ config: testConfig({ databasePath }) })
  quireUrl = await app.listen({ port: 0, host: '127.0.0.1' })
  const port = await freePort('127.0.0.1')
  sameData = await startServer({
    name: 'same-data',
    command: process.execPath,
    args: ['--import', 'tsx', 'bench/same-data-server.ts'],
    cwd: root,
    env: { ...process.env, DATABASE_PATH: databasePath, PORT: String(port), HOST: '127.0.0.1' },
    host: '127.0.0.1',
    port,
    readyPath: '/ready',
    readyTimeoutMs: 30_000
  })
})

afterAll(async () => {
  await sameData?.stop()
  await app?.close()
  rmSync(dir, { recursive: true, force: true })
})

async function json (url: string): Promise<{ status: number, body: { data: unknown } }> {
  const response = await fetch(url)
  return { status: response.status, body: await response.json() as { data: unknown } }
}

/** Quire's values for exactly the keys the baseline's list emits (it leaves out cursors and links). */
function pick (quire: unknown, baseline: unknown): unknown {
  if (Array.isArray(baseline) && Array.isArray(quire)) return quire.map((item, index) => pick(item, baseline[index]))
  if (typeof baseline === 'object' && baseline !== null && typeof quire === 'object' && quire !== null) {
    return Object.fromEntries(Object.keys(baseline).map((key) => [key, pick((quire as Record<string, unknown>)[key], (baseline as Record<string, unknown>)[key])]))
  }
  return quire
}

describe('same-data baseline', () => {
  it('serves the list-full-bodies page Quire serves, field for field', async () => {
    const [quire, baseline] = await Promise.all([json(quireUrl + LIST), json(sameData.baseUrl + '/list-full-bodies/en')])
    expect(quire.status).toBe(200)
    expect(baseline.status).toBe(200)
    expect((baseline.body.data as unknown[]).length).toBe(20)
    expect(baseline.body.data).toEqual(pick(quire.body.data, baseline.body.data))
  })

  it('serves one article by slug exactly as Quire does, in every edition, and 404 for an unknown slug', async () => {
    for (const edition of ['en', 'ar', 'fa', 'sq']) {
      const list = await json(`${quireUrl}/v1/articles?edition=${edition}&limit=5`)
      const slugs = (list.body.data as Array<{ slug: string }>).map((article) => article.slug)
      expect(slugs).toHaveLength(5)
      for (const slug of slugs) {
        const path = `/editions/${edition}/articles/${encodeURIComponent(slug)}`
        const [quire, baseline] = await Promise.all([json(quireUrl + '/v1' + path), json(sameData.baseUrl + path)])
        expect(quire.status).toBe(200)
        expect(baseline.status).toBe(200)
        // the whole document, share links, featured media and percent-encoded URLs included
        expect(baseline.body.data).toEqual(quire.body.data)
      }
    }
    expect((await fetch(sameData.baseUrl + '/editions/en/articles/no-such-article')).status).toBe(404)
  })

  it('passes the runner\'s pre-load check for the same requests and fails it for a different page', async () => {
    expect(await compareSameData(quireUrl, [{ method: 'GET', path: LIST }], sameData.baseUrl, [{ method: 'GET', path: '/list-full-bodies/en' }])).toBeNull()
    const other = LIST.replace('limit=20', 'limit=19')
    expect(await compareSameData(quireUrl, [{ method: 'GET', path: other }], sameData.baseUrl, [{ method: 'GET', path: '/list-full-bodies/en' }]))
      .toMatch(/20 articles .* vs Quire's 19/)
    const [first, second] = ((await json(quireUrl + '/v1/articles?edition=en&limit=2')).body.data as Array<{ slug: string }>).map((article) => `/editions/en/articles/${encodeURIComponent(article.slug)}`)
    expect(await compareSameData(quireUrl, [{ method: 'GET', path: '/v1' + first! }], sameData.baseUrl, [{ method: 'GET', path: first! }])).toBeNull()
    // one article: the whole documents are compared, so another article's fails on its first field
    expect(await compareSameData(quireUrl, [{ method: 'GET', path: '/v1' + first! }], sameData.baseUrl, [{ method: 'GET', path: second! }]))
      .toMatch(/: not Quire's document, data\.id: /)
  })
})
