import { and, eq, sql } from 'drizzle-orm'
import { rm, stat } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { authorize } from '../../auth/permissions.js'
import type { Principal } from '../../auth/principal.js'
import type { MediaConfig } from '../../config.js'
import type { Db } from '../../db/connection.js'
import { mediaFiles, mediaRenditions, mediaUploads } from '../../db/schema.js'
import { InvalidFileError, NotFoundError } from '../../errors.js'
import type { KeyLock } from '../../storage/key-lock.js'
import { originalKey, renditionKey, type MediaStorage } from '../../storage/media-storage.js'
import type { Clock } from '../../time.js'
import type { EntityWriteOptions } from '../../editorial/entity-commands.js'
import { createHash, randomUUID } from 'node:crypto'
import type { FreedFile, MediaCreateInput, MediaPatchInput, MediaRow, UploadRecord } from './commands.js'
import { mismatchOf } from './file-types.js'
import { filenameProblem, storedFilename } from './filenames.js'
import { cleanImage, decodeAtWidth, decodesOnce, formatOfMime, mimeOfFormat, renderDecoded, renderImage, type DecodedImage } from './images.js'
import { probeFile } from './probe.js'
import { filePath } from './file-paths.js'
import { receiveUpload, type ReceivedFile, type ReceiveOptions } from './receive.js'
import type { Readable } from 'node:stream'
import { cropSize, negotiateFormat, parseVariant, variantName, widthsFor, type FocalPoint, type ImageFormat } from './variants.js'

// sharp encodes one image per libuv thread (its own concurrency is 1 on glibc): one per core
const RENDITION_WORKERS = Math.max(1, Math.min(4, availableParallelism()))

/** The metadata fields a multipart upload may carry besides the file. */
export interface UploadFields {
  title?: string
  altText?: string
  caption?: string
  credit?: string
  focalPoint?: FocalPoint
}

/** A stored object ready to be sent: its key, type, size and strong validator. */
export interface ServableObject { key: string, mimeType: string, bytes: number, etag: string, filename: string | null, negotiated: boolean }

export interface MediaFileDeps {
  db: Db
  clock: Clock
  storage: MediaStorage
  config: MediaConfig
  lock: KeyLock
  baseUrl: string
  create: (input: MediaCreateInput, options: EntityWriteOptions) => MediaRow
  update: (id: number, patch: MediaPatchInput, options: EntityWriteOptions) => MediaRow
}


/**
 * Uploaded files: storing them content-addressed (the same bytes once), deriving what the bytes
 * tell (dimensions, duration, pages, placeholder), and making image renditions on first request.
 * The database row and the stored object are kept in step under a per-sha256 lock: an object is
 * stored before its row commits and removed after its last row is gone.
 */
