import type Database from 'better-sqlite3'
import { htmlToWords } from '../editorial/html-text.js'
import { normalizeSearchText } from './normalize.js'

/*
 * How the index follows the articles table, whoever writes to it:
 * 1. Persistent triggers (migration 0003_search) put the id of every article inserted, deleted, or
 *    updated in a searchable column (title, excerpt, body, status, published_at) into
 *    `search_pending`. They are plain SQL, so every connection's writes are caught, the sqlite3
 *    shell's included.
 * 2. On connections opened by `openDatabase` (the server, the CLI, seeders, tests), a TEMP trigger
 *    on `search_pending` reindexes the article at once — inside the writer's own transaction, with
 *    the `quire_normalize` and `quire_html_text` functions only those connections have — and takes
 *    it off the queue. Publishing, unpublishing, editing and deleting are therefore searchable
 *    the moment they commit.
 * 3. Writes from other connections wait in the queue until the next search applies it (a one-row
 *    probe per query), the next `openDatabase`, or `quire search rebuild`.
 * Only published and scheduled articles (visible_from not null) are indexed; whether they are due
 * is decided at query time, so a scheduled article becomes findable at its instant with no write.
 */

const APPLY_TRIGGER = 'search_pending_apply'
// rows per transaction: small when catching up beside live traffic (short write locks), large in
// bulk loads, where every commit flushes and merges index segments (5,000 took a fifth off seeding)
const CATCH_UP_BATCH = 500
const BULK_BATCH = 5000
const OPTIMIZE_AFTER = 10_000

const applyTriggerSql = `create temp trigger if not exists ${APPLY_TRIGGER} after insert on main.search_pending begin
  delete from search_index where rowid = new.article_id;
  delete from search_titles where rowid = new.article_id;
  insert into search_index (rowid, title, excerpt, body)
    select id, quire_normalize(title), quire_normalize(excerpt), quire_normalize(quire_html_text(body))
    from articles where id = new.article_id and visible_from is not null;
  insert into search_titles (rowid, title)
    select id, quire_normalize(title) from articles where id = new.article_id and visible_from is not null;
  delete from search_pending where article_id = new.article_id;
end`

interface PendingRow { id: number, title: string | null, excerpt: string | null, body: string | null, indexed: number | null }

const hasSearchTables = (client: Database.Database): boolean =>
  client.prepare("select 1 from sqlite_master where type = 'table' and name = 'search_pending'").get() !== undefined

// Bulk loads repeat bodies (syndicated copy, the synthetic seeder's templates); the memo makes
// the second copy free — normalized and already UTF-8 — and costs a hash lookup otherwise.
// Bounded: cleared when full.
const BODY_MEMO_SIZE = 1024

/** Index writes of one connection for the bulk paths: the queue and a rebuild. */
function indexWriter (client: Database.Database) {
  const removeDocument = client.prepare('delete from search_index where rowid = ?')
  const removeTitle = client.prepare('delete from search_titles where rowid = ?')
  const insertDocument = client.prepare('insert into search_index (rowid, title, excerpt, body) values (?, ?, ?, cast(? as text))')
  const insertTitle = client.prepare('insert into search_titles (rowid, title) values (?, ?)')
  const normalized = (text: string | null) => text === null ? null : normalizeSearchText(text)
  const bodies = new Map<string, Buffer>()
  const bodyText = (html: string): Buffer => {
    let text = bodies.get(html)
    if (text === undefined) {
      text = Buffer.from(normalizeSearchText(htmlToWords(html)))
      if (bodies.size >= BODY_MEMO_SIZE) bodies.clear()
      bodies.set(html, text)
    }
    return text
  }
  return {
    remove (id: number) {
      removeDocument.run(id)
      removeTitle.run(id)
    },
    insert (row: { id: number, title: string | null, excerpt: string | null, body: string | null }) {
      const title = normalized(row.title)
      insertDocument.run(row.id, title, normalized(row.excerpt), row.body === null ? null : bodyText(row.body))
      insertTitle.run(row.id, title)
    }
  }
}

/** Applies every queued change; returns how many articles were reindexed or removed. */
export function applyPendingSearchUpdates (client: Database.Database, batchSize = CATCH_UP_BATCH): number {
  const writer = indexWriter(client)
  const batch = client.prepare(`select p.article_id as id, a.title, a.excerpt, a.body, a.visible_from is not null as indexed
    from search_pending p left join articles a on a.id = p.article_id order by p.article_id limit ${batchSize}`)
  const dequeue = client.prepare('delete from search_pending where article_id between ? and ?')
  // one transaction per batch: other writers interleave, and each batch sees a stable queue
  const applyBatch = client.transaction((): number => {
    const rows = batch.all() as PendingRow[]
    for (const row of rows) {
      writer.remove(row.id)
      if (row.indexed === 1) writer.insert(row)
    }
    if (rows.length > 0) dequeue.run(rows[0]!.id, rows[rows.length - 1]!.id)
    return rows.length
  })
  let total = 0
  for (let done = applyBatch.immediate(); done > 0; done = applyBatch.immediate()) total += done
  return total
}

function optimize (client: Database.Database): void {
  client.exec(`insert into search_index (search_index) values ('optimize');
    insert into search_titles (search_titles) values ('optimize');`)
}

/**
 * Keeps this connection's writes in step with the index (the TEMP trigger above) and catches up
 * with what other connections queued. A database without the search tables (opened before
 * migrating) is left alone.
 */
export function attachSearchIndexing (client: Database.Database): void {
  if (!hasSearchTables(client)) return
  client.exec(applyTriggerSql)
  applyPendingSearchUpdates(client)
}

/**
 * For bulk loads: this connection's article writes are only queued until `resume`, which indexes
 * them in batches and turns per-write indexing back on.
 */
export function deferSearchIndexing (client: Database.Database): { resume: () => number } {
  if (!hasSearchTables(client)) return { resume: () => 0 }
  client.exec(`drop trigger if exists temp.${APPLY_TRIGGER}`)
  return {
    resume () {
      const applied = applyPendingSearchUpdates(client, BULK_BATCH)
      // a bulk load leaves the index in many segments, each searched per term: merge them
      if (applied >= OPTIMIZE_AFTER) optimize(client)
      client.exec(applyTriggerSql)
      return applied
    }
  }
}

/**
 * Rebuilds both indexes from the articles table in one transaction (readers keep the old index
 * until it commits), then merges the index into one segment, the fastest shape to query.
 */
export function rebuildSearchIndex (client: Database.Database): { indexed: number } {
  const writer = indexWriter(client)
  const batch = client.prepare(`select id, title, excerpt, body from articles
    where visible_from is not null and id > ? order by id limit ${BULK_BATCH}`)
  let indexed = 0
  client.transaction(() => {
    client.exec(`insert into search_index (search_index) values ('delete-all');
      insert into search_titles (search_titles) values ('delete-all');
      delete from search_pending;`)
    for (let after = 0; ;) {
      const rows = batch.all(after) as Array<{ id: number, title: string, excerpt: string | null, body: string }>
      if (rows.length === 0) break
      for (const row of rows) writer.insert(row)
      indexed += rows.length
      after = rows[rows.length - 1]!.id
    }
    optimize(client)
  }).immediate()
  return { indexed }
}
