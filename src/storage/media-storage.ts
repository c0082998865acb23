import type { Readable } from 'node:stream'

/** An inclusive byte range of a stored object, as HTTP ranges count. */
export interface ByteRange { start: number, end: number }

/**
 * Where media files live: the local file system or an S3-compatible bucket. Keys are made by Quire
 * alone (`keyOf…` below), never from a client's filename, so nothing a client sends reaches a path.
 * Objects are immutable: a key is written once with the bytes its name promises (content-addressed)
 * and later writes of the same key carry the same bytes.
 */
export interface MediaStorage {
  readonly driver: 'local' | 's3'
  /** Stores the file at `sourcePath` (a temporary file, consumed: moved or deleted) under `key`. */
  putFile: (key: string, sourcePath: string, contentType: string) => Promise<void>
  putBuffer: (key: string, body: Buffer, contentType: string) => Promise<void>
  /** The object's bytes, or the inclusive range of them; rejects with a NotFound-coded error if absent. */
  read: (key: string, range?: ByteRange) => Promise<Readable>
  /** Size in bytes, or null when there is no such object. */
  size: (key: string) => Promise<number | null>
  /** Removes the object; removing an absent one is not an error. */
  remove: (key: string) => Promise<void>
  /** A folder for upload temporaries, on the same file system as the objects where that matters. */
  readonly tmpDir: string
}

const SHA256 = /^[0-9a-f]{64}$/
const VARIANT = /^[a-z0-9.-]{1,80}$/

function assertSha (sha256: string): void {
  if (!SHA256.test(sha256)) throw new Error('a storage key needs a lower-case hex sha256')
}

/** Originals, fanned out by the hash's first bytes so no folder holds millions of entries. */
export function originalKey (sha256: string): string {
  assertSha(sha256)
  return `originals/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`
}

export function renditionKey (sourceSha256: string, variant: string): string {
  assertSha(sourceSha256)
  if (!VARIANT.test(variant)) throw new Error('a rendition key needs a plain variant name')
  return `renditions/${sourceSha256.slice(0, 2)}/${sourceSha256.slice(2, 4)}/${sourceSha256}/${variant}`
}

/** The key's own shape, checked by every driver before it touches anything. */
export function assertKey (key: string): void {
  if (!/^(originals|renditions)\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}(\/[a-z0-9.-]{1,80})?$/.test(key)) throw new Error('not a media storage key')
}

/** The error a driver rejects `read` with when the object is absent. */
export class StoredObjectMissing extends Error {
  readonly code = 'MEDIA_OBJECT_MISSING'
}
