import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../../src/app.js'
import { openDatabase } from '../../../src/database.js'
import { prepareWriters } from '../../../src/db/seed/writer.js'
import { testConfig, type TestApp } from '../../helpers/app.js'
import { fixedClock, TEST_NOW } from '../../helpers/clock.js'
import { issueKey, type IssuedKey } from '../../helpers/keys.js'
import { arabic } from './ar.js'
import { english } from './en.js'
import { persian } from './fa.js'
import type { JudgedSet } from './judged.js'
import { albanian } from './sq.js'

/*
 * The judged queries: for each language, the corpus in ./<language>.ts is written through the API
 * (create, then publish) into a fresh database — no demo content — and every query is run as a
 * reader of that edition would, through GET /v1/search. Recall@20 is the share of a query's
 * relevant documents among its first 20 results; the reciprocal rank is 1 / the rank of the
 * document that should come first (0 when it is not in the 20). Both are averaged per language.
 */

const TARGET = { recall: 0.95, mrr: 0.8 }
const sets: JudgedSet[] = [arabic, persian, albanian, english]
const editions: Array<{ code: string, name: string, nativeName: string, direction: 'ltr' | 'rtl' }> = [
  { code: 'en', name: 'English', nativeName: 'English', direction: 'ltr' },
  { code: 'ar', name: 'Arabic', nativeName: 'العربية', direction: 'rtl' },
  { code: 'fa', name: 'Persian', nativeName: 'فارسی', direction: 'rtl' },
  { code: 'sq', name: 'Albanian', nativeName: 'Shqip', direction: 'ltr' }
]

let dir: string
let app: TestApp
let editor: IssuedKey
/** Corpus key → result key (`article:12`, `page:3`). */
const resultKeys = new Map<string, string>()

async function post (url: string, payload: Record<string, unknown>): Promise<number> {
  const res = await app.inject({ method: 'POST', url, headers: editor.auth, payload })
  if (res.statusCode !== 200 && res.statusCode !== 201) throw new Error(`POST ${url} → ${res.statusCode} ${res.body}`)
  return res.json().data.id as number
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'quire-relevance-'))
  const databasePath = join(dir, 'quire.db')
  const db = openDatabase(databasePath)
  const write = prepareWriters(db.$client, TEST_NOW.getTime())
  editions.forEach((edition, position) => write.edition({ ...edition, isDefault: position === 0, position }))
  db.$client.close()
  app = Object.assign(await buildApp({ clock: fixedClock(), config: testConfig({ databasePath }) }), { databasePath })
  editor = issueKey(app, 'editor')
  for (const set of sets) {
    for (const doc of set.documents) {
      const collection = doc.type === 'article' ? 'articles' : 'pages'
      const body = `<p>${doc.body}</p>`
      const id = await post(`/v1/${collection}`, { edition: set.edition, title: doc.title, body, ...(doc.excerpt !== undefined ? { excerpt: doc.excerpt } : {}) })
      await post(`/v1/${collection}/${id}/publish`, {})
      resultKeys.set(doc.key, `${doc.type}:${id}`)
    }
  }
}, 120_000)

afterAll(async () => {
  await app.close()
  rmSync(dir, { recursive: true, force: true })
})

async function ranked (q: string, edition: string): Promise<string[]> {
  const res = await app.inject(`/v1/search?${new URLSearchParams({ q, edition, limit: '20' }).toString()}`)
  if (res.statusCode !== 200) throw new Error(`search ${q} → ${res.statusCode} ${res.body}`)
  return (res.json().data as Array<{ id: number, type?: string }>).map((hit) => `${hit.type ?? 'article'}:${hit.id}`)
}

interface Score { recall: number, mrr: number, misses: string[] }

async function score (set: JudgedSet): Promise<Score> {
  let recall = 0
  let reciprocal = 0
  const misses: string[] = []
  for (const query of set.queries) {
    const results = await ranked(query.q, set.edition)
    const found = query.relevant.filter((key) => results.includes(resultKeys.get(key)!))
    const rank = results.indexOf(resultKeys.get(query.first)!) + 1
    recall += found.length / query.relevant.length
    reciprocal += rank === 0 ? 0 : 1 / rank
    if (rank !== 1 || found.length < query.relevant.length) misses.push(`${query.q} (rank ${rank === 0 ? '-' : rank}, ${found.length}/${query.relevant.length})`)
  }
  return { recall: recall / set.queries.length, mrr: reciprocal / set.queries.length, misses }
}

describe('judged queries', () => {
  it.each(sets.map((set) => [set.edition, set] as const))('%s: recall@20 and MRR reach their targets', async (edition, set) => {
    expect(set.queries.length).toBeGreaterThanOrEqual(40)
    const { recall, mrr, misses } = await score(set)
    console.log(`relevance ${edition}: ${set.queries.length} queries, recall@20 ${recall.toFixed(3)}, MRR ${mrr.toFixed(3)}` +
      (misses.length > 0 ? `; not perfect: ${misses.join('; ')}` : ''))
    expect(recall).toBeGreaterThanOrEqual(TARGET.recall)
    expect(mrr).toBeGreaterThanOrEqual(TARGET.mrr)
  })
})
