/*
 * What a numbered page (`page=N`, an OFFSET) costs at depth next to a cursor (keyset) page, without
 * HTTP: seeds N synthetic articles into a fresh database and times the article list service —
 * the code REST and GraphQL both call — for page 1, deeper pages up to the cap (page × limit ≤
 * 10 000), and the cursor page at the same depth. Past the cap the service refuses page numbers, so
 * the cost of an uncapped deep OFFSET is timed on the list's own statement shape in plain SQL.
 * Medians of repeated runs on one connection; totals come from the count cache after the first.
 *   npx tsx bench/deep-pages.ts 100000
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfig } from '../src/config.js'
import { openDatabase } from '../src/database.js'
import { seedSynthetic } from '../src/db/seed/synthetic.js'
import { createServices } from '../src/services.js'
import { median } from './report.js'

const articles = Number(process.argv[2] ?? 100_000)
const rounds = Number(process.argv[3] ?? 30)
const dir = mkdtempSync(join(tmpdir(), 'quire-deep-pages-bench-'))
const now = new Date('2026-06-01T12:00:00Z')

function time (run: () => unknown): number {
  run() // warm: statement prepared, total cached
  const times: number[] = []
  for (let i = 0; i < rounds; i++) {
    const started = performance.now()
    run()
    times.push(performance.now() - started)
  }
  return median(times)
}

try {
  const db = openDatabase(join(dir, 'quire.db'))
  const started = performance.now()
  seedSynthetic(db, { articles, now })
  console.log(`seeded ${articles} articles in ${((performance.now() - started) / 1000).toFixed(1)} s; ${rounds} rounds per row, median`)
  const config = loadConfig({ NODE_ENV: 'production', CURSOR_SECRET: 'bench-cursor-secret-that-is-long-enough-000' })
  const { articles: service } = createServices({ db, clock: () => now, config })
  const limit = 20
  const rows: Array<[string, number]> = []

  for (const edition of [undefined, 'en'] as const) {
    const scope = edition === undefined ? 'all editions' : `edition=${edition}`
    const base = edition === undefined ? {} : { edition }
    for (const page of [1, 10, 100, 250, 500]) {
      rows.push([`${scope}, page=${page} (offset ${(page - 1) * limit})`, time(() => service.listRecords({ ...base, limit, page }))])
    }
    // the cursor page at the cap's depth: walk there once, then time the one page
    let cursor: string | undefined
    for (let i = 0; i < 499; i++) cursor = service.listRecords({ ...base, limit, ...(cursor !== undefined ? { cursor } : {}) }).nextCursor ?? undefined
    const at = cursor
    rows.push([`${scope}, cursor at the same depth as page=500`, time(() => service.listRecords({ ...base, limit, ...(at !== undefined ? { cursor: at } : {}) }))])
  }

  // past the cap: the statement a numbered page runs, at offsets the service refuses
  const client = db.$client
  const nowMs = now.getTime()
  const deep = client.prepare('select id, title from articles where visible_from <= ? order by visible_from desc, id desc limit ? offset ?')
  for (const offset of [10_000, Math.floor(articles / 2), articles - limit]) {
    rows.push([`plain SQL, all editions, offset ${offset} (past the cap)`, time(() => deep.all(nowMs, limit + 1, offset))])
  }

  console.log('\n| request (limit=20) | median ms |\n|---|---|')
  for (const [name, ms] of rows) console.log(`| ${name} | ${ms.toFixed(2)} |`)
  db.$client.close()
} finally {
  rmSync(dir, { recursive: true, force: true })
}
