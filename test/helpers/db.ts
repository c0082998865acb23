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
