import type Database from 'better-sqlite3'
import { htmlToWords } from '../editorial/html-text.js'
import { indexedWords } from './normalize.js'
import { indexedForms, languageOfEdition } from './word-forms.js'

/*
 * Writing documents into the two FTS5 indexes, for every path that writes many at once: the queue
 * catch-up and the rebuild (index-maintenance.ts), and the index built beside a bulk load
 * (parallel-build.ts).
 */

/*
 * FTS5 settings for a bulk load that ends in 'optimize'. By default FTS5 flushes its in-memory
 * terms every 1 MB (a new segment every hundred-odd articles) and merges segments as they pile
 * up; a load that merges everything into one segment at its end does that work for nothing. With
 * a 64 MB buffer and no merging on the way, rebuilding the index of 100,000 articles took 24 s
 * instead of 32 s. The settings are stored in the index, so they are put back when the load ends,
 * and by the next `openDatabase` if the process died during one.
 */
export const BULK_SETTINGS = { hashsize: 64 * 1024 * 1024, automerge: 0, crisismerge: 1000 }
export const DEFAULT_SETTINGS = { hashsize: 1024 * 1024, automerge: 4, crisismerge: 16 }
export const SEARCH_TABLES = ['search_index', 'search_titles'] as const

export function applySettings (client: Database.Database, settings: typeof DEFAULT_SETTINGS): void {
  for (const table of SEARCH_TABLES) {
    const set = client.prepare(`insert into ${table} (${table}, rank) values (?, ?)`)
    // FTS5 takes only an integer, and better-sqlite3 binds a JS number as a real
    for (const [name, value] of Object.entries(settings)) set.run(name, BigInt(value))
  }
}

export const indexColumns = 'rowid, title, excerpt, body, title_forms, excerpt_forms, body_forms'

/** `body` is read as its UTF-8 bytes (`cast(body as blob)`): see `indexWriter`. */
export interface DocumentRow { id: number, title: string | null, excerpt: string | null, body: Buffer | null, edition: string }

interface IndexedText { text: Buffer, forms: Buffer }

// Bulk loads repeat text (syndicated copy; the synthetic seeder's headlines, excerpts and bodies):
// the memo makes each repeat free — normalized, stemmed and already UTF-8 — and costs a hash lookup
// otherwise. Stemming a seed's titles and excerpts anew for every row took nearly a fifth of its time.
// Bounded (some 20 MB of bodies at most): cleared when full.
function textMemo (size: number, toWords: (text: string) => string) {
  // one map per edition, so a key is the text itself, never a concatenation
  const editions = new Map<string, Map<string, IndexedText>>()
  let entries = 0
  return (key: string, edition: string, text: () => string): IndexedText => {
    let memo = editions.get(edition)
    if (memo === undefined) editions.set(edition, memo = new Map<string, IndexedText>())
    let entry = memo.get(key)
    if (entry === undefined) {
      const words = toWords(text())
      entry = { text: Buffer.from(indexedWords(words)), forms: Buffer.from(indexedForms(words, languageOfEdition(edition))) }
      if (entries >= size) {
        editions.clear()
        editions.set(edition, memo = new Map<string, IndexedText>())
        entries = 0
      }
      memo.set(key, entry)
      entries++
    }
    return entry
  }
}

/** Index writes of one connection for the bulk paths: the queues and a rebuild. */
export function indexWriter (client: Database.Database) {
  const removeDocument = client.prepare('delete from search_index where rowid = ?')
  const removeTitle = client.prepare('delete from search_titles where rowid = ?')
  const insertDocument = client.prepare(`insert into search_index (${indexColumns}) values (?, cast(? as text), cast(? as text), cast(? as text), cast(? as text), cast(? as text), cast(? as text))`)
  const insertTitle = client.prepare('insert into search_titles (rowid, title) values (?, cast(? as text))')
  const plain = textMemo(4096, (text) => text)
  const html = textMemo(1024, htmlToWords)
  const insert = (rowid: number, row: DocumentRow): Buffer | null => {
    const { title: titleText, excerpt: excerptText, body: bodyBytes } = row
    const title = titleText === null ? null : plain(titleText, row.edition, () => titleText)
    const excerpt = excerptText === null ? null : plain(excerptText, row.edition, () => excerptText)
    // a body's UTF-8 bytes read as Latin-1 are as exact a key as its text, and far cheaper to make
    // than decoding 5 KB of Arabic or Persian text, which is only needed on a miss (V8 decodes
    // the bytes as better-sqlite3 would have)
    const body = bodyBytes === null ? null : html(bodyBytes.toString('latin1'), row.edition, () => bodyBytes.toString('utf8'))
    insertDocument.run(rowid, title?.text ?? null, excerpt?.text ?? null, body?.text ?? null,
      title?.forms ?? null, excerpt?.forms ?? null, body?.forms ?? null)
    return title?.text ?? null
  }
  return {
    remove (id: number) {
      removeDocument.run(id)
      removeTitle.run(id)
    },
    removePage (id: number) {
      removeDocument.run(-id)
    },
    insert (row: DocumentRow) {
      insertTitle.run(row.id, insert(row.id, row))
    },
    insertPage (row: DocumentRow) {
      insert(-row.id, row)
    }
  }
}

export type Writer = ReturnType<typeof indexWriter>

/** Documents of one kind, `limit` at a time after an id, as `indexWriter` takes them. */
export function documentBatch (client: Database.Database, kind: 'articles' | 'pages', limit: number): Database.Statement<[number], DocumentRow> {
  return client.prepare(`select d.id, d.title, ${kind === 'articles' ? 'd.excerpt' : 'null'} as excerpt,
      cast(d.body as blob) as body, e.code as edition
    from ${kind} d join editions e on e.id = d.edition_id
    where d.visible_from is not null and d.id > ? order by d.id limit ${limit}`)
}

/**
 * Indexes every visible document of one kind from `source` with `writer` (which may write to
 * another file), a batch at a time; returns how many.
 */
export function indexEvery (source: Database.Database, writer: Writer, kind: 'articles' | 'pages', limit: number): number {
  const batch = documentBatch(source, kind, limit)
  const insert = kind === 'articles' ? writer.insert : writer.insertPage
  let indexed = 0
  for (let after = 0; ;) {
    const rows = batch.all(after)
    if (rows.length === 0) return indexed
    for (const row of rows) insert(row)
    indexed += rows.length
    after = rows[rows.length - 1]!.id
  }
}

export function optimize (client: Database.Database): void {
  client.exec(`insert into search_index (search_index) values ('optimize');
    insert into search_titles (search_titles) values ('optimize');`)
}
