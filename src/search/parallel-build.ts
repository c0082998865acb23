import type Database from 'better-sqlite3'
import { rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { MessageChannel, receiveMessageOnPort, Worker, type WorkerOptions } from 'node:worker_threads'
import {
  BUILD, BUILD_FAILED, BUILD_RUNNING, LOADER, LOADER_FINISHED, STARTED, STATE_SLOTS, type BuildData, type BuildReport
} from './parallel-build-state.js'
import { SEARCH_TABLES } from './index-writer.js'

/*
 * The search index of a bulk load that only appends (the synthetic seed), built on a second core.
 *
 * Indexing is more than half of a large seed's time: 100,000 articles took 15.6 s to write and
 * 34.1 s to index afterwards on one thread. Here a worker thread builds the whole index (the rows
 * already there, the rows the load commits as it goes, the pages) into a scratch file while the
 * rows are written, and the writer copies it into the database's FTS5 tables at the end.
 *
 * The copy writes FTS5's shadow tables (`search_index_data`, `_idx`, `_docsize`, `_config` and the
 * same of `search_titles`) wholesale from tables created by the same statements: the result is the
 * index FTS5 itself built, byte for byte. better-sqlite3 opens connections in SQLite's defensive
 * mode, which forbids writing shadow tables; it is lifted for that copy only.
 *
 * It is only right if nothing else changed what the worker read:
 * - other connections: `PRAGMA data_version` must not have moved since the start (it moves when
 *   another connection commits); checked inside the copy's write transaction;
 * - the loading connection: its load must only insert rows with ids above every existing one (the
 *   worker reads new rows by id), which is what `appendOnly` promises.
 * When a check fails, or the worker does, the caller indexes the queued rows itself as before.
 */

const SCRATCH_ALIAS = 'search_build'
// a worker that has not even started by the time the load ends is given this long, then abandoned
const START_GRACE_MS = 10_000

// Run from the sources (tests, `tsx`), the worker is a .ts file: it registers tsx's loader first, as
// its parent did (Node 20 gives a worker neither its parent's loader hooks nor `--import`). tsx's
// ESM register API sits beside its main entry, the one path its exports let `require` resolve.
function spawnWorker (options: WorkerOptions): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./index-build-worker.js', import.meta.url), options)
  const tsx = new URL('./esm/api/index.mjs', pathToFileURL(createRequire(import.meta.url).resolve('tsx'))).href
  const entry = new URL('./index-build-worker.ts', import.meta.url).href
  return new Worker(`import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}) })`,
    { ...options, eval: true })
}

export type BuildOutcome = { merged: true, indexed: number } | { merged: false, reason: string }

export interface ParallelBuild {
  /** Waits for the worker (the load has ended) and copies its index in; blocks the thread. */
  finish: () => BuildOutcome
}

const dataVersion = (client: Database.Database): number => client.pragma('data_version', { simple: true }) as number

function removeScratch (scratch: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(scratch + suffix, { force: true })
}

/** Starts the worker, or returns null where it cannot work (an in-memory or read-only database). */
export function startParallelBuild (client: Database.Database): ParallelBuild | null {
  if (client.memory || client.readonly || client.inTransaction) return null
  const scratch = `${client.name}.search-build`
  removeScratch(scratch)
  const ddl = client.prepare(`select sql from sqlite_master where type = 'table' and name in (${SEARCH_TABLES.map(() => '?').join(', ')}) order by name`)
    .pluck().all(...SEARCH_TABLES) as string[]
  const shadowTables = client.prepare(`select name from sqlite_master where type = 'table' and (${SEARCH_TABLES.map(() => 'name glob ?').join(' or ')}) order by name`)
    .pluck().all(...SEARCH_TABLES.map((table) => `${table}_*`)) as string[]
  const version = dataVersion(client)
  const buffer = new SharedArrayBuffer(STATE_SLOTS * Int32Array.BYTES_PER_ELEMENT)
  const state = new Int32Array(buffer)
  const { port1, port2 } = new MessageChannel()
  const data: BuildData & { port: typeof port2 } = { database: client.name, scratch, ddl, state: buffer, port: port2 }
  const worker = spawnWorker({ workerData: data, transferList: [port2] })
  worker.unref()
  // an error the worker could not report (it failed to load) surfaces here, while this thread is
  // blocked: finish() then gives up on it after START_GRACE_MS and the load is indexed as usual
  worker.on('error', () => {})

  const waitForWorker = (): BuildReport => {
    Atomics.store(state, LOADER, LOADER_FINISHED)
    Atomics.notify(state, LOADER)
    const giveUpAt = Date.now() + START_GRACE_MS
    while (Atomics.load(state, BUILD) === BUILD_RUNNING) {
      if (Atomics.load(state, STARTED) === 0 && Date.now() > giveUpAt) return { error: 'the index worker did not start' }
      Atomics.wait(state, BUILD, BUILD_RUNNING, 200)
    }
    const report = receiveMessageOnPort(port1)?.message as BuildReport | undefined
    if (report !== undefined) return report
    return Atomics.load(state, BUILD) === BUILD_FAILED ? { error: 'the index worker failed' } : { error: 'the index worker sent no report' }
  }

  const copyIn = (): string | null => {
    client.prepare('attach database ? as ' + SCRATCH_ALIAS).run(scratch)
    try {
      return client.transaction((): string | null => {
        if (dataVersion(client) !== version) return 'another connection wrote during the load'
        client.unsafeMode(true)
        try {
          for (const table of shadowTables) {
            client.exec(`delete from main."${table}"; insert into main."${table}" select * from ${SCRATCH_ALIAS}."${table}"`)
          }
        } finally {
          client.unsafeMode(false)
        }
        // the copy covers every visible article and page as they are now
        client.exec('delete from search_pending; delete from search_pending_pages')
        return null
      }).immediate()
    } finally {
      client.exec('detach database ' + SCRATCH_ALIAS)
    }
  }

  return {
    finish () {
      try {
        const report = waitForWorker()
        if ('error' in report) return { merged: false, reason: report.error }
        const refused = copyIn()
        return refused === null ? { merged: true, indexed: report.indexed } : { merged: false, reason: refused }
      } finally {
        port1.close()
        void worker.terminate()
        removeScratch(scratch)
      }
    }
  }
}
