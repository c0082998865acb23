import type { S3Client } from '@aws-sdk/client-s3'
import { createReadStream } from 'node:fs'
import { rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { assertKey, StoredObjectMissing, type MediaStorage } from './media-storage.js'

export interface S3StorageOptions {
  endpoint: string | null
  region: string
  bucket: string
  /** Prepended to every key ("quire/"), so one bucket can hold several sites. */
  prefix: string
  accessKeyId: string | null
  secretAccessKey: string | null
  forcePathStyle: boolean
  tmpDir?: string
}

type S3Sdk = typeof import('@aws-sdk/client-s3')
let sdk: Promise<S3Sdk> | undefined
/**
 * The AWS SDK is loaded when S3 is first used, not at start: it adds about 24 MB to a process's
 * resident memory, and most installations keep their media on the local disk.
 */
export const loadS3Sdk = async (): Promise<S3Sdk> => await (sdk ??= import('@aws-sdk/client-s3'))

/** A 404 from S3 (the SDK's S3ServiceException, recognised without loading the SDK for it). */
export const isS3NotFound = (error: unknown): boolean => {
  if (!(error instanceof Error)) return false
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode
  return error.name === 'NoSuchKey' || error.name === 'NotFound' || status === 404
}

/**
 * An S3-compatible bucket (AWS S3, MinIO, R2, …). Objects are private to the bucket: Quire serves
 * them itself (ranges, Content-Disposition, immutable caching), so the bucket needs no public access.
 * Without explicit credentials the SDK's own chain (environment, instance role) applies.
 */
/** A client for an S3-compatible store, with what many of them need (path style, no checksum trailers). */
export async function createS3Client (options: Omit<S3StorageOptions, 'bucket' | 'prefix' | 'tmpDir'>): Promise<S3Client> {
  const { S3Client } = await loadS3Sdk()
  return new S3Client({
    region: options.region,
    forcePathStyle: options.forcePathStyle,
    // checksums only where S3 requires them: the SDK's default (CRC32 trailers in aws-chunked
    // uploads) is not understood by many S3-compatible stores, which then keep the chunk framing
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(options.endpoint !== null ? { endpoint: options.endpoint } : {}),
    ...(options.accessKeyId !== null && options.secretAccessKey !== null
      ? { credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey } }
      : {})
  })
}

export function createS3Storage (options: S3StorageOptions): MediaStorage {
  let connected: Promise<S3Client> | undefined
  const client = async (): Promise<S3Client> => await (connected ??= createS3Client(options))
  const objectKey = (key: string): string => {
    assertKey(key)
    return `${options.prefix}${key}`
  }
  const Bucket = options.bucket

  return {
    driver: 's3',
    tmpDir: options.tmpDir ?? join(tmpdir(), 'quire-uploads'),
    async putFile (key, sourcePath, contentType) {
      try {
        const { size } = await stat(sourcePath)
        // a single PUT streams the file (up to 5 GB, above every configured limit)
        const { PutObjectCommand } = await loadS3Sdk()
        await (await client()).send(new PutObjectCommand({ Bucket, Key: objectKey(key), Body: createReadStream(sourcePath), ContentLength: size, ContentType: contentType }))
      } finally {
        await rm(sourcePath, { force: true })
      }
    },
    async putBuffer (key, body, contentType) {
      const { PutObjectCommand } = await loadS3Sdk()
      await (await client()).send(new PutObjectCommand({ Bucket, Key: objectKey(key), Body: body, ContentLength: body.length, ContentType: contentType }))
    },
    async read (key, range) {
      try {
        const { GetObjectCommand } = await loadS3Sdk()
        const answer = await (await client()).send(new GetObjectCommand({
          Bucket, Key: objectKey(key), ...(range !== undefined ? { Range: `bytes=${range.start}-${range.end}` } : {})
        }))
        if (!(answer.Body instanceof Readable)) throw new Error('the S3 client returned no Node stream')
        return answer.Body
      } catch (error) {
        if (isS3NotFound(error)) throw new StoredObjectMissing(`no stored object ${key}`)
        throw error
      }
    },
    async size (key) {
      try {
        const { HeadObjectCommand } = await loadS3Sdk()
        const head = await (await client()).send(new HeadObjectCommand({ Bucket, Key: objectKey(key) }))
        return head.ContentLength ?? null
      } catch (error) {
        if (isS3NotFound(error)) return null
        throw error
      }
    },
    async remove (key) {
      const { DeleteObjectCommand } = await loadS3Sdk()
      await (await client()).send(new DeleteObjectCommand({ Bucket, Key: objectKey(key) }))
    }
  }
}
