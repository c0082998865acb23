import { createReadStream, createWriteStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { S3Connection } from '../config.js'
import { createLocalStorage } from './local-storage.js'
import type { MediaStorage } from './media-storage.js'
import { createS3Client, createS3Storage, isS3NotFound, loadS3Sdk } from './s3-storage.js'

/**
 * Where backups live. A local path is a file, or a directory that gets time-stamped files; its media
 * objects go to a `media/` folder beside the database files. `s3://bucket/prefix/` keeps the
 * database files at `prefix/quire-<time>.db` and the media objects under `prefix/media/`. Media
 * objects are content-addressed, so every backup at one location shares them and a backup copies
 * only the files that are new since the last one.
 */
export type BackupLocation =
  | { kind: 'local', path: string }
  | { kind: 's3', bucket: string, prefix: string, name: string | null }

/** A location that cannot be used as written: the message says why. */
export class BackupLocationError extends Error {}

export function parseBackupLocation (text: string): BackupLocation {
  if (!text.startsWith('s3://')) return { kind: 'local', path: text }
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(text)
  if (match === null) throw new BackupLocationError(`${text} is not an s3://bucket/prefix/ location`)
  const rest = match[2] ?? ''
  // a key ending in .db names one backup file (a restore); anything else is a prefix (a backup)
  const isFile = rest.endsWith('.db')
  const prefix = isFile ? rest.slice(0, rest.lastIndexOf('/') + 1) : rest === '' || rest.endsWith('/') ? rest : `${rest}/`
  return { kind: 's3', bucket: match[1]!, prefix, name: isFile ? rest.slice(prefix.length) : null }
}

/** The media store of a backup location, given where its database file is (local) or its prefix (S3). */
export function backupMediaStore (location: BackupLocation, databaseFile: string, s3: S3Connection): MediaStorage {
  if (location.kind === 'local') return createLocalStorage({ root: join(dirname(databaseFile), 'media') })
  return createS3Storage({ ...s3, bucket: location.bucket, prefix: `${location.prefix}media/` })
}

/** Puts a verified database file at `prefix/name` in the location's bucket. */
export async function uploadDatabaseFile (location: Extract<BackupLocation, { kind: 's3' }>, file: string, name: string, s3: S3Connection): Promise<string> {
  const key = `${location.prefix}${name}`
  const { size } = await stat(file)
  const { PutObjectCommand } = await loadS3Sdk()
  await (await createS3Client(s3)).send(new PutObjectCommand({ Bucket: location.bucket, Key: key, Body: createReadStream(file), ContentLength: size, ContentType: 'application/vnd.sqlite3' }))
  return `s3://${location.bucket}/${key}`
}

/** Fetches the named database file of an S3 location into a local file, for the restore to verify. */
export async function downloadDatabaseFile (location: Extract<BackupLocation, { kind: 's3' }>, to: string, s3: S3Connection): Promise<void> {
  if (location.name === null) throw new BackupLocationError(`s3://${location.bucket}/${location.prefix} names no backup file: give the key of a quire-….db file`)
  try {
    const { GetObjectCommand } = await loadS3Sdk()
    const answer = await (await createS3Client(s3)).send(new GetObjectCommand({ Bucket: location.bucket, Key: `${location.prefix}${location.name}` }))
    if (!(answer.Body instanceof Readable)) throw new BackupLocationError('the S3 client returned no stream')
    await pipeline(answer.Body, createWriteStream(to))
  } catch (error) {
    if (isS3NotFound(error)) {
      throw new BackupLocationError(`s3://${location.bucket}/${location.prefix}${location.name} does not exist`)
    }
    throw error
  }
}
