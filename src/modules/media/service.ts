import { and, eq, sql, count } from 'drizzle-orm'
import { type Visibility, showsVersion } from '../../auth/permissions.js'
import type { MediaConfig } from '../../config.js'
import type { Db } from '../../db/connection.js'
import { createCommitMemo, createCommitStamp } from '../../db/commit-memo.js'
import type { ChangeLog } from '../../editorial/changes.js'
import type { EntityWriteOptions } from '../../editorial/entity-commands.js'
import { media, mediaFiles, mediaUploads } from '../../db/schema.js'
import { NotFoundError } from '../../errors.js'
import type { CursorCodec } from '../../pagination/cursor.js'
import { assemblePage, directionOf, keysetAfter, keysetParams } from '../../pagination/keyset.js'
import type { Page } from '../../pagination/page.js'
import { createKeyLock } from '../../storage/key-lock.js'
import type { MediaStorage } from '../../storage/media-storage.js'
import { numberedOrderBy, selectionConditions, type NumberedPage, type NumberedWindow } from '../../pagination/numbered.js'
import type { Clock } from '../../time.js'
import type { EditionService } from '../editions/index.js'
import { createMediaCommands, type FreedFile, type MediaReference } from './commands.js'
import { mediaColumns, mediaInEdition, toMedia, type FileLinks, type MediaRow } from './dto.js'
import { createMediaFileService } from './files.js'
import type { Media, MediaListQuery } from './schemas.js'
import { createMediaTexts } from './texts.js'
import { DEFAULT_LIMIT } from '../../pagination/limits.js'

export interface MediaServiceDeps {
  db: Db
  codec: CursorCodec
  clock: Clock
  changeLog: ChangeLog
  editions: EditionService
  references: () => readonly MediaReference[]
  storage: MediaStorage
  config: MediaConfig
  /** The public base URL, for the file URLs in responses. */
  baseUrl: string
}

/** A numbered page of media (the WordPress-compatible API): by kind and ids. */
export interface MediaNumberedOptions extends NumberedWindow<'id' | 'date' | 'include'> {
  kind?: Media['kind']
}

type JoinedRow = MediaRow & { upload: typeof mediaUploads.$inferSelect | null, file: typeof mediaFiles.$inferSelect | null }

export function createMediaService ({ db, codec, clock, changeLog, editions, references, storage, config, baseUrl }: MediaServiceDeps) {
  // the uploaded file rides along in the same statement (left joins): a page or batch of media is one read
  const selectMedia = () => db.select({ ...mediaColumns, upload: mediaUploads, file: mediaFiles }).from(media)
    .leftJoin(mediaUploads, eq(mediaUploads.mediaId, media.id))
    .leftJoin(mediaFiles, eq(mediaFiles.sha256, mediaUploads.fileSha256))
  const byIds = selectMedia().where(sql`${media.id} in (select value from json_each(${sql.placeholder('ids')}))`).prepare()
  const byId = selectMedia().where(eq(media.id, sql.placeholder('id'))).prepare()
  const links: FileLinks = { baseUrl, imageWidths: config.imageWidths }
  const editionCode = (editionId: number) => editions.findById(editionId).code
  const texts = createMediaTexts({ db, editions })
  /** An edition a read asks for: unknown is the client's mistake, named against the parameter. */
  const editionOf = (code: string | undefined, parameter: string) => code === undefined ? null : editions.resolveFilter(code, parameter).code

  /** The items with their default text and uploaded files. */
  const shapeAll = (rows: JoinedRow[]): Media[] => rows.map(({ upload, file, ...row }) =>
    toMedia(row, editionCode, upload === null || file === null ? null : { ...upload, file }, links))
  // featured images and attachments of every article response: kept until the database changes (db/commit-memo.ts)
  const itemsByIds = createCommitMemo(createCommitStamp(db), (ids: number[]) =>
    new Map(shapeAll(byIds.all({ ids: JSON.stringify(ids) })).map((item) => [item.id, item])))

  // a delete hands over, inside its transaction, the file objects it freed (commands.ts)
  let freed: FreedFile | null = null
  const commands = createMediaCommands({ db, clock, changeLog, references, texts, editionCode, onFreed: (file) => { freed = file } })
  const lock = createKeyLock()
  const files = createMediaFileService({ db, clock, storage, config, lock, baseUrl, create: commands.create, update: commands.update })

  return {
    ...commands,
    files,
    countTextsByEdition: texts.countByEdition,

    /**
     * Deletes the item; when it was the last user of its uploaded file, the file and its
     * renditions are removed from storage after the delete committed (under the file's lock, so
     * an upload of the same bytes cannot count on them meanwhile).
     */
    async remove (id: number, options: EntityWriteOptions): Promise<void> {
      const run = async (): Promise<void> => {
        freed = null
        commands.remove(id, options)
        const toRemove: FreedFile | null = freed
        freed = null
        if (toRemove !== null) await files.removeObjects(toRemove)
      }
      const sha = files.shaOf(id)
      if (sha === null) await run()
      else await lock(sha, run)
    },

    /**
     * With `editorial` visibility (an API key) the item carries its version, the ETag If-Match
     * names. `edition` picks the text shown (see mediaInEdition).
     */
    findById (id: number, visibility: Visibility = 'public', edition?: string): Media {
      const code = editionOf(edition, 'query.edition')
      const row = byId.get({ id })
      if (row === undefined) throw new NotFoundError('media', id)
      const [item] = shapeAll([row]) as [Media]
      const shown = mediaInEdition(item, code)
      return showsVersion(visibility) ? { ...shown, version: row.version } : shown
    },

    /** Batch finder for embeds and GraphQL loaders: one statement, answers in key order, default text (embedders pick their edition's). */
    findByIds: itemsByIds,

    listNumbered (options: MediaNumberedOptions): NumberedPage<Media> {
      const where = and(options.kind !== undefined ? eq(media.kind, options.kind) : undefined, ...selectionConditions({ id: media.id }, options))
      const key = options.orderBy === 'include' ? 'include' : { id: media.id, date: media.createdAt }[options.orderBy]
      const rows = selectMedia().where(where).orderBy(...numberedOrderBy(key, media.id, options.order, options.ids))
        .limit(options.limit).offset(options.offset).all()
      return { items: shapeAll(rows), total: db.select({ n: count() }).from(media).where(where).get()?.n ?? 0 }
    },

    list (query: MediaListQuery): Page<Media> {
      const code = editionOf(query.edition, 'query.edition')
      const limit = query.limit ?? DEFAULT_LIMIT
      const position = query.cursor !== undefined ? codec.decode(query.cursor, 'id') : null
      const filter = query.kind !== undefined ? eq(media.kind, query.kind) : undefined
      const keyset = keysetAfter({ id: media.id, descending: true }, directionOf(position))
      const rows = selectMedia().where(and(filter, keyset.where)).orderBy(...keyset.orderBy)
        .limit(limit + 1).all(keysetParams(position))
      const total = db.select({ n: count() }).from(media).where(filter).get()?.n ?? 0
      const shaped = new Map(shapeAll(rows).map((item) => [item.id, item]))
      return assemblePage(rows, { limit, position }, { sort: 'id', sortValue: () => null, codec, total, map: (row) => mediaInEdition(shaped.get(row.id) as Media, code) })
    }
  }
}

export type MediaService = ReturnType<typeof createMediaService>
