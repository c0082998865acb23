import type { ConnectionExtension } from '../db/connection.js'
import { attachSearchIndexing, deferSearchIndexing } from './index-maintenance.js'
import { registerSearchFunctions } from './sql-functions.js'

/**
 * Search on every connection: the SQL functions its triggers call (registered before migrating),
 * the TEMP trigger that indexes this connection's article writes as they happen, and the bulk-load
 * pause the synthetic seeder uses.
 */
export const searchConnectionExtension: ConnectionExtension = {
  register: registerSearchFunctions,
  attach: attachSearchIndexing,
  defer: deferSearchIndexing
}
