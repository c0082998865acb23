import { eq, sql } from 'drizzle-orm'
import { authorize } from '../../auth/permissions.js'
import type { Db } from '../../db/connection.js'
import { media, mediaFiles, mediaRenditions, mediaUploads, type Rendition } from '../../db/schema.js'
import type { ChangeLog } from '../../editorial/changes.js'
import { createEntityCommands } from '../../editorial/entity-commands.js'
import { ConflictError, InvalidInputError, type FieldProblem } from '../../errors.js'
import type { Clock } from '../../time.js'
import { mediaColumns, toMedia, type MediaRow } from './dto.js'
import type { MediaTexts } from './texts.js'
import type { MediaCreateBody, MediaPatchBody, RenditionInput } from './write-schemas.js'

/** The stored file a created item is for (an upload), recorded in the create's transaction. */
export interface UploadRecord {
  sha256: string
  bytes: number
  mimeType: string
  storageKey: string
  width: number | null
  height: number | null
  originalFilename: string
  placeholder: string | null
  dominantColor: string | null
  focalPoint: { x: number, y: number } | null
  pageCount: number | null
}

export type MediaCreateInput = MediaCreateBody & { upload?: UploadRecord }
/** A patch; `upload` only from the file service, giving an item described by URL its stored file. */
export type MediaPatchInput = MediaPatchBody & { upload?: UploadRecord }

/** What a delete freed: the stored objects to remove once the transaction has committed. */
export interface FreedFile { sha256: string, keys: string[] }

export type { MediaRow } from './dto.js'
type MediaKind = MediaRow['kind']

const mimePrefix: Record<MediaKind, string | null> = { image: 'image/', video: 'video/', audio: 'audio/', document: null }

/** What the merged item must satisfy beyond each field's own schema: mime type and duration fit the kind, rendition names are unique. */
function problemsOf (item: { kind: MediaKind, mimeType: string, durationSeconds: number | null, renditions: Rendition[] }, sent: Partial<Record<string, unknown>>): FieldProblem[] {
  const problems: FieldProblem[] = []
  const mime = item.mimeType.toLowerCase()
  const prefix = mimePrefix[item.kind]
  const fits = prefix === null ? !Object.values(mimePrefix).some((p) => p !== null && mime.startsWith(p)) : mime.startsWith(prefix)
  if (!fits) {
    problems.push({
      name: sent.mimeType !== undefined || sent.kind === undefined ? 'body.mimeType' : 'body.kind',
      reason: prefix === null ? `${item.mimeType} is an image, video or audio type, not a document's` : `${item.mimeType} is not a ${prefix}* type, as ${item.kind} needs`
    })
  }
  if (item.durationSeconds !== null && (item.kind === 'image' || item.kind === 'document')) {
    problems.push({ name: sent.durationSeconds !== undefined ? 'body.durationSeconds' : 'body.kind', reason: `a ${item.kind} has no duration` })
  }
  const seen = new Set<string>()
  item.renditions.forEach((rendition, i) => {
    if (seen.has(rendition.name)) problems.push({ name: `body.renditions.${i}.name`, reason: `another rendition is already named "${rendition.name}"` })
    seen.add(rendition.name)
  })
  return problems
}

const toRendition = (input: RenditionInput): Rendition => ({
  name: input.name, url: input.url, width: input.width ?? null, height: input.height ?? null, mimeType: input.mimeType, bytes: input.bytes ?? null
})

function assertValid (item: Parameters<typeof problemsOf>[0], sent: Partial<Record<string, unknown>>): void {
  const problems = problemsOf(item, sent)
  if (problems.length > 0) throw new InvalidInputError(problems.map((p) => `${p.name} ${p.reason}`).join('; '), problems)
}

/** Only the columns whose fields are present in the body (absent stays as it is; null clears). */
function presentColumns (body: MediaPatchBody): Partial<MediaRow> {
  const columns: Partial<MediaRow> = {}
  for (const key of ['kind', 'url', 'mimeType', 'bytes', 'width', 'height', 'durationSeconds', 'title', 'altText', 'caption', 'credit'] as const) {
    if (body[key] !== undefined) (columns as Record<string, unknown>)[key] = body[key]
  }
  if (body.renditions !== undefined) columns.renditions = body.renditions.map(toRendition)
  return columns
}

const listOf = (ids: number[], more: boolean) => `${ids.join(', ')}${more ? ' …' : ''}`
const USES_NAMED = 10

