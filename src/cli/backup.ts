import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { parseArgs } from 'node:util'
import type { Config } from '../config.js'
import { openDatabase } from '../database.js'
import { backupDatabase, BackupError, destinationProblem, restoreDatabase, type BackupReport } from '../db/backup.js'
import { backupMediaStore, BackupLocationError, downloadDatabaseFile, parseBackupLocation, uploadDatabaseFile } from '../storage/backup-location.js'
import { copyBackupMedia, type MediaCopyReport } from '../storage/backup-media.js'
import { createMediaStorage } from '../storage/create-storage.js'
import type { MediaStorage } from '../storage/media-storage.js'

interface Output { out: (text: string) => void, err: (text: string) => void }

const describe = (report: BackupReport): string =>
  `${report.path}: ${report.bytes} bytes, integrity ok, change-log head ${report.changeHead}, ${report.migrations} migrations\n` +
  Object.entries(report.counts).map(([table, n]) => `  ${table}: ${n}`).join('\n') + '\n'

const describeMedia = (media: MediaCopyReport): string =>
  `media files: ${media.referenced} referenced, ${media.copied} copied (${media.copiedBytes} bytes), ${media.present} already there` +
  (media.missing.length > 0 ? `, ${media.missing.length} missing` : '') + '\n'

async function copyMedia (databaseFile: string, from: MediaStorage, to: MediaStorage, where: string): Promise<MediaCopyReport> {
  try {
    return await copyBackupMedia(databaseFile, from, to)
  } catch (error) {
    throw destinationProblem(error, where)
  }
}

/**
 * `quire backup <destination>` while the server runs: a file, a directory (a time-stamped file in
 * it) or `s3://bucket/prefix/`, with the media files the backup references beside it
 * (storage/backup-location.ts). `quire restore <file | s3://bucket/prefix/quire-….db>` (server
 * stopped) into DATABASE_PATH or --database, and the media files back into the configured media
 * storage. Both verify; a failure is one line and exit code 1.
 */
export async function runBackupCommand (command: 'backup' | 'restore', config: Config, args: string[], io: Output): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { database: { type: 'string' } }, allowPositionals: true, strict: true })
  const [path, ...extra] = positionals
  if (path === undefined || extra.length > 0) {
    io.err(command === 'backup' ? 'usage: quire backup <file, directory or s3://bucket/prefix/>\n' : 'usage: quire restore <backup file or s3://bucket/prefix/quire-….db> [--database PATH]\n')
    return 1
  }
  const staging = mkdtempSync(join(tmpdir(), 'quire-backup-'))
  try {
    const location = parseBackupLocation(path)
    if (command === 'backup') {
      const db = openDatabase(config.databasePath, { synchronous: config.sqliteSynchronous, migrate: false })
      let report: BackupReport
      try {
        // to S3 the verified file is made here first, then uploaded whole
        report = backupDatabase(db.$client, location.kind === 'local' ? location.path : staging)
      } finally {
        db.$client.close()
      }
      const where = location.kind === 'local' ? report.path : await uploadDatabaseFile(location, report.path, basename(report.path), config.backup.s3)
      const media = await copyMedia(report.path, createMediaStorage(config.media, config.databasePath), backupMediaStore(location, report.path, config.backup.s3), path)
      io.out(`backup written and verified: ${describe({ ...report, path: where })}${describeMedia(media)}`)
      // the live storage had already lost them: the backup holds everything that was there
      if (media.missing.length > 0) io.err(`quire backup: warning: ${media.missing.length} media files the database references are missing from the media storage (first: ${media.missing[0]})\n`)
      return 0
    }
    const target = values.database ?? config.databasePath
    const source = location.kind === 'local' ? location.path : join(staging, 'download.db')
    if (location.kind === 's3') await downloadDatabaseFile(location, source, config.backup.s3)
    const report = restoreDatabase(source, target)
    const media = await copyMedia(target, backupMediaStore(location, source, config.backup.s3), createMediaStorage(config.media, target), 'the media storage')
    io.out(`restored into ${target} and verified: ${describe(report)}${describeMedia(media)}`)
    if (media.missing.length > 0) {
      io.err(`quire restore: ${media.missing.length} media files the database references are not in the backup (first: ${media.missing[0]}); the database was restored, those files answer 404\n`)
      return 1
    }
    return 0
  } catch (error) {
    // an S3 or file-system failure is one line for the operator too, never a stack trace
    const problem = error instanceof BackupError || error instanceof BackupLocationError ? error : destinationProblem(error, path)
    io.err(`quire ${command}: ${problem.message}\n`)
    return 1
  } finally {
    rmSync(staging, { recursive: true, force: true })
  }
}
