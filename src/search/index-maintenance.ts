import type Database from 'better-sqlite3'
import type { BulkLoadOptions } from '../db/connection.js'
import {
  applySettings, BULK_SETTINGS, DEFAULT_SETTINGS, indexColumns, indexEvery, indexWriter, optimize, SEARCH_TABLES,
  type DocumentRow, type Writer
} from './index-writer.js'
import { startParallelBuild } from './parallel-build.js'

/*
 * How the index follows the articles and pages tables, whoever writes to them:
 * 1. Persistent triggers (migrations 0003_search and 0007) put the id of every article or page
 *    inserted, deleted, or updated in a searchable column (title, excerpt, body, status,
 *    published_at) into `search_pending` (articles) or `search_pending_pages`. They are plain SQL,
 *    so every connection's writes are caught, the sqlite3 shell's included.
 * 2. On connections opened by `openDatabase` (the server, the CLI, seeders, tests), TEMP triggers
 *    on the queues reindex the document at once — inside the writer's own transaction, with the
 *    `quire_index_words`, `quire_search_forms` and `quire_html_text` functions only those
 *    connections have — and take it off the queue. Publishing, unpublishing, editing and deleting
 *    are therefore searchable the moment they commit.
 * 3. Writes from other connections wait in the queue until the next search applies it (a one-row
 *    probe per query), the next `openDatabase`, or `quire search rebuild`.
 * Only published and scheduled documents (visible_from not null) are indexed; whether they are due
 * is decided at query time, so a scheduled one becomes findable at its instant with no write.
 * One index holds both: an article under its id, a page under minus its id, so one MATCH ranks
 * them together. Each field is indexed twice: its exact words and its word forms (word-forms.ts).
 */

const APPLY_TRIGGER = 'search_pending_apply'
const APPLY_PAGES_TRIGGER = 'search_pending_pages_apply'
// rows per transaction: small when catching up beside live traffic (short write locks), large in
// bulk loads, where every commit flushes and merges index segments (5,000 took a fifth off seeding)
const CATCH_UP_BATCH = 500
const BULK_BATCH = 5000
const OPTIMIZE_AFTER = 10_000

function withBulkSettings<T> (client: Database.Database, load: () => T): T {
  applySettings(client, BULK_SETTINGS)
  try {
    return load()
  } finally {
    applySettings(client, DEFAULT_SETTINGS)
  }
}

/** Puts back settings a bulk load left when its process died before it ended. */
function restoreSettingsAfterBulkLoad (client: Database.Database): void {
  const left = SEARCH_TABLES.some((table) =>
    client.prepare(`select 1 from ${table}_config where k = 'automerge' and v = 0`).get() !== undefined)
  if (left) applySettings(client, DEFAULT_SETTINGS)
}

const applyTriggerSql = `create temp trigger if not exists ${APPLY_TRIGGER} after insert on main.search_pending begin
  delete from search_index where rowid = new.article_id;
  delete from search_titles where rowid = new.article_id;
  insert into search_index (${indexColumns})
    select a.id, quire_index_words(a.title), quire_index_words(a.excerpt), quire_index_words(quire_html_text(a.body)),
      quire_search_forms(a.title, e.code), quire_search_forms(a.excerpt, e.code), quire_search_forms(quire_html_text(a.body), e.code)
    from articles a join editions e on e.id = a.edition_id where a.id = new.article_id and a.visible_from is not null;
  insert into search_titles (rowid, title)
    select id, quire_index_words(title) from articles where id = new.article_id and visible_from is not null;
  delete from search_pending where article_id = new.article_id;
end;
create temp trigger if not exists ${APPLY_PAGES_TRIGGER} after insert on main.search_pending_pages begin
  delete from search_index where rowid = -new.page_id;
  insert into search_index (${indexColumns})
    select -p.id, quire_index_words(p.title), null, quire_index_words(quire_html_text(p.body)),
      quire_search_forms(p.title, e.code), null, quire_search_forms(quire_html_text(p.body), e.code)
    from pages p join editions e on e.id = p.edition_id where p.id = new.page_id and p.visible_from is not null;
  delete from search_pending_pages where page_id = new.page_id;
end`

const dropTriggersSql = `drop trigger if exists temp.${APPLY_TRIGGER}; drop trigger if exists temp.${APPLY_PAGES_TRIGGER};`

interface PendingRow extends DocumentRow { indexed: number | null }

// the search tables as migration 0007 left them: a database opened before migrating is left alone
const hasSearchTables = (client: Database.Database): boolean =>
  client.prepare("select 1 from sqlite_master where type = 'table' and name = 'search_pending_pages'").get() !== undefined

