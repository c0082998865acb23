import Database from 'better-sqlite3'

/** A second, read-only connection for tests to compute expectations independently of the services. */
export function openReadOnly (path: string): Database.Database {
  return new Database(path, { readonly: true, fileMustExist: true })
}
