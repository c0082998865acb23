import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { withBusyRetry } from './busy-retry.js'
import * as schema from './schema.js'

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database }

// src/db and dist/db are both two levels below the project root.
export const defaultMigrationsFolder = fileURLToPath(new URL('../../migrations', import.meta.url))

/**
 * What a capability above db/ installs on every connection it opens (search: its SQL functions,
 * its indexing trigger). Handed in by the caller, so db/ never imports the capabilities it serves.
 */
export interface ConnectionExtension {
  /** Before migrating: SQL functions that the schema's triggers call. */
  register?: (client: Database.Database) => void
  /** After migrating: per-connection state (TEMP triggers) and catching up with other connections. */
  attach?: (client: Database.Database) => void
  /** Bulk loads: per-write work waits until `resume`, which does it in batches. */
  defer?: (client: Database.Database, options: BulkLoadOptions) => { resume: () => unknown }
}

export interface BulkLoadOptions {
  /**
   * The load only inserts, each row with an id above every existing one, and no other connection
   * writes meanwhile (the synthetic seed). Search then builds its index beside the load, on another
   * core, and checks the promise's second half before using it.
   */
  appendOnly?: boolean
}

export interface OpenDatabaseOptions {
  migrate?: boolean
  migrationsFolder?: string
  readonly?: boolean
  onQuery?: (sql: string) => void
  /** `full` unless the caller chooses otherwise (SQLITE_SYNCHRONOUS); see docs/security.md, Durability. */
  synchronous?: 'full' | 'normal'
  extensions?: readonly ConnectionExtension[]
}

const extensionsOf = new WeakMap<Database.Database, readonly ConnectionExtension[]>()

/**
 * Opens the SQLite file with every pragma set explicitly: better-sqlite3 reports
 * different defaults on a reopened file, so nothing is left to the file's history.
 */
export function openSqlite (path: string, options: OpenDatabaseOptions = {}): Db {
  const extensions = options.extensions ?? []
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  const client = new Database(path)
  client.pragma('journal_mode = WAL')
  client.pragma('foreign_keys = ON')
  client.pragma('busy_timeout = 5000')
  // WAL with NORMAL survives a killed process but may lose the last commits to an OS crash or power
  // loss; FULL syncs the log at every commit, so an acknowledged write survives both
  client.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`)
  // 8 MB of pages per connection: the OS page cache holds the file anyway, and a read that misses
  // here costs a copy from it. A sync walk fills whatever is allowed, and it stays in the server's
  // resident memory. On 100,000 articles, uncached reads cost the same CPU per response with 8 MB
  // as with 16 (by slug over 1,000 slugs 252-306 against 254-321 µs; the 20-body list within its
  // noise), and 32 MB was no faster than 16 (BENCHMARKS.md, docs/deployment.md)
  client.pragma('cache_size = -8000')
  client.pragma('temp_store = MEMORY')
  for (const extension of extensions) extension.register?.(client)
  const onQuery = options.onQuery
  const db: Db = drizzle<typeof schema>(client, {
    schema,
    ...(onQuery !== undefined ? { logger: { logQuery: (query: string) => onQuery(query) } } : {})
  })
  // several processes share the file (CLUSTER_WORKERS, the CLI, a second instance): every write
  // transaction is retried whole on SQLITE_BUSY (db/busy-retry.ts)
  const transaction = db.transaction.bind(db)
  db.transaction = ((fn, config) => withBusyRetry(client, () => transaction(fn, config)))
  if (options.migrate !== false) {
    migrate(db, { migrationsFolder: options.migrationsFolder ?? defaultMigrationsFolder })
  }
  for (const extension of extensions) extension.attach?.(client)
  extensionsOf.set(client, extensions)
  return db
}

/**
 * Runs a bulk load with the connection's extensions paused (search indexes the rows once, in
 * batches, instead of a statement per written row).
 */
export function duringBulkLoad<T> (db: Db, load: () => T, options: BulkLoadOptions = {}): T {
  const paused = pauseForBulkLoad(db, options)
  // a failed load still gets its committed rows indexed and per-write indexing back (and an index
  // worker started for it, its end)
  try {
    return load()
  } finally {
    paused.resume()
  }
}

/**
 * The same pause for a bulk load that awaits between its writes (the WordPress import): call
 * `resume` when it is done, failed or not. What it left queued is applied then; a process killed
 * before leaves it queued, and the next connection opened on the file applies it.
 */
export function pauseForBulkLoad (db: Db, options: BulkLoadOptions = {}): { resume: () => void } {
  const deferred: Array<{ resume: () => unknown } | undefined> = []
  try {
    for (const extension of extensionsOf.get(db.$client) ?? []) deferred.push(extension.defer?.(db.$client, options))
  } catch (error) {
    // one extension could not pause: the ones already paused go back to per-write work before the
    // error reaches the caller, who then writes nothing with them half off
    for (const pause of deferred) pause?.resume()
    throw error
  }
  return {
    resume () {
      for (const pause of deferred) pause?.resume()
    }
  }
}