/** One queue (articles or pages) applied in batches, each in its own transaction. */
function applyQueue (client: Database.Database, writer: Writer, batchSize: number, kind: 'articles' | 'pages'): number {
  const queue = kind === 'articles' ? { table: 'search_pending', key: 'article_id' } : { table: 'search_pending_pages', key: 'page_id' }
  const excerpt = kind === 'articles' ? 'd.excerpt' : 'null'
  const batch = client.prepare(`select q.${queue.key} as id, d.title, ${excerpt} as excerpt, cast(d.body as blob) as body, e.code as edition,
      d.visible_from is not null as indexed
    from ${queue.table} q left join ${kind} d on d.id = q.${queue.key} left join editions e on e.id = d.edition_id
    order by q.${queue.key} limit ${batchSize}`)
  const dequeue = client.prepare(`delete from ${queue.table} where ${queue.key} between ? and ?`)
  // one transaction per batch: other writers interleave, and each batch sees a stable queue
  const applyBatch = client.transaction((): number => {
    const rows = batch.all() as PendingRow[]
    for (const row of rows) {
      if (kind === 'articles') {
        writer.remove(row.id)
        if (row.indexed === 1) writer.insert(row)
      } else {
        writer.removePage(row.id)
        if (row.indexed === 1) writer.insertPage(row)
      }
    }
    if (rows.length > 0) dequeue.run(rows[0]!.id, rows[rows.length - 1]!.id)
    return rows.length
  })
  let total = 0
  for (let done = applyBatch.immediate(); done > 0; done = applyBatch.immediate()) total += done
  return total
}

/** Applies every queued change; returns how many articles and pages were reindexed or removed. */
export function applyPendingSearchUpdates (client: Database.Database, batchSize = CATCH_UP_BATCH): number {
  const writer = indexWriter(client)
  return applyQueue(client, writer, batchSize, 'articles') + applyQueue(client, writer, batchSize, 'pages')
}

/**
 * Keeps this connection's writes in step with the index (the TEMP triggers above) and catches up
 * with what other connections queued. A database without the search tables (opened before
 * migrating) is left alone.
 */
export function attachSearchIndexing (client: Database.Database): void {
  if (!hasSearchTables(client)) return
  restoreSettingsAfterBulkLoad(client)
  client.exec(applyTriggerSql)
  applyPendingSearchUpdates(client)
}

/**
 * For bulk loads: this connection's article writes are only queued until `resume`, which indexes
 * them in batches and turns per-write indexing back on. A load that only appends has its index
 * built on another core while it writes (parallel-build.ts); if that build cannot be used, `resume`
 * indexes the queue as for any other load.
 */
export function deferSearchIndexing (client: Database.Database, options: BulkLoadOptions = {}): { resume: () => number } {
  if (!hasSearchTables(client)) return { resume: () => 0 }
  client.exec(dropTriggersSql)
  let parallel: ReturnType<typeof startParallelBuild> = null
  try {
    if (options.appendOnly === true) parallel = startParallelBuild(client)
  } catch (error) {
    // the triggers are already off: the load must go on, and be indexed from the queue at its end
    process.emitWarning(`search index cannot be built beside the load (${error instanceof Error ? error.message : String(error)}); indexing the load's rows at its end`)
  }
  return {
    resume () {
      const built = parallel?.finish()
      if (built !== undefined && !built.merged) process.emitWarning(`search index built beside the load not used (${built.reason}); indexing the load's rows now`)
      const applied = built?.merged === true
        ? built.indexed
        : withBulkSettings(client, () => {
          const count = applyPendingSearchUpdates(client, BULK_BATCH)
          // a bulk load leaves the index in many segments, each searched per term: merge them
          if (count >= OPTIMIZE_AFTER) optimize(client)
          return count
        })
      client.exec(applyTriggerSql)
      return applied
    }
  }
}

/**
 * Rebuilds both indexes from the articles and pages tables in one transaction (readers keep the
 * old index until it commits), then merges the index into one segment, the fastest shape to query.
 */
export function rebuildSearchIndex (client: Database.Database): { articles: number, pages: number } {
  const writer = indexWriter(client)
  const indexed = { articles: 0, pages: 0 }
  withBulkSettings(client, () => client.transaction(() => {
    client.exec(`insert into search_index (search_index) values ('delete-all');
      insert into search_titles (search_titles) values ('delete-all');
      delete from search_pending;
      delete from search_pending_pages;`)
    for (const kind of ['articles', 'pages'] as const) indexed[kind] = indexEvery(client, writer, kind, BULK_BATCH)
    optimize(client)
  }).immediate())
  return indexed
}