/**
 * Something that shows media (an article's featured image, an author's avatar, a gallery). Those
 * modules are built on media, so media cannot import them: createServices hands these in, asked
 * only when an item is deleted.
 */
export interface MediaReference {
  one: string
  many: string
  /** How the item is used, after the ids (" (featured image)"), or ''. */
  role: string
  /** Ids of what shows the item, in id order, at most `limit`. */
  referencesTo: (mediaId: number, limit: number) => number[]
}

/**
 * Media metadata writes (authors may create, to attach images to their drafts; editors change and
 * delete). Deleting refuses with a 409 while anything shows the item (an article's featured image,
 * an author's avatar, a gallery): silently blanking those would change published pages, so the
 * editor detaches it first and each of those writes is logged on its own.
 */
export function createMediaCommands ({ db, clock, changeLog, references, texts, editionCode, onFreed }: {
  db: Db, clock: Clock, changeLog: ChangeLog, references: () => readonly MediaReference[], texts: MediaTexts, editionCode: (editionId: number) => string, onFreed: (freed: FreedFile) => void
}) {
  const byId = db.select(mediaColumns).from(media).where(eq(media.id, sql.placeholder('id'))).prepare()
  const importAtomically = db.$client.transaction((fn: () => unknown) => fn())

  /** The item now uses the file: its row is created or its count goes up (same transaction as the item). */
  function recordUpload (tx: Db, mediaId: number, upload: UploadRecord, at: number): void {
    tx.insert(mediaFiles).values({
      sha256: upload.sha256, bytes: upload.bytes, mimeType: upload.mimeType, storageKey: upload.storageKey,
      width: upload.width, height: upload.height, refcount: 1, createdAt: at
    }).onConflictDoUpdate({ target: mediaFiles.sha256, set: { refcount: sql`${mediaFiles.refcount} + 1` } }).run()
    tx.insert(mediaUploads).values({
      mediaId, fileSha256: upload.sha256, originalFilename: upload.originalFilename, placeholder: upload.placeholder,
      dominantColor: upload.dominantColor, focalX: upload.focalPoint?.x ?? null, focalY: upload.focalPoint?.y ?? null, pageCount: upload.pageCount
    }).run()
  }

  /** The item no longer uses its file; the last user's delete forgets the file and its renditions. */
  function releaseUpload (tx: Db, mediaId: number): FreedFile | null {
    const upload = tx.select({ sha256: mediaUploads.fileSha256 }).from(mediaUploads).where(eq(mediaUploads.mediaId, mediaId)).get()
    if (upload === undefined) return null
    tx.delete(mediaUploads).where(eq(mediaUploads.mediaId, mediaId)).run()
    const file = tx.update(mediaFiles).set({ refcount: sql`${mediaFiles.refcount} - 1` }).where(eq(mediaFiles.sha256, upload.sha256))
      .returning({ refcount: mediaFiles.refcount, storageKey: mediaFiles.storageKey }).get()
    if (file === undefined || file.refcount > 0) return null
    const renditions = tx.select({ key: mediaRenditions.storageKey }).from(mediaRenditions).where(eq(mediaRenditions.sourceSha256, upload.sha256)).all()
    tx.delete(mediaFiles).where(eq(mediaFiles.sha256, upload.sha256)).run()
    return { sha256: upload.sha256, keys: [file.storageKey, ...renditions.map((r) => r.key)] }
  }

  /** What shows the item, for the 409: "articles 3, 7 (featured image); gallery 2". */
  function usesOf (mediaId: number): string[] {
    return references().flatMap(({ one, many, role, referencesTo }) => {
      const ids = referencesTo(mediaId, USES_NAMED + 1)
      if (ids.length === 0) return []
      return [`${ids.length === 1 ? one : many} ${listOf(ids.slice(0, USES_NAMED), ids.length > USES_NAMED)}${role}`]
    })
  }

  const commands = createEntityCommands<MediaRow, MediaCreateInput, MediaPatchInput>({ db, clock, changeLog }, {
    type: 'media',
    label: 'media item',
    table: media,
    operations: { create: 'media:create', update: 'media:update', delete: 'media:delete' },
    load: (id) => byId.get({ id }),
    insertColumns (input) {
      const columns = {
        kind: input.kind,
        url: input.url,
        mimeType: input.mimeType,
        bytes: input.bytes ?? null,
        width: input.width ?? null,
        height: input.height ?? null,
        durationSeconds: input.durationSeconds ?? null,
        title: input.title ?? null,
        altText: input.altText ?? null,
        caption: input.caption ?? null,
        credit: input.credit ?? null,
        renditions: (input.renditions ?? []).map(toRendition)
      }
      assertValid(columns, input)
      return columns
    },
    updateColumns (row, patch, tx) {
      const columns = presentColumns(patch)
      const uploaded = tx.select({ id: mediaUploads.mediaId }).from(mediaUploads).where(eq(mediaUploads.mediaId, row.id)).get() !== undefined
      const fileFields = (['kind', 'url', 'mimeType', 'bytes', 'width', 'height', 'durationSeconds', 'renditions'] as const)
        // a non-image's renditions are a list the editor keeps (encodings, a poster), not derived from the file
        .filter((key) => patch[key] !== undefined && !(key === 'renditions' && row.kind !== 'image'))
      if (uploaded && (fileFields.length > 0 || patch.upload !== undefined)) {
        throw new ConflictError(`The media item ${row.id} is an uploaded file: ${fileFields.join(', ')} describe${fileFields.length === 1 ? 's' : ''} that file and cannot be changed. Upload the new file as a new item.`)
      }
      assertValid({ ...row, ...columns }, patch)
      return columns
    },
    // per-edition text is rows of its own, replaced whole when the body names it
    afterWrite (row, input, tx, { at }) {
      if (input.upload !== undefined) recordUpload(tx, row.id, input.upload, at)
      if (input.translations !== undefined) texts.replace(tx, row.id, input.translations)
    },
    beforeDelete (row, tx) {
      const uses = usesOf(row.id)
      if (uses.length > 0) throw new ConflictError(`The media item ${row.id} is still used by ${uses.join('; ')}. Detach it first.`)
      const freed = releaseUpload(tx, row.id)
      // handed over before commit: if the transaction rolls back, the caller must not delete the objects
      if (freed !== null) onFreed(freed)
      return freed !== null ? { fileRemoved: freed.sha256 } : {}
    },
    snapshot (row) {
      // the kit loads the written row before afterWrite replaces its texts, so they are read
      // afresh (a deleted row keeps the texts it was loaded with)
      return snapshotOf({ ...row, texts: byId.get({ id: row.id })?.texts ?? row.texts }, editionCode)
    }
  })

  const importInsert = db.$client.prepare(`insert into media (kind, url, mime_type, bytes, width, height, duration_seconds, title, alt_text, caption, credit, renditions, created_at, updated_at, version)
    values (@kind, @url, @mimeType, @bytes, @width, @height, @durationSeconds, @title, @altText, @caption, @credit, '[]', @createdAt, @updatedAt, 1)`)

  return {
    ...commands,

    /**
     * A media record from another system (the WordPress import, tens of thousands at once): the
     * create command's checks and `created` change, with one prepared insert and no re-read.
     */
    importCreate (input: Omit<MediaCreateBody, 'renditions' | 'durationSeconds' | 'credit'>, { actor }: { actor: Parameters<typeof commands.create>[1]['actor'] }): number {
      const principal = authorize(actor, 'media:create')
      const at = clock().getTime()
      const row: MediaRow = {
        id: 0, kind: input.kind, url: input.url, mimeType: input.mimeType, bytes: input.bytes ?? null, width: input.width ?? null, height: input.height ?? null,
        durationSeconds: null, title: input.title ?? null, altText: input.altText ?? null, caption: input.caption ?? null, credit: null, renditions: [], createdAt: at, updatedAt: at, version: 1, texts: '[]'
      }
      assertValid(row, input)
      return importAtomically(() => {
        row.id = Number(importInsert.run(row).lastInsertRowid)
        changeLog.record({ entityType: 'media', entityId: row.id, action: 'created', at, keyId: principal.keyId, summary: snapshotOf(row, editionCode) })
        return row.id
      }) as number
    }
  }
}

/** The media item as the API shows it, without what no write sets; renditions by name only (the change log's view). */
function snapshotOf (row: MediaRow, editionCode: (editionId: number) => string): Record<string, unknown> {
  const { id: _id, createdAt: _created, updatedAt: _updated, srcset: _srcset, textEdition: _edition, renditions, ...fields } = toMedia(row, editionCode)
  return { ...fields, renditions: renditions.map((rendition) => rendition.name) }
}

export type MediaCommands = ReturnType<typeof createMediaCommands>
