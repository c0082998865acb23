import Database from 'better-sqlite3'
import { openDatabase } from '../../src/database.js'

/** A second, read-only connection for tests to compute expectations independently of the services. */
export function openReadOnly (path: string): Database.Database {
  return new Database(path, { readonly: true, fileMustExist: true })
}

export type Writer = Database.Database

/**
 * A second, writable connection as the CLI or a seeder opens it (Quire's SQL functions on, so its
 * article writes are indexed), for arranging data the demo seed lacks. The app notices its commits
 * through `PRAGMA data_version`, as it notices the CLI's.
 */
export function openWriter (app: { databasePath: string }): Writer {
  return openDatabase(app.databasePath, { migrate: false }).$client
}

/**
 * Commits a change no row shows (the header's user_version, set to itself) from another connection,
 * so the app's per-commit memos (src/db/commit-memo.ts) and cached responses start cold: a test that
 * counts statements then sees the batches a first request makes, not what an earlier test warmed.
 */
export function startCold (app: { databasePath: string }): void {
  const writer = new Database(app.databasePath, { fileMustExist: true })
  try {
    const version = writer.pragma('user_version', { simple: true }) as number
    writer.pragma(`user_version = ${version}`)
  } finally {
    writer.close()
  }
}
