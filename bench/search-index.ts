/*
 * The cost of the search index at volume, without HTTP: seeds N synthetic articles into a fresh
 * database, reports the index's size and the service's two-term search latency (p50 and p95 over
 * repeated queries on one connection; the count cache is bypassed by a new filter each round).
 *   npx tsx bench/search-index.ts 100000
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfig } from '../src/config.js'
import { openDatabase } from '../src/database.js'
import { seedSynthetic } from '../src/db/seed/synthetic.js'
import { createServices } from '../src/services.js'

const articles = Number(process.argv[2] ?? 100_000)
const dir = mkdtempSync(join(tmpdir(), 'quire-search-bench-'))
const now = new Date('2026-06-01T12:00:00Z')
try {
  const db = openDatabase(join(dir, 'quire.db'))
  let started = performance.now()
  seedSynthetic(db, { articles, now })
  console.log(`seeded ${articles} articles in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  const size = (like: string) => db.$client.prepare('select coalesce(sum(pgsize), 0) from dbstat where name like ?').pluck().get(like) as number
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`
  console.log(`database ${mb(size('%'))}; search_index ${mb(size('search_index%'))}; search_titles ${mb(size('search_titles%'))}`)
  const config = loadConfig({ NODE_ENV: 'production', QUIRE_CURSOR_SECRET: 'bench-cursor-secret-that-is-long-enough-000' })
  const { search } = createServices({ db, clock: () => now, config })
  for (const [edition, q] of [['en', 'bread prices'], ['ar', 'أسعار الخبز'], ['sq', 'cmimet e bukes'], ['fa', 'قیمت نان']] as const) {
    const times: number[] = []
    for (let round = 0; round < 60; round++) {
      // a different publishedBefore each round: no cached total
      const publishedBefore = new Date(now.getTime() + 1000 + round).toISOString()
      started = performance.now()
      const page = search.search({ q, edition, publishedBefore, limit: 20 })
      times.push(performance.now() - started)
      if (round === 0) console.log(`${edition} «${q}»: ${page.total} matches`)
    }
    times.sort((a, b) => a - b)
    console.log(`${edition} «${q}»: p50 ${times[30]!.toFixed(1)} ms, p95 ${times[57]!.toFixed(1)} ms (service, one connection)`)
  }
  db.$client.close()
} finally {
  rmSync(dir, { recursive: true, force: true })
}
