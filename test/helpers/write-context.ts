import type Database from 'better-sqlite3'
import { afterAll, beforeAll } from 'vitest'
import type { ApiKeyRole } from '../../src/db/schema.js'
import { issueKeys, type IssuedKey } from './keys.js'
import { buildTestApp, type TestApp } from './app.js'
import { openReadOnly } from './db.js'

export interface WriteContext {
  app: TestApp
  /** A read-only connection to the app's database, to check what a write stored. */
  sql: Database.Database
  /** One key per role. */
  keys: Record<ApiKeyRole, IssuedKey>
}

/**
 * The usual setup of a write test file: one app on its own copy of the demo database, a key per
 * role and a read-only SQL connection, built before the file's tests and closed after them.
 * Read the fields inside tests (they are set in beforeAll).
 */
export function useWriteContext (options: Parameters<typeof buildTestApp>[0] = {}): WriteContext {
  const context = {} as WriteContext
  beforeAll(async () => {
    context.app = await buildTestApp(options)
    context.sql = openReadOnly(context.app.databasePath)
    context.keys = issueKeys(context.app)
  })
  afterAll(async () => {
    context.sql.close()
    await context.app.close()
  })
  return context
}
