import type Database from 'better-sqlite3'
import type { ApiKeyRole } from '../../src/db/schema.js'
import { test, type TestApp, type TestAppOptions } from './app.js'
import type { IssuedKey } from './keys.js'

export interface WriteContext {
  app: TestApp
  /** A read-only connection to the app's database, to check what a write stored. */
  sql: Database.Database
  /** One key per role. */
  keys: Record<ApiKeyRole, IssuedKey>
}

/**
 * The harness's fixtures (test/helpers/app.ts: app, sql, keys) as one object, for files whose
 * helpers live outside the tests: set before the file's tests, closed by the fixtures after them.
 * Read the fields inside tests (they are set in beforeAll).
 */
export function useWriteContext (options?: TestAppOptions): WriteContext {
  const context = {} as WriteContext
  if (options !== undefined) test.override('appOptions', options)
  test.beforeAll(({ app, sql, keys }) => { Object.assign(context, { app, sql, keys }) })
  return context
}
