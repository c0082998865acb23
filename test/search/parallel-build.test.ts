import type Database from 'better-sqlite3'
import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { openDatabase } from '../../src/database.js'
import { duringBulkLoad } from '../../src/db/connection.js'
import { seedSynthetic } from '../../src/db/seed/synthetic.js'
import { rebuildSearchIndex } from '../../src/search/index-maintenance.js'
import { test, type TestApp } from '../helpers/app.js'
import { TEST_NOW } from '../helpers/clock.js'
import { insertArticle, openForeignWriter, searchIds } from '../helpers/search.js'

// The search index of an append-only bulk load, built by a worker thread beside the load and
// copied in at its end (src/search/parallel-build.ts).

let app: TestApp
let sql: Database.Database
test.beforeAll(({ app: built, sql: readOnly }) => { app = built; sql = readOnly })

const queries = ['bread prices', 'الخبز', 'نان', 'shqiperi', '"rising bread"', 'parliament', 'بودجه', 'qzforeign', 'qzappended']

/**
 * Everything FTS5 keeps of both indexes, the segments' bytes included, except the first four bytes
 * of the structure record (rowid 10): a counter of the structure's changes, not part of the index.
 */
function shadowTables (): Record<string, unknown[]> {
  const tables: Record<string, unknown[]> = {}
  for (const table of ['search_index', 'search_titles']) {
    tables[`${table}_data`] = sql.prepare(`select id, hex(case id when 10 then substr(block, 5) else block end) from ${table}_data order by id`).raw().all()
    tables[`${table}_idx`] = sql.prepare(`select segid, hex(term), pgno from ${table}_idx order by segid, term`).raw().all()
    tables[`${table}_docsize`] = sql.prepare(`select * from ${table}_docsize order by id`).raw().all()
    tables[`${table}_config`] = sql.prepare(`select k, v from ${table}_config order by k`).raw().all()
  }
  return tables
}

/** FTS5's own check of its structures (a command written as an insert, hence a writer). */
function integrityCheck (): void {
  const shell = openForeignWriter(app)
  try {
    for (const table of ['search_index', 'search_titles']) shell.exec(`insert into ${table} (${table}, rank) values ('integrity-check', 0)`)
  } finally {
    shell.close()
  }
}

const answers = async () => await Promise.all(queries.map((q) => searchIds(app, q, { limit: '100' })))

let warnings: string[] = []
function watchWarnings (): void {
  warnings = []
  vi.spyOn(process, 'emitWarning').mockImplementation((warning: string | Error) => { warnings.push(String(warning)) })
}
afterEach(() => { vi.restoreAllMocks() })

