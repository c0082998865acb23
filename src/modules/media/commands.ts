import { eq, sql } from 'drizzle-orm'
import { authorize } from '../../auth/permissions.js'
import type { Db } from '../../db/connection.js'
import { media, type Rendition } from '../../db/schema.js'
import type { ChangeLog } from '../../editorial/changes.js'
import { createEntityCommands } from '../../editorial/entity-commands.js'
import { ConflictError, InvalidInputError, type FieldProblem } from '../../errors.js'
import type { Clock } from '../../time.js'
import { toMedia } from './dto.js'
import type { MediaCreateBody, MediaPatchBody, RenditionInput } from './write-schemas.js'

export type MediaRow = typeof media.$inferSelect
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
  for (const key of ['kind', 'url', 'mimeType', 'bytes', 'width', 'height', 'durationSeconds', 'altText', 'caption', 'credit'] as const) {
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
export function createMediaCommands ({ db, clock, changeLog, references }: { db: Db, clock: Clock, changeLog: ChangeLog, references: () => readonly MediaReference[] }) {
  const byId = db.select().from(media).where(eq(media.id, sql.placeholder('id'))).prepare()
  const importAtomically = db.$client.transaction((fn: () => unknown) => fn())

  /** What shows the item, for the 409: "articles 3, 7 (featured image); gallery 2". */
  function usesOf (mediaId: number): string[] {
    return references().flatMap(({ one, many, role, referencesTo }) => {
      const ids = referencesTo(mediaId, USES_NAMED + 1)
      if (ids.length === 0) return []
      return [`${ids.length === 1 ? one : many} ${listOf(ids.slice(0, USES_NAMED), ids.length > USES_NAMED)}${role}`]
    })
  }

  const commands = createEntityCommands<MediaRow, MediaCreateBody, MediaPatchBody>({ db, clock, changeLog }, {
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
        altText: input.altText ?? null,
        caption: input.caption ?? null,
        credit: input.credit ?? null,
        renditions: (input.renditions ?? []).map(toRendition)
      }
      assertValid(columns, input)
      return columns
    },
    updateColumns (row, patch) {
      const columns = presentColumns(patch)
      assertValid({ ...row, ...columns }, patch)
      return columns
    },
    beforeDelete (row) {
      const uses = usesOf(row.id)
      if (uses.length > 0) throw new ConflictError(`The media item ${row.id} is still used by ${uses.join('; ')}. Detach it first.`)
      return {}
    },
    snapshot: snapshotOf
  })

  const importInsert = db.$client.prepare(`insert into media (kind, url, mime_type, bytes, width, height, duration_seconds, alt_text, caption, credit, renditions, created_at, updated_at, version)
    values (@kind, @url, @mimeType, @bytes, @width, @height, @durationSeconds, @altText, @caption, @credit, '[]', @createdAt, @updatedAt, 1)`)

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
        durationSeconds: null, altText: input.altText ?? null, caption: input.caption ?? null, credit: null, renditions: [], createdAt: at, updatedAt: at, version: 1
      }
      assertValid(row, input)
      return importAtomically(() => {
        row.id = Number(importInsert.run(row).lastInsertRowid)
        changeLog.record({ entityType: 'media', entityId: row.id, action: 'created', at, keyId: principal.keyId, summary: snapshotOf(row) })
        return row.id
      }) as number
    }
  }
}

/** The media item as the API shows it, without what no write sets; renditions by name only (the change log's view). */
function snapshotOf (row: MediaRow): Record<string, unknown> {
  const { id: _id, createdAt: _created, updatedAt: _updated, srcset: _srcset, renditions, ...fields } = toMedia(row)
  return { ...fields, renditions: renditions.map((rendition) => rendition.name) }
}

export type MediaCommands = ReturnType<typeof createMediaCommands>
