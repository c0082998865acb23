import Database from 'better-sqlite3'
import { workerData, type MessagePort } from 'node:worker_threads'
import { applySettings, BULK_SETTINGS, DEFAULT_SETTINGS, documentBatch, indexEvery, indexWriter, optimize } from './index-writer.js'
import { BUILD, BUILD_FAILED, BUILT, LOADER, LOADER_FINISHED, STARTED, type BuildData, type BuildReport } from './parallel-build-state.js'

/*
 * The worker thread of parallel-build.ts. It reads what the bulk load commits (WAL lets it read
 * beside the writer), indexes it into the scratch file, and when the load has finished indexes the
 * rest, the pages, and merges the index into one segment. The writer thread only waits for it and
 * copies the result, so the two halves of a seed (rows, index) run on two cores.
 */

const BATCH = 5000
// how long to sleep when it has caught up with the writer; it wakes at once when the load ends
const IDLE_MS = 50

const { database, scratch, ddl, state: buffer, port } = workerData as BuildData & { port: MessagePort }
const state = new Int32Array(buffer)
Atomics.store(state, STARTED, 1)
const report = (message: BuildReport) => port.postMessage(message)

function build (): number {
  const source = new Database(database, { readonly: true, fileMustExist: true })
  const target = new Database(scratch)
  try {
    // a throwaway file: nothing to roll back or to survive a crash
    target.pragma('journal_mode = OFF')
    target.pragma('synchronous = OFF')
    for (const sql of ddl) target.exec(sql)
    applySettings(target, BULK_SETTINGS)
    const writer = indexWriter(target)
    // one transaction, so FTS5 flushes its terms only when its buffer is full
    target.exec('begin')
    let indexed = 0
    const articles = documentBatch(source, 'articles', BATCH)
    for (let after = 0; ;) {
      // read before the batch: a load that had finished by then has committed all its rows
      const finished = Atomics.load(state, LOADER) === LOADER_FINISHED
      const rows = articles.all(after)
      for (const row of rows) writer.insert(row)
      indexed += rows.length
      if (rows.length > 0) after = rows[rows.length - 1]!.id
      if (rows.length === BATCH) continue
      if (finished) break
      Atomics.wait(state, LOADER, 0, IDLE_MS)
    }
    indexed += indexEvery(source, writer, 'pages', BATCH)
    target.exec('commit')
    optimize(target)
    // the settings travel with the index into the database
    applySettings(target, DEFAULT_SETTINGS)
    return indexed
  } finally {
    source.close()
    target.close()
  }
}

try {
  report({ indexed: build() })
  Atomics.store(state, BUILD, BUILT)
} catch (error) {
  report({ error: error instanceof Error ? error.message : String(error) })
  Atomics.store(state, BUILD, BUILD_FAILED)
} finally {
  Atomics.notify(state, BUILD)
  port.close()
}