describe('the search index built beside a bulk load', () => {
  it('is the index a rebuild makes, byte for byte, and answers alike', async () => {
    watchWarnings()
    const writer = openDatabase(app.databasePath, { migrate: false })
    try {
      seedSynthetic(writer, { articles: 1500, now: TEST_NOW, batchSize: 400, parallelIndex: true })
    } finally {
      writer.$client.close()
    }
    expect(warnings).toEqual([])
    expect(sql.prepare('select count(*) from search_pending').pluck().get()).toBe(0)
    expect(existsSync(`${app.databasePath}.search-build`)).toBe(false)
    integrityCheck()
    const built = shadowTables()
    const before = await answers()
    expect(before.filter((ids) => ids.length > 0).length).toBeGreaterThanOrEqual(5)

    const db = openDatabase(app.databasePath, { migrate: false })
    try {
      rebuildSearchIndex(db.$client)
    } finally {
      db.$client.close()
    }
    expect(shadowTables()).toEqual(built)
    expect(await answers()).toEqual(before)
  })

  it('indexes rows appended by any loader, and pages, as per-write indexing would', async () => {
    watchWarnings()
    const writer = openDatabase(app.databasePath, { migrate: false })
    const appended: number[] = []
    try {
      duringBulkLoad(writer, () => {
        writer.$client.transaction(() => {
          for (let i = 0; i < 30; i++) appended.push(insertArticle(writer.$client, { title: `Qzappended number ${i}`, body: '<p>bread prices</p>' }))
        })()
      }, { appendOnly: true })
    } finally {
      writer.$client.close()
    }
    expect(warnings).toEqual([])
    integrityCheck()
    expect(await searchIds(app, 'qzappended', { limit: '100' })).toHaveLength(30)
    const indexed = sql.prepare('select id from search_index_docsize order by id').pluck().all()
    const expected = sql.prepare(`select id from (select id from articles where visible_from is not null
      union all select -id from pages where visible_from is not null) order by id`).pluck().all()
    expect(indexed).toEqual(expected)
    expect(indexed).toEqual(expect.arrayContaining(appended))
  })

  it('indexes what a failed load committed, and indexes per write again after it', async () => {
    watchWarnings()
    const writer = openDatabase(app.databasePath, { migrate: false })
    let committed = 0
    try {
      expect(() => duringBulkLoad(writer, () => {
        committed = insertArticle(writer.$client, { title: 'Qzfailed load committed this' })
        writer.$client.transaction(() => {
          insertArticle(writer.$client, { title: 'Qzfailed load rolled this back' })
          throw new Error('the load failed')
        })()
      }, { appendOnly: true })).toThrow('the load failed')
      const after = insertArticle(writer.$client, { title: 'Qzfailed written after the load' })
      // per-write indexing is back: indexed in the writer's own transaction
      expect(writer.$client.prepare("select rowid from search_index where search_index match 'qzfailed' order by rowid").pluck().all())
        .toEqual([committed, after])
    } finally {
      writer.$client.close()
    }
    expect(warnings).toEqual([])
    integrityCheck()
    expect(existsSync(`${app.databasePath}.search-build`)).toBe(false)
  })

  it('falls back to the queue when its scratch file cannot be made, and the load still completes', async () => {
    watchWarnings()
    // something that is not ours stands where the scratch file goes
    const scratch = `${app.databasePath}.search-build`
    mkdirSync(scratch)
    const writer = openDatabase(app.databasePath, { migrate: false })
    let loaded = 0
    let after = 0
    try {
      duringBulkLoad(writer, () => { loaded = insertArticle(writer.$client, { title: 'Qzblocked loaded while the scratch was taken' }) }, { appendOnly: true })
      after = insertArticle(writer.$client, { title: 'Qzblocked written after the load' })
    } finally {
      writer.$client.close()
      rmSync(scratch, { recursive: true })
    }
    expect(warnings).toEqual([expect.stringContaining('cannot be built beside the load')])
    expect(await searchIds(app, 'qzblocked', { limit: '100' })).toEqual(expect.arrayContaining([loaded, after]))
    expect(sql.prepare('select count(*) from search_pending').pluck().get()).toBe(0)
    integrityCheck()
  })

  it('is not used when another connection wrote during the load: the queue is indexed instead', async () => {
    watchWarnings()
    const writer = openDatabase(app.databasePath, { migrate: false })
    let foreign = 0
    try {
      duringBulkLoad(writer, () => {
        insertArticle(writer.$client, { title: 'Qzappended before the other writer' })
        const shell = openForeignWriter(app)
        foreign = insertArticle(shell, { title: 'Qzforeign written beside the load' })
        shell.close()
        insertArticle(writer.$client, { title: 'Qzappended after the other writer' })
      }, { appendOnly: true })
    } finally {
      writer.$client.close()
    }
    expect(warnings).toEqual([expect.stringContaining('another connection wrote during the load')])
    expect(existsSync(`${app.databasePath}.search-build`)).toBe(false)
    integrityCheck()
    expect(await searchIds(app, 'qzforeign')).toEqual([foreign])
    expect(await searchIds(app, 'qzappended other writer', { limit: '100' })).toHaveLength(2)
    expect(sql.prepare('select count(*) from search_pending').pluck().get()).toBe(0)
  })
})
