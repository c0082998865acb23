import Database from 'better-sqlite3'
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'

/** A backup or restore that cannot go ahead, with a message an operator can act on; nothing was replaced. */
export class BackupError extends Error {}

export interface BackupReport {
  path: string
  bytes: number
  /** Rows per table of the content and the outboxes. */
  counts: Record<string, number>
  /** The newest change-log sequence number: how far the backup reaches. */
  changeHead: number
  migrations: number
}

const countedTables = ['editions', 'articles', 'pages', 'categories', 'tags', 'authors', 'media', 'galleries', 'menus', 'comments', 'changes', 'revisions', 'api_keys', 'webhook_endpoints', 'purge_jobs']

function codeOf (error: unknown): string {
  let current: unknown = error
  for (let hops = 0; hops < 5 && typeof current === 'object' && current !== null; hops++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string') return code
    current = (current as { cause?: unknown }).cause
  }
  return 'unknown'
}

/** What a file-system or SQLite failure at the destination means for the operator. */
export function destinationProblem (error: unknown, where: string): BackupError {
  const code = codeOf(error)
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return new BackupError(`the destination ${where} is full: free space or choose another destination (nothing was replaced)`)
  if (code === 'SQLITE_READONLY' || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return new BackupError(`the destination ${where} is read-only or not writable (nothing was replaced)`)
  if (code === 'SQLITE_CANTOPEN' || code === 'ENOENT' || code === 'ENOTDIR') return new BackupError(`cannot create a file at ${where}: does its directory exist and is it writable? (nothing was replaced)`)
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') return new BackupError(`writing to ${where} failed (${code}): the destination may be full or failing (nothing was replaced)`)
  return new BackupError(`the backup to ${where} failed (${code})`)
}

/**
 * Checks a database file the way a restore must before trusting it: it opens as SQLite, passes
 * `PRAGMA integrity_check`, has Quire's migrations table, and reports its row counts and
 * change-log head. A truncated or corrupted file fails here with a BackupError.
 */
export function verifyDatabaseFile (path: string): BackupReport {
  if (!existsSync(path)) throw new BackupError(`${path} does not exist`)
  let client: Database.Database | null = null
  try {
    client = new Database(path, { readonly: true, fileMustExist: true })
    const integrity = client.pragma('integrity_check', { simple: false }) as Array<{ integrity_check: string }>
    if (integrity.length !== 1 || integrity[0]?.integrity_check !== 'ok') {
      throw new BackupError(`${path} is damaged: integrity_check says ${integrity.slice(0, 3).map((row) => row.integrity_check).join('; ')}`)
    }
    const tables = new Set((client.prepare("select name from sqlite_master where type = 'table'").all() as Array<{ name: string }>).map((row) => row.name))
    if (!tables.has('__drizzle_migrations') || !tables.has('changes')) throw new BackupError(`${path} is a SQLite database but not a Quire one (no migrations table or change log)`)
    const counts: Record<string, number> = {}
    for (const table of countedTables) if (tables.has(table)) counts[table] = (client.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n
    const changeHead = (client.prepare('select coalesce(max(seq), 0) as n from changes').get() as { n: number }).n
    const migrations = (client.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n
    return { path, bytes: statSync(path).size, counts, changeHead, migrations }
  } catch (error) {
    if (error instanceof BackupError) throw error
    const code = codeOf(error)
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') throw new BackupError(`${path} is not a usable database (${code}): truncated or corrupted`)
    throw new BackupError(`${path} cannot be read as a database (${code})`)
  } finally {
    client?.close()
  }
}

function syncDirectory (dir: string): void {
  const fd = openSync(dir, 'r')
  try { fsyncSync(fd) } finally { closeSync(fd) }
}

/** `destination` as a file path: a directory gets a time-stamped file name inside it. */
export function backupPathFor (destination: string, now: Date): string {
  const isDirectory = existsSync(destination) && statSync(destination).isDirectory()
  return isDirectory ? join(destination, `quire-${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}.db`) : destination
}

/**
 * A consistent online backup of the open database: `VACUUM INTO` reads one snapshot (a WAL read
 * transaction: writers in this and other processes carry on) and writes a compact copy. It goes
 * to `<file>.partial`, is synced, verified (verifyDatabaseFile), and only then renamed into place,
 * so the destination is never a half-written file.
 */
export function backupDatabase (client: Database.Database, destination: string, now = new Date()): BackupReport {
  const path = backupPathFor(destination, now)
  if (existsSync(path)) throw new BackupError(`${path} already exists: choose another name or remove it (nothing was replaced)`)
  const partial = `${path}.partial`
  rmSync(partial, { force: true })
  try {
    client.prepare('vacuum into ?').run(partial)
    const fd = openSync(partial, 'r+')
    try { fsyncSync(fd) } finally { closeSync(fd) }
  } catch (error) {
    rmSync(partial, { force: true })
    throw destinationProblem(error, dirname(path))
  }
  try {
    verifyDatabaseFile(partial)
    renameSync(partial, path)
    syncDirectory(dirname(path))
  } catch (error) {
    rmSync(partial, { force: true })
    throw error instanceof BackupError ? error : destinationProblem(error, dirname(path))
  }
  return verifyDatabaseFile(path)
}

/**
 * Replaces the database at `target` with a verified copy of `source`. Run it with the server
 * stopped. The copy is verified first, written beside the target and renamed over it; the old
 * file's WAL and shared-memory files go with it. Anything wrong leaves the target as it was.
 */
export function restoreDatabase (source: string, target: string): BackupReport {
  verifyDatabaseFile(source)
  const staging = `${target}.restoring`
  rmSync(staging, { force: true })
  try {
    const from = new Database(source, { readonly: true, fileMustExist: true })
    try { from.prepare('vacuum into ?').run(staging) } finally { from.close() }
    verifyDatabaseFile(staging)
  } catch (error) {
    rmSync(staging, { force: true })
    throw error instanceof BackupError ? error : destinationProblem(error, dirname(target))
  }
  for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true })
  renameSync(staging, target)
  syncDirectory(dirname(target))
  return { ...verifyDatabaseFile(target), path: target }
}

/** Deletes the oldest `quire-*.db` backups in `dir` beyond the newest `keep`. */
export function pruneBackups (dir: string, keep: number): string[] {
  const backups = readdirSync(dir).filter((name) => /^quire-\d{8}T\d{6}Z\.db$/.test(name)).sort()
  const removed = backups.slice(0, Math.max(0, backups.length - keep))
  for (const name of removed) rmSync(join(dir, basename(name)), { force: true })
  return removed
}

/**
 * One scheduled backup into `dir` and the pruning after it (BACKUP_DIR, BACKUP_INTERVAL_MINUTES,
 * BACKUP_KEEP). VACUUM INTO runs on the calling thread: a server without a cluster primary pauses
 * for the copy (about a second per 100 MB here); a cluster's primary takes it off the workers.
 */
export function scheduledBackup (client: Database.Database, dir: string, keep: number, now: Date): { path: string, changeHead: number, pruned: number } {
  mkdirSync(dir, { recursive: true })
  const report = backupDatabase(client, dir, now)
  return { path: report.path, changeHead: report.changeHead, pruned: pruneBackups(dir, keep).length }
}
