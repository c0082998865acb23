import { openSqlite, type Db, type OpenDatabaseOptions } from './db/connection.js'
import { searchConnectionExtension } from './search/connection-extension.js'

/**
 * Quire's database: SQLite opened by db/ with the capabilities that install themselves on every
 * connection (search). The server, the CLI and the tests open it here, so no connection misses
 * the search trigger; db/ itself knows nothing of search.
 */
export function openDatabase (path: string, options: Omit<OpenDatabaseOptions, 'extensions'> = {}): Db {
  return openSqlite(path, { ...options, extensions: [searchConnectionExtension] })
}