export function createMediaFileService ({ db, clock, storage, config, lock, baseUrl, create, update }: MediaFileDeps) {
  const fileBySha = db.select().from(mediaFiles).where(eq(mediaFiles.sha256, sql.placeholder('sha'))).prepare()
  const siblingUpload = db.select().from(mediaUploads).where(eq(mediaUploads.fileSha256, sql.placeholder('sha'))).limit(1).prepare()
  const namedUpload = db.select({ name: mediaUploads.originalFilename }).from(mediaUploads)
    .where(and(eq(mediaUploads.fileSha256, sql.placeholder('sha')), eq(mediaUploads.originalFilename, sql.placeholder('name')))).limit(1).prepare()
  const uploadOf = db.select({ sha: mediaUploads.fileSha256 }).from(mediaUploads).where(eq(mediaUploads.mediaId, sql.placeholder('id'))).prepare()
  const renditionOf = db.select().from(mediaRenditions)
    .where(and(eq(mediaRenditions.sourceSha256, sql.placeholder('sha')), eq(mediaRenditions.variant, sql.placeholder('variant')))).prepare()
  const focalUse = db.select({ id: mediaUploads.mediaId }).from(mediaUploads)
    .where(and(eq(mediaUploads.fileSha256, sql.placeholder('sha')), sql`round(${mediaUploads.focalX} * 1000) = ${sql.placeholder('fx')}`, sql`round(${mediaUploads.focalY} * 1000) = ${sql.placeholder('fy')}`)).limit(1).prepare()

  /** Stores a new file's bytes (images cleaned first) and says what they are; nothing is recorded yet. */
  async function storeNew (received: ReceivedFile): Promise<Omit<UploadRecord, 'originalFilename' | 'focalPoint'> & { durationSeconds: number | null }> {
    const key = originalKey(received.sha256)
    const format = formatOfMime[received.type.mimeType]
    if (received.type.kind === 'image' && format !== undefined) {
      const cleaned = join(storage.tmpDir, `${randomUUID()}.clean`)
      try {
        const image = await cleanImage(received.path, cleaned, format, config.maxImagePixels)
        const { size } = await stat(cleaned)
        await storage.putFile(key, cleaned, received.type.mimeType)
        return { sha256: received.sha256, bytes: size, mimeType: received.type.mimeType, storageKey: key, width: image.width, height: image.height, placeholder: image.placeholder, dominantColor: image.dominantColor, pageCount: null, durationSeconds: null }
      } finally {
        await rm(cleaned, { force: true })
      }
    }
    const probed = await probeFile(received.path, received.type)
    await storage.putFile(key, received.path, received.type.mimeType)
    return { sha256: received.sha256, bytes: received.bytes, mimeType: received.type.mimeType, storageKey: key, width: null, height: null, placeholder: null, dominantColor: null, pageCount: probed.pageCount, durationSeconds: probed.durationSeconds }
  }

  type Stored = Awaited<ReturnType<typeof storeNew>>

  /**
   * Runs `record` with the file's bytes in storage — already there (the same bytes uploaded before:
   * not stored again) or stored now — under the file's lock. An object stored for this call alone
   * is removed again when the record fails, so a refused write leaves nothing behind.
   */
  async function withStoredFile (received: ReceivedFile, record: (stored: Stored) => MediaRow): Promise<{ row: MediaRow, deduplicated: boolean }> {
    return await lock(received.sha256, async () => {
      const existing = fileBySha.get({ sha: received.sha256 })
      const sibling = existing !== undefined ? siblingUpload.get({ sha: received.sha256 }) : undefined
      const stored: Stored = existing !== undefined
        ? {
            sha256: existing.sha256, bytes: existing.bytes, mimeType: existing.mimeType, storageKey: existing.storageKey, width: existing.width, height: existing.height,
            placeholder: sibling?.placeholder ?? null, dominantColor: sibling?.dominantColor ?? null, pageCount: sibling?.pageCount ?? null,
            durationSeconds: await probeDuration(received)
          }
        : await storeNew(received)
      try {
        return { row: record(stored), deduplicated: existing !== undefined }
      } catch (error) {
        // the object was stored for this item alone: without its row it must not stay behind
        if (existing === undefined) await storage.remove(stored.storageKey)
        throw error
      }
    })
  }

  type RenditionRow = typeof mediaRenditions.$inferSelect
  type FileRow = typeof mediaFiles.$inferSelect

  /**
   * The kept rendition `name` of a file, made by `render` and stored when it is not kept yet; null
   * when the file is gone. One lock per rendition, so the renditions of one image are made side by
   * side (on every core) while two requests for the same one make it once. A delete of the file in
   * between makes the row's foreign key fail: the object just stored goes again.
   */
  async function keepRendition (file: FileRow, name: string, format: ImageFormat, render: () => Promise<{ data: Buffer, width: number, height: number }>): Promise<RenditionRow | null> {
    const kept = renditionOf.get({ sha: file.sha256, variant: name })
    if (kept !== undefined) return kept
    return await lock(`${file.sha256}/${name}`, async () => {
      const again = renditionOf.get({ sha: file.sha256, variant: name })
      if (again !== undefined) return again
      if (fileBySha.get({ sha: file.sha256 }) === undefined) return null
      const image = await render()
      const key = renditionKey(file.sha256, name)
      await storage.putBuffer(key, image.data, mimeOfFormat[format])
      const row: RenditionRow = { sourceSha256: file.sha256, variant: name, storageKey: key, mimeType: mimeOfFormat[format], bytes: image.data.length, width: image.width, height: image.height, sha256: createHash('sha256').update(image.data).digest('hex'), createdAt: clock().getTime() }
      try {
        // another process on the same database may have made it meanwhile: same name, same key
        db.insert(mediaRenditions).values(row).onConflictDoNothing().run()
      } catch (error) {
        await storage.remove(key)
        if (fileBySha.get({ sha: file.sha256 }) === undefined) return null
        throw error
      }
      return renditionOf.get({ sha: file.sha256, variant: name }) ?? row
    })
  }

  /**
   * Makes the renditions a page's `srcset` lists — every width in AVIF, WebP and the image's own
   * format — right after an upload, so readers never wait for one. A still image is decoded once,
   * at the widest width, and the set is encoded from those pixels on every core.
   */
  async function prepareRenditions (sha256: string): Promise<void> {
    const file = fileBySha.get({ sha: sha256 })
    const own = file !== undefined ? formatOfMime[file.mimeType] : undefined
    if (file === undefined || own === undefined || file.width === null || file.height === null) return
    const widths = widthsFor(file.width, config.imageWidths)
    const wanted = widths.flatMap((width) => [...new Set<ImageFormat>(['avif', 'webp', own])].map((format) => ({ width, format, name: variantName({ crop: null, focal: null, width, format }) })))
      .filter(({ name }) => renditionOf.get({ sha: sha256, variant: name }) === undefined)
    if (wanted.length === 0) return
    let decoded: Promise<DecodedImage> | null = null
    const render = decodesOnce(own)
      ? async (width: number, format: ImageFormat) => await renderDecoded(await (decoded ??= storage.read(file.storageKey).then(async (source) => await decodeAtWidth(source, Math.max(...widths), config.maxImagePixels))), width, format)
      : async (width: number, format: ImageFormat) => await renderImage(await storage.read(file.storageKey), own, { width: file.width as number, height: file.height as number }, { width, format, crop: null, focal: null }, config.maxImagePixels)
    // widest first: the slowest encodes start while the narrow ones fill the gaps
    const queue = wanted.reverse()
    const worker = async (): Promise<void> => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
        const { width, format, name } = next
        await keepRendition(file, name, format, async () => await render(width, format))
      }
    }
    await Promise.all(Array.from({ length: Math.min(queue.length, RENDITION_WORKERS) }, worker))
  }

  /** What the file says about itself, as the item's fields. */
  const fileFieldsOf = (received: ReceivedFile, stored: Stored, originalFilename: string) => ({
    kind: received.type.kind,
    url: `${baseUrl}${filePath(stored.sha256, originalFilename)}`,
    mimeType: stored.mimeType,
    bytes: stored.bytes,
    width: stored.width,
    height: stored.height,
    durationSeconds: stored.durationSeconds
  })

  return {
    /** Refuses before any byte of the body is read. */
    assertMayUpload (actor: Principal | null): void {
      authorize(actor, 'media:create')
    },

    /** Why the declared name or type is refused (400 for the name, 422 for a contradiction), checked before storing. */
    checkDeclared (received: ReceivedFile, filename: string, declaredMime: string | null): void {
      const mismatch = mismatchOf(received.type, declaredMime, filename)
      if (mismatch !== null) throw new InvalidFileError(`The file's declared type contradicts its content: ${mismatch}.`)
    },

    filenameProblem,

    /** Streams an upload to a temporary file, typed by its bytes (receive.ts). */
    receive: async (stream: Readable, options: Pick<ReceiveOptions, 'createWriteStream'> = {}): Promise<ReceivedFile> =>
      await receiveUpload(stream, { tmpDir: storage.tmpDir, maxBytes: config.maxBytes, ...options }),

    /** The largest upload of any kind, for the early Content-Length check. */
    maxUploadBytes: Math.max(...Object.values(config.maxBytes)),

    /**
     * Creates a media item for an upload. Identical bytes already stored are not stored again
     * (`deduplicated`); the item still gets its own name, text and focal point.
     */
    async createFromUpload (received: ReceivedFile, filename: string, fields: UploadFields, options: EntityWriteOptions): Promise<{ row: MediaRow, deduplicated: boolean }> {
      authorize(options.actor, 'media:create')
      const originalFilename = storedFilename(filename, received.type.extensions[0] ?? 'bin')
      if (fields.focalPoint !== undefined && received.type.kind !== 'image') throw new InvalidFileError('Only an image has a focal point.')
      const created = await withStoredFile(received, (stored) => create({
        ...fileFieldsOf(received, stored, originalFilename),
        ...(fields.title !== undefined ? { title: fields.title } : {}),
        ...(fields.altText !== undefined ? { altText: fields.altText } : {}),
        ...(fields.caption !== undefined ? { caption: fields.caption } : {}),
        ...(fields.credit !== undefined ? { credit: fields.credit } : {}),
        upload: { ...stored, originalFilename, focalPoint: fields.focalPoint ?? null }
      }, options))
      // the item exists whatever happens here: a rendition that cannot be made now (a full disk)
      // is made, or refused with its own error, on its first request
      if (config.renditionsAtUpload && received.type.kind === 'image') await prepareRenditions(received.sha256).catch(() => undefined)
      return created
    },

    /**
     * Gives an item described by URL a stored file of its own (the demo start-up; an import whose
     * uploads folder has the file): it keeps its id, text and every use, and its file fields become
     * the file's. An item that already has an uploaded file is a 409 (commands.ts).
     */
    async attachFile (mediaId: number, received: ReceivedFile, filename: string, options: EntityWriteOptions): Promise<{ row: MediaRow, deduplicated: boolean }> {
      authorize(options.actor, 'media:update')
      const originalFilename = storedFilename(filename, received.type.extensions[0] ?? 'bin')
      return await withStoredFile(received, (stored) => update(mediaId, {
        ...fileFieldsOf(received, stored, originalFilename),
        renditions: [],
        upload: { ...stored, originalFilename, focalPoint: null }
      }, options))
    },

    /** The sha256 of the item's uploaded file, whose lock its delete must hold. */
    shaOf (mediaId: number): string | null {
      return uploadOf.get({ id: mediaId })?.sha ?? null
    },

    /** After the delete of a file's last item has committed: its objects go. */
    async removeObjects (freed: FreedFile): Promise<void> {
      await Promise.all(freed.keys.map(async (key) => { await storage.remove(key) }))
    },

    /** The original, if `name` is one under which it was uploaded (a link names the file it was made for). */
    original (sha256: string, name: string): ServableObject {
      const file = /^[0-9a-f]{64}$/.test(sha256) ? fileBySha.get({ sha: sha256 }) : undefined
      if (file === undefined || namedUpload.get({ sha: sha256, name }) === undefined) throw new NotFoundError('media file', `${sha256}/${name}`)
      return { key: file.storageKey, mimeType: file.mimeType, bytes: file.bytes, etag: `"${file.sha256}"`, filename: name, negotiated: false }
    },

    /** A rendition, made and stored on its first request, then served as stored. */
    async rendition (sha256: string, name: string, accept: string | undefined): Promise<ServableObject> {
      const notFound = new NotFoundError('media rendition', `${sha256}/${name}`)
      const file = /^[0-9a-f]{64}$/.test(sha256) ? fileBySha.get({ sha: sha256 }) : undefined
      const variant = parseVariant(name)
      const sourceFormat = file !== undefined ? formatOfMime[file.mimeType] : undefined
      if (file === undefined || variant === null || sourceFormat === undefined || file.width === null || file.height === null) throw notFound
      const size = variant.crop === null ? { width: file.width, height: file.height } : cropSize(file.width, file.height, variant.crop)
      if (!widthsFor(size.width, config.imageWidths).includes(variant.width)) throw notFound
      // a focal crop exists only for a focal point an item of this file has: the URL space stays finite
      if (variant.focal !== null && focalUse.get({ sha: sha256, fx: Math.round(variant.focal.x * 1000), fy: Math.round(variant.focal.y * 1000) }) === undefined) throw notFound
      const format = variant.format ?? negotiateFormat(accept, sourceFormat)
      const made = await keepRendition(file, variantName({ ...variant, format }), format, async () => {
        const source = await storage.read(file.storageKey)
        return await renderImage(source, sourceFormat, { width: file.width as number, height: file.height as number }, { width: variant.width, format, crop: variant.crop, focal: variant.focal }, config.maxImagePixels)
      })
      if (made === null) throw notFound
      return { key: made.storageKey, mimeType: made.mimeType, bytes: made.bytes, etag: `"${made.sha256}"`, filename: null, negotiated: variant.format === null }
    },

    read: async (key: string, range?: { start: number, end: number }) => await storage.read(key, range)
  }

  async function probeDuration (received: ReceivedFile): Promise<number | null> {
    if (received.type.kind !== 'audio' && received.type.kind !== 'video') return null
    return (await probeFile(received.path, received.type)).durationSeconds
  }
}

export type MediaFileService = ReturnType<typeof createMediaFileService>
