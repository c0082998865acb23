import { createHash, randomUUID } from 'node:crypto'
import { createWriteStream, type WriteStream } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { Transform, type Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { MediaKindName } from '../../config.js'
import { PayloadTooLargeError, UnsupportedMediaTypeError, InvalidFileError } from '../../errors.js'
import { polyglotReason, sniff, SNIFF_BYTES, type AcceptedType } from './file-types.js'

/** An upload on disk, hashed and typed by its bytes; `discard` removes the temporary (safe to call twice). */
export interface ReceivedFile {
  path: string
  sha256: string
  bytes: number
  type: AcceptedType
  discard: () => Promise<void>
}

export interface ReceiveOptions {
  tmpDir: string
  maxBytes: Readonly<Record<MediaKindName, number>>
  /** Opens the temporary file; tests hand in one that fails as a full disk does. */
  createWriteStream?: (path: string) => WriteStream
}

const TAIL_BYTES = 64 * 1024
const MB = 1024 * 1024

const limitText = (bytes: number): string => bytes % MB === 0 ? `${bytes / MB} MB` : `${bytes} bytes`

/**
 * Streams an upload to a temporary file while hashing it, never holding more than its first and
 * last few kilobytes in memory. The type is decided by the first bytes (16 KB), and from then on
 * the size limit of that kind applies: the stream is cut, and the request answered 413, as soon
 * as the limit is passed — the rest of the body is never read. Any failure removes the temporary.
 */
export async function receiveUpload (source: Readable, options: ReceiveOptions): Promise<ReceivedFile> {
  await mkdir(options.tmpDir, { recursive: true })
  const path = join(options.tmpDir, `${randomUUID()}.upload`)
  const discard = async (): Promise<void> => { await rm(path, { force: true }) }
  const hash = createHash('sha256')
  let head: Buffer[] = []
  let headBytes = 0
  let tail = Buffer.alloc(0)
  let bytes = 0
  let type: AcceptedType | null = null
  let limit = Math.max(...Object.values(options.maxBytes))

  const decide = async (): Promise<void> => {
    const first = Buffer.concat(head)
    head = [first]
    const sniffed = await sniff(first)
    if (!sniffed.ok) {
      throw new UnsupportedMediaTypeError(sniffed.detected === null
        ? 'The file is not of an accepted type (JPEG, PNG, WebP, AVIF, GIF, MP4, WebM, MP3, M4A, Ogg or PDF), judged by its bytes.'
        : `Files of type ${sniffed.detected} are not accepted (judged by the file's bytes): upload JPEG, PNG, WebP, AVIF, GIF, MP4, WebM, MP3, M4A, Ogg or PDF.`)
    }
    type = sniffed.type
    limit = options.maxBytes[type.kind]
    if (bytes > limit) throw tooLarge()
  }
  const tooLarge = (): PayloadTooLargeError => new PayloadTooLargeError(type === null
    ? `The file is larger than any accepted upload (${limitText(limit)}).`
    : `A ${type.kind} may have at most ${limitText(limit)}.`)

  const inspect = new Transform({
    transform (chunk: Buffer, _encoding, done) {
      bytes += chunk.length
      hash.update(chunk)
      tail = tail.length + chunk.length <= TAIL_BYTES ? Buffer.concat([tail, chunk]) : Buffer.concat([tail, chunk]).subarray(-TAIL_BYTES)
      if (bytes > limit) { done(tooLarge()); return }
      if (type === null) {
        head.push(chunk)
        headBytes += chunk.length
        if (headBytes >= SNIFF_BYTES) { decide().then(() => { done(null, chunk) }, done); return }
      }
      done(null, chunk)
    },
    flush (done) {
      if (type !== null) { done(); return }
      if (bytes === 0) { done(new InvalidFileError('The uploaded file is empty.')); return }
      decide().then(() => { done() }, done)
    }
  })

  try {
    await pipeline(source, inspect, (options.createWriteStream ?? createWriteStream)(path))
    // the pipeline only finishes after flush decided the type
    const decided = type as AcceptedType | null
    if (decided === null) throw new InvalidFileError('The uploaded file is empty.')
    const reason = polyglotReason(Buffer.concat(head), tail)
    if (reason !== null) throw new UnsupportedMediaTypeError(`The file is refused because, besides being ${decided.mimeType}, ${reason}.`)
    return { path, sha256: hash.digest('hex'), bytes, type: decided, discard }
  } catch (error) {
    await discard()
    throw error
  }
}
