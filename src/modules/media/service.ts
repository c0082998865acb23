import { and, eq, sql, count } from 'drizzle-orm'
import { type Visibility, showsVersion } from '../../auth/permissions.js'
import type { Db } from '../../db/connection.js'
import type { ChangeLog } from '../../editorial/changes.js'
import { media } from '../../db/schema.js'
import { NotFoundError } from '../../errors.js'
import type { CursorCodec } from '../../pagination/cursor.js'
import { assemblePage, directionOf, keysetAfter, keysetParams } from '../../pagination/keyset.js'
import type { Page } from '../../pagination/page.js'
import { numberedOrderBy, selectionConditions, type NumberedPage, type NumberedWindow } from '../../pagination/numbered.js'
import type { Clock } from '../../time.js'
import { createMediaCommands, type MediaReference } from './commands.js'
import { toMedia } from './dto.js'
import type { Media, MediaListQuery } from './schemas.js'
import { DEFAULT_LIMIT } from '../../pagination/limits.js'

export interface MediaServiceDeps {
  db: Db
  codec: CursorCodec
  clock: Clock
  changeLog: ChangeLog
  references: () => readonly MediaReference[]
}

/** A numbered page of media (the WordPress-compatible API): by kind and ids. */
export interface MediaNumberedOptions extends NumberedWindow<'id' | 'date' | 'include'> {
  kind?: Media['kind']
}

export function createMediaService ({ db, codec, clock, changeLog, references }: MediaServiceDeps) {
  const byIds = db.select().from(media)
    .where(sql`${media.id} in (select value from json_each(${sql.placeholder('ids')}))`).prepare()
  const byId = db.select().from(media).where(eq(media.id, sql.placeholder('id'))).prepare()

  return {
    ...createMediaCommands({ db, clock, changeLog, references }),

    /** With `editorial` visibility (an API key) the item carries its version, the ETag If-Match names. */
    findById (id: number, visibility: Visibility = 'public'): Media {
      const row = byId.get({ id })
      if (row === undefined) throw new NotFoundError('media', id)
      return showsVersion(visibility) ? { ...toMedia(row), version: row.version } : toMedia(row)
    },

    /** Batch finder for embeds and GraphQL loaders: one statement, answers in key order. */
    findByIds (ids: readonly number[]): Array<Media | null> {
      if (ids.length === 0) return []
      const rows = byIds.all({ ids: JSON.stringify([...new Set(ids)]) })
      const found = new Map(rows.map((row) => [row.id, toMedia(row)]))
      return ids.map((id) => found.get(id) ?? null)
    },

    listNumbered (options: MediaNumberedOptions): NumberedPage<Media> {
      const where = and(options.kind !== undefined ? eq(media.kind, options.kind) : undefined, ...selectionConditions({ id: media.id }, options))
      const key = options.orderBy === 'include' ? 'include' : { id: media.id, date: media.createdAt }[options.orderBy]
      const rows = db.select().from(media).where(where).orderBy(...numberedOrderBy(key, media.id, options.order, options.ids))
        .limit(options.limit).offset(options.offset).all()
      return { items: rows.map(toMedia), total: db.select({ n: count() }).from(media).where(where).get()?.n ?? 0 }
    },

    list (query: MediaListQuery): Page<Media> {
      const limit = query.limit ?? DEFAULT_LIMIT
      const position = query.cursor !== undefined ? codec.decode(query.cursor, 'id') : null
      const filter = query.kind !== undefined ? eq(media.kind, query.kind) : undefined
      const keyset = keysetAfter({ id: media.id, descending: true }, directionOf(position))
      const rows = db.select().from(media).where(and(filter, keyset.where)).orderBy(...keyset.orderBy)
        .limit(limit + 1).all(keysetParams(position))
      const total = db.select({ n: count() }).from(media).where(filter).get()?.n ?? 0
      return assemblePage(rows, { limit, position }, { sort: 'id', sortValue: () => null, codec, total, map: toMedia })
    }
  }
}

export type MediaService = ReturnType<typeof createMediaService>
