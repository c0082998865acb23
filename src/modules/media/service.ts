import { and, eq, sql, count } from 'drizzle-orm'
import { type Visibility, showsVersion } from '../../auth/permissions.js'
import type { Db } from '../../db/connection.js'
import type { ChangeLog } from '../../editorial/changes.js'
import { media } from '../../db/schema.js'
import { NotFoundError } from '../../errors.js'
import type { CursorCodec } from '../../pagination/cursor.js'
import { assemblePage, directionOf, keysetAfter, keysetParams } from '../../pagination/keyset.js'
import type { Page } from '../../pagination/page.js'
import type { Clock } from '../../time.js'
import type { EditionService } from '../editions/index.js'
import { createMediaCommands, type MediaReference } from './commands.js'
import { mediaColumns, mediaInEdition, toMedia, type MediaRow } from './dto.js'
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
}

export function createMediaService ({ db, codec, clock, changeLog, editions, references }: MediaServiceDeps) {
  const byIds = db.select(mediaColumns).from(media)
    .where(sql`${media.id} in (select value from json_each(${sql.placeholder('ids')}))`).prepare()
  const byId = db.select(mediaColumns).from(media).where(eq(media.id, sql.placeholder('id'))).prepare()
  const editionCode = (editionId: number) => editions.findById(editionId).code
  const texts = createMediaTexts({ db, editions })
  const dto = (row: MediaRow) => toMedia(row, editionCode)
  /** An edition a read asks for: unknown is the client's mistake, named against the parameter. */
  const editionOf = (code: string | undefined, parameter: string) => code === undefined ? null : editions.resolveFilter(code, parameter).code

  return {
    ...createMediaCommands({ db, clock, changeLog, references, texts, editionCode }),
    countTextsByEdition: texts.countByEdition,

    /**
     * With `editorial` visibility (an API key) the item carries its version, the ETag If-Match
     * names. `edition` picks the text shown (see mediaInEdition).
     */
    findById (id: number, visibility: Visibility = 'public', edition?: string): Media {
      const code = editionOf(edition, 'query.edition')
      const row = byId.get({ id })
      if (row === undefined) throw new NotFoundError('media', id)
      const item = mediaInEdition(dto(row), code)
      return showsVersion(visibility) ? { ...item, version: row.version } : item
    },

    /** Batch finder for embeds and GraphQL loaders: one statement, answers in key order, default text (embedders pick their edition's). */
    findByIds (ids: readonly number[]): Array<Media | null> {
      if (ids.length === 0) return []
      const rows = byIds.all({ ids: JSON.stringify([...new Set(ids)]) })
      const found = new Map(rows.map((row) => [row.id, dto(row)]))
      return ids.map((id) => found.get(id) ?? null)
    },

    list (query: MediaListQuery): Page<Media> {
      const code = editionOf(query.edition, 'query.edition')
      const limit = query.limit ?? DEFAULT_LIMIT
      const position = query.cursor !== undefined ? codec.decode(query.cursor, 'id') : null
      const filter = query.kind !== undefined ? eq(media.kind, query.kind) : undefined
      const keyset = keysetAfter({ id: media.id, descending: true }, directionOf(position))
      const rows = db.select(mediaColumns).from(media).where(and(filter, keyset.where)).orderBy(...keyset.orderBy)
        .limit(limit + 1).all(keysetParams(position))
      const total = db.select({ n: count() }).from(media).where(filter).get()?.n ?? 0
      return assemblePage(rows, { limit, position }, { sort: 'id', sortValue: () => null, codec, total, map: (row) => mediaInEdition(dto(row), code) })
    }
  }
}

export type MediaService = ReturnType<typeof createMediaService>
