import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface ScratchDatabase {
  client: Database.Database
  /** Closes the connection and deletes the file. */
  close: () => void
}

/**
 * A throw-away SQLite file in the system's temporary folder, for work data too large to keep in
 * the JavaScript heap (the WordPress import's indexes of a 100,000-post export): it lives on disk
 * and in the OS page cache, and the process holds only a small page cache of it. Nothing in it
 * needs to survive a crash, so it has no journal and no syncs.
 */
export function openScratchDatabase (cachePages = 2000): ScratchDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'quire-scratch-'))
  const client = new Database(join(dir, 'scratch.db'))
  client.pragma('journal_mode = OFF')
  client.pragma('synchronous = OFF')
  client.pragma(`cache_size = ${cachePages}`)
  client.pragma('temp_store = FILE')
  return {
    client,
    close () {
      if (client.open) client.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
