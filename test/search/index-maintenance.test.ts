import type Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/database.js'
import { seedSynthetic } from '../../src/db/seed/synthetic.js'
import { runSearchCommand } from '../../src/search/command.js'
import { test, type TestApp } from '../helpers/app.js'
import { TEST_NOW } from '../helpers/clock.js'
import { insertArticle, openForeignWriter, openWriter, searchIds } from '../helpers/search.js'

let app: TestApp
let sql: Database.Database
test.beforeAll(({ app: built, sql: readOnly }) => { app = built; sql = readOnly })

/**
 * What the index holds (the rowids of its documents) against what it should hold: every published
 * and scheduled article under its id, every such page under minus its id (titles: articles only).
 */
function indexState () {
  const indexed = sql.prepare('select id from search_index_docsize order by id').pluck().all()
  const titles = sql.prepare('select id from search_titles_docsize order by id').pluck().all()
  const articles = sql.prepare('select id from articles where visible_from is not null order by id').pluck().all()
  const expected = sql.prepare(`select id from (select id from articles where visible_from is not null
    union all select -id from pages where visible_from is not null) order by id`).pluck().all()
  return { indexed, titles, expected, articles }
}

// FTS5's own defaults, which a bulk load raises while it runs (src/search/index-maintenance.ts)
const defaults = { automerge: 4, crisismerge: 16, hashsize: 1048576 }
const defaultSettings = { search_index: defaults, search_titles: defaults }

function indexSettings (): Record<string, Record<string, number>> {
  const settings: Record<string, Record<string, number>> = {}
  for (const table of ['search_index', 'search_titles']) {
    const rows = sql.prepare(`select k, v from ${table}_config where k <> 'version' order by k`).all() as Array<{ k: string, v: number }>
    settings[table] = Object.fromEntries(rows.map((row) => [row.k, row.v]))
  }
  return settings
}

describe('the search index', () => {
  it('is maintained by triggers on articles that survive every migration', () => {
    const triggers = sql.prepare("select name from sqlite_master where type = 'trigger' and tbl_name = 'articles' order by name").pluck().all()
    expect(triggers).toEqual(expect.arrayContaining(['search_articles_delete', 'search_articles_insert', 'search_articles_update']))
    const index = sql.prepare("select sql from sqlite_master where type = 'index' and name = 'articles_search_filter_idx'").pluck().get()
    expect(index).toMatch(/\(`id`,\s*`edition_id`,\s*`visible_from`\)/)
  })

  it('holds exactly the published and scheduled articles of the seeded demo', () => {
    const state = indexState()
    expect(state.indexed).toEqual(state.expected)
    expect(state.titles).toEqual(state.articles)
    expect(sql.prepare('select count(*) from search_pending').pluck().get()).toBe(0)
  })

  it('indexes a write of an openDatabase connection in the same transaction', () => {
    const writer = openWriter(app)
    try {
      const rolledBack = writer.transaction(() => {
        const id = insertArticle(writer, { title: 'Qzinside transaction' })
        expect(writer.prepare("select rowid from search_index where search_index match 'qzinside'").pluck().all()).toEqual([id])
        expect(writer.prepare('select count(*) from search_pending').pluck().get()).toBe(0)
        throw new Error('roll back')
      })
      expect(() => rolledBack()).toThrow('roll back')
      expect(writer.prepare("select count(*) from search_index where search_index match 'qzinside'").pluck().get()).toBe(0)
      const draft = insertArticle(writer, { title: 'Qzdraft never indexed', status: 'draft' })
      expect(indexState().indexed).not.toContain(draft)
    } finally {
      writer.close()
    }
  })

  it('catches up with other connections\' writes when a database is opened', () => {
    const shell = openForeignWriter(app)
    const id = insertArticle(shell, { title: 'Qzqueued while away' })
    shell.close()
    expect(sql.prepare('select article_id from search_pending').pluck().all()).toEqual([id])
    openDatabase(app.databasePath, { migrate: false }).$client.close()
    expect(sql.prepare('select count(*) from search_pending').pluck().get()).toBe(0)
    expect(indexState().indexed).toContain(id)
  })

  it('follows the synthetic seeder, which indexes in bulk at the end', async () => {
    const writer = openDatabase(app.databasePath, { migrate: false })
    seedSynthetic(writer, { articles: 120, now: TEST_NOW })
    writer.$client.close()
    const state = indexState()
    expect(state.indexed).toEqual(state.expected)
    expect(state.titles).toEqual(state.articles)
    // the bulk load's buffer and merge settings are not left behind in the index
    expect(indexSettings()).toEqual(defaultSettings)
  })

  it('puts back the settings of a bulk load whose process died, when the database is next opened', async () => {
    const shell = openForeignWriter(app)
    for (const table of ['search_index', 'search_titles']) {
      shell.exec(`insert into ${table} (${table}, rank) values ('automerge', 0); insert into ${table} (${table}, rank) values ('hashsize', 67108864);
        insert into ${table} (${table}, rank) values ('crisismerge', 1000)`)
    }
    shell.close()
    expect(indexSettings().search_index).toEqual({ automerge: 0, crisismerge: 1000, hashsize: 67108864 })
    openDatabase(app.databasePath, { migrate: false }).$client.close()
    expect(indexSettings()).toEqual(defaultSettings)
    expect((await searchIds(app, 'bread prices')).length).toBeGreaterThan(0)
  })

  it('is rebuilt from scratch by `quire search rebuild` into the same answers', async () => {
    const queries = ['bread prices', 'الخبز', 'نان', 'shqiperi', '"rising bread"', 'qzqueued']
    const before = await Promise.all(queries.map((q) => searchIds(app, q, { limit: '100' })))
    const db = openDatabase(app.databasePath, { migrate: false })
    const out: string[] = []
    const io = { out: (text: string) => { out.push(text) }, err: (text: string) => { out.push(text) } }
    try {
      // a stale index: an article missing from it
      db.$client.prepare('delete from search_index where rowid = (select min(id) from articles where visible_from is not null)').run()
      expect(runSearchCommand(db, ['rebuild'], io)).toBe(0)
      expect(runSearchCommand(db, ['rebuild', '--now'], io)).toBe(1)
      expect(runSearchCommand(db, [], io)).toBe(1)
    } finally {
      db.$client.close()
    }
    const { articles, expected } = indexState()
    expect(out[0]).toMatch(new RegExp(`^search index rebuilt: ${articles.length} articles and ${expected.length - articles.length} pages in \\d+ ms\\n$`))
    expect(out.slice(1)).toEqual(['usage: quire search rebuild\n', 'usage: quire search rebuild\n'])
    const state = indexState()
    expect(state.indexed).toEqual(state.expected)
    expect(state.titles).toEqual(state.articles)
    expect(indexSettings()).toEqual(defaultSettings)
    expect(await Promise.all(queries.map((q) => searchIds(app, q, { limit: '100' })))).toEqual(before)
  })
})
