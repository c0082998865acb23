import Database from 'better-sqlite3'
import { createWriteStream } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { randomUUID } from 'node:crypto'
import { scheduledBackup } from '../db/backup.js'
import { createLocalStorage } from './local-storage.js'
import type { MediaStorage } from './media-storage.js'

/** A stored object a database row points at: an uploaded original or one of its renditions. */
export interface ReferencedObject { key: string, bytes: number, mimeType: string }

export interface MediaCopyReport {
  /** Objects the database references. */
  referenced: number
  copied: number
  /** Already at the destination: objects are content-addressed, so the same key holds the same bytes. */
  present: number
  copiedBytes: number
  /** Referenced but absent from the source (lost before this copy); the rest was still copied. */
  missing: string[]
}

/** Every object the database at hand references, read from its own rows (a backup file or the live one). */
export function referencedObjects (client: Database.Database): ReferencedObject[] {
  const tables = new Set((client.prepare("select name from sqlite_master where type = 'table' and name in ('media_files', 'media_renditions')").all() as Array<{ name: string }>).map((row) => row.name))
  if (!tables.has('media_files')) return []
  const renditions = tables.has('media_renditions') ? 'union all select storage_key, bytes, mime_type from media_renditions' : ''
  return client.prepare(`select storage_key as key, bytes, mime_type as mimeType from media_files ${renditions}`).all() as ReferencedObject[]
}

/**
 * Copies the referenced objects from one store to another (a backup's media, or back on restore),
 * skipping those the destination already holds at their size. Each object is streamed through a
 * temporary file — the interface both drivers share — so memory stays flat for a 2 GB video; a few
 * run side by side, since an S3 round trip costs more than the bytes.
 */
export async function copyMediaObjects (objects: readonly ReferencedObject[], from: MediaStorage, to: MediaStorage): Promise<MediaCopyReport> {
  const report: MediaCopyReport = { referenced: objects.length, copied: 0, present: 0, copiedBytes: 0, missing: [] }
  const queue = [...objects]
  await mkdir(to.tmpDir, { recursive: true })
  const worker = async (): Promise<void> => {
    for (let object = queue.shift(); object !== undefined; object = queue.shift()) {
      if (await to.size(object.key) === object.bytes) {
        report.present++
        continue
      }
      if (await from.size(object.key) === null) {
        report.missing.push(object.key)
        continue
      }
      const temporary = join(to.tmpDir, `${randomUUID()}.copy`)
      try {
        await pipeline(await from.read(object.key), createWriteStream(temporary))
        await to.putFile(object.key, temporary, object.mimeType)
      } finally {
        await rm(temporary, { force: true })
      }
      report.copied++
      report.copiedBytes += object.bytes
    }
  }
  await Promise.all(Array.from({ length: 4 }, worker))
  return report
}

/** Copies the objects a backup file references (its own snapshot of the rows) into its location's media store. */
export async function copyBackupMedia (databaseFile: string, from: MediaStorage, to: MediaStorage): Promise<MediaCopyReport> {
  const client = new Database(databaseFile, { readonly: true, fileMustExist: true })
  let objects: ReferencedObject[]
  try {
    objects = referencedObjects(client)
  } finally {
    client.close()
  }
  return await copyMediaObjects(objects, from, to)
}

/**
 * One scheduled backup into `dir` (db/backup.ts), then — asynchronously, the copy takes as long as
 * the new files — its media files into `dir/media`; `settled` hears how that went. A copy that
 * fails is made up by the next backup: everything it references is copied then.
 */
export function scheduledBackupWithMedia (client: Database.Database, dir: string, keep: number, now: Date, media: MediaStorage, settled: (error: unknown, report: MediaCopyReport | null) => void): ReturnType<typeof scheduledBackup> {
  const done = scheduledBackup(client, dir, keep, now)
  copyBackupMedia(done.path, media, createLocalStorage({ root: join(dir, 'media') })).then((report) => { settled(null, report) }, (error: unknown) => { settled(error, null) })
  return done
}
