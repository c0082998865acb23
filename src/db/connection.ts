import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { attachSearchIndexing } from '../search/index-maintenance.js'
import { registerSearchFunctions } from '../search/sql-functions.js'
import * as schema from './schema.js'

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database }

// src/db and dist/db are both two levels below the project root.
export const defaultMigrationsFolder = fileURLToPath(new URL('../../migrations', import.meta.url))

export interface OpenDatabaseOptions {
  migrate?: boolean
  migrationsFolder?: string
  readonly?: boolean
  onQuery?: (sql: string) => void
}

/**
 * Opens the SQLite file with every pragma set explicitly: better-sqlite3 reports
 * different defaults on a reopened file, so nothing is left to the file's history.
 */
export function openDatabase (path: string, options: OpenDatabaseOptions = {}): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  const client = new Database(path)
  client.pragma('journal_mode = WAL')
  client.pragma('foreign_keys = ON')
  client.pragma('busy_timeout = 5000')
  // NORMAL is durable across application crashes in WAL mode; only an OS crash can lose the last commits.
  client.pragma('synchronous = NORMAL')
  client.pragma('cache_size = -32000')
  client.pragma('temp_store = MEMORY')
  registerSearchFunctions(client)
  const onQuery = options.onQuery
  const db: Db = drizzle<typeof schema>(client, {
    schema,
    ...(onQuery !== undefined ? { logger: { logQuery: (query: string) => onQuery(query) } } : {})
  })
  if (options.migrate !== false) {
    migrate(db, { migrationsFolder: options.migrationsFolder ?? defaultMigrationsFolder })
  }
  // index this connection's article writes as they happen, and catch up with other connections'
  attachSearchIndexing(client)
  return db
}
