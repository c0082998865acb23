import { parseArgs } from 'node:util'
import type { Config } from '../config.js'
import { openDatabase } from '../database.js'
import { backupDatabase, BackupError, restoreDatabase, type BackupReport } from '../db/backup.js'

interface Output { out: (text: string) => void, err: (text: string) => void }

const describe = (report: BackupReport): string =>
  `${report.path}: ${report.bytes} bytes, integrity ok, change-log head ${report.changeHead}, ${report.migrations} migrations\n` +
  Object.entries(report.counts).map(([table, n]) => `  ${table}: ${n}`).join('\n') + '\n'

/**
 * `quire backup <destination>` (a file, or a directory for a time-stamped file) while the server
 * runs; `quire restore <file>` (server stopped) into DATABASE_PATH or --database. Both verify, and
 * a failure is one line and exit code 1 with nothing replaced.
 */
export function runBackupCommand (command: 'backup' | 'restore', config: Config, args: string[], io: Output): number {
  const { values, positionals } = parseArgs({ args, options: { database: { type: 'string' } }, allowPositionals: true, strict: true })
  const [path, ...extra] = positionals
  if (path === undefined || extra.length > 0) {
    io.err(command === 'backup' ? 'usage: quire backup <file or directory>\n' : 'usage: quire restore <backup file> [--database PATH]\n')
    return 1
  }
  try {
    if (command === 'backup') {
      const db = openDatabase(config.databasePath, { synchronous: config.sqliteSynchronous, migrate: false })
      try {
        io.out(`backup written and verified: ${describe(backupDatabase(db.$client, path))}`)
      } finally {
        db.$client.close()
      }
    } else {
      const target = values.database ?? config.databasePath
      io.out(`restored into ${target} and verified: ${describe(restoreDatabase(path, target))}`)
    }
    return 0
  } catch (error) {
    if (!(error instanceof BackupError)) throw error
    io.err(`quire ${command}: ${error.message}\n`)
    return 1
  }
}
