import { and, asc, count, eq, sql } from 'drizzle-orm'
import { type Visibility, showsVersion } from '../../auth/permissions.js'
import type { Db } from '../../db/connection.js'
import type { ChangeLog } from '../../editorial/changes.js'
import { galleries, galleryItems } from '../../db/schema.js'
import { NotFoundError } from '../../errors.js'
import type { CursorCodec } from '../../pagination/cursor.js'
import { assemblePage, directionOf, keysetAfter, keysetParams, type KeysetDirection } from '../../pagination/keyset.js'
import type { Page } from '../../pagination/page.js'
import { toIso, type Clock } from '../../time.js'
import type { EditionService } from '../editions/index.js'
import type { FrontendUrls } from '../../frontend-urls.js'
import { mediaInEdition, type Media } from '../media/index.js'
import type { MediaService } from '../media/index.js'
import { createGalleryCommands } from './commands.js'
import type { Gallery, GalleryItem } from './schemas.js'
import { DEFAULT_LIMIT } from '../../pagination/limits.js'
import { editionContentCounter } from '../../editorial/edition-content.js'
import type { LinkRemoval } from '../../editorial/link-removal.js'

export interface GalleryListOptions {
  edition?: string
  limit?: number
  cursor?: string
}

export interface GalleryServiceDeps {
  db: Db
  codec: CursorCodec
  editions: EditionService
  urls: Pick<FrontendUrls, 'gallery'>
  media: Pick<MediaService, 'findByIds'>
  clock: Clock
  changeLog: ChangeLog
  menuLinks: LinkRemoval
}

type GalleryRow = typeof galleries.$inferSelect

const inEdition = eq(galleries.editionId, sql.placeholder('editionId'))
const json = (ids: readonly number[]) => JSON.stringify([...new Set(ids)])

export function createGalleryService ({ db, codec, editions, urls, media, clock, changeLog, menuLinks }: GalleryServiceDeps) {
  const containing = db.selectDistinct({ id: galleryItems.galleryId }).from(galleryItems).where(eq(galleryItems.mediaId, sql.placeholder('mediaId')))
    .orderBy(asc(galleryItems.galleryId)).limit(sql.placeholder('limit')).prepare()
  const byId = db.select().from(galleries).where(eq(galleries.id, sql.placeholder('id'))).prepare()
  const bySlug = db.select().from(galleries)
    .where(and(inEdition, eq(galleries.slug, sql.placeholder('slug')))).prepare()
  const byIds = db.select().from(galleries)
    .where(sql`${galleries.id} in (select value from json_each(${sql.placeholder('ids')}))`).prepare()
  const refsByIds = db.select({ id: galleries.id, editionId: galleries.editionId, slug: galleries.slug }).from(galleries)
    .where(sql`${galleries.id} in (select value from json_each(${sql.placeholder('ids')}))`).prepare()
  const itemsOf = db.select().from(galleryItems)
    .where(sql`${galleryItems.galleryId} in (select value from json_each(${sql.placeholder('ids')}))`)
    .orderBy(asc(galleryItems.galleryId), asc(galleryItems.position)).prepare()

  // Newest first by id. Separate statements with and without the edition filter, so neither
  // carries a `? is null or …` predicate that would keep SQLite from using an index.
  const prepareList = (scoped: boolean, direction: KeysetDirection) => {
    const keyset = keysetAfter({ id: galleries.id, descending: true }, direction)
    return db.select().from(galleries).where(and(scoped ? inEdition : undefined, keyset.where)).orderBy(...keyset.orderBy).limit(sql.placeholder('limit')).prepare()
  }
  const listIn = (scoped: boolean) => ({ first: prepareList(scoped, 'first'), after: prepareList(scoped, 'after'), before: prepareList(scoped, 'before') })
  const listStatements = { anywhere: listIn(false), inEdition: listIn(true) }
  const totals = {
    anywhere: db.select({ n: count() }).from(galleries).prepare(),
    inEdition: db.select({ n: count() }).from(galleries).where(inEdition).prepare()
  }

  function toGallery (row: GalleryRow, items: GalleryItem[]): Gallery {
    return {
      id: row.id,
      edition: editions.findById(row.editionId).code,
      slug: row.slug,
      title: row.title,
      description: row.description,
      url: urls.gallery(editions.findById(row.editionId).code, row.slug),
      items,
      createdAt: toIso(row.createdAt),
      updatedAt: toIso(row.updatedAt)
    }
  }

  /** Items of every gallery in one statement and their media in one batch, whatever the number of galleries. */
  function withItems (rows: GalleryRow[]): Gallery[] {
    if (rows.length === 0) return []
    const itemRows = itemsOf.all({ ids: json(rows.map((row) => row.id)) })
    const found = media.findByIds(itemRows.map((item) => item.mediaId))
    const mediaById = new Map(found.filter((m): m is Media => m !== null).map((m) => [m.id, m]))
    const itemsByGallery = new Map<number, GalleryItem[]>()
    // each item's media text in the gallery's edition (docs/media.md, Captions per edition)
    const editionOf = new Map(rows.map((row) => [row.id, editions.findById(row.editionId).code]))
    for (const item of itemRows) {
      // gallery_items.media_id restricts deletes, so a missing media row cannot happen; skip rather than emit null
      const embedded = mediaById.get(item.mediaId)
      if (embedded === undefined) continue
      let list = itemsByGallery.get(item.galleryId)
      if (list === undefined) itemsByGallery.set(item.galleryId, list = [])
      list.push({ position: item.position, caption: item.caption, media: mediaInEdition(embedded, editionOf.get(item.galleryId)) })
    }
    return rows.map((row) => toGallery(row, itemsByGallery.get(row.id) ?? []))
  }

  return {
    /** Galleries showing the media item (media refuses to delete it while any does). */
    referencesToMedia: (mediaId: number, limit: number): number[] => containing.all({ mediaId, limit }).map((row) => row.id),
    countByEdition: editionContentCounter(db, galleries),
    ...createGalleryCommands({ db, clock, changeLog, editions, media, menuLinks }),

    /** With `editorial` visibility (an API key) the gallery carries its version, the ETag If-Match names. */
    findById (id: number, visibility: Visibility = 'public'): Gallery {
      const row = byId.get({ id })
      if (row === undefined) throw new NotFoundError('gallery', id)
      const gallery = withItems([row])[0]!
      return showsVersion(visibility) ? { ...gallery, version: row.version } : gallery
    },

    findBySlug (editionCode: string, slug: string): Gallery {
      const row = bySlug.get({ editionId: editions.findByCode(editionCode).id, slug })
      if (row === undefined) throw new NotFoundError('gallery', `${editionCode}/${slug}`)
      return withItems([row])[0]!
    },

    /** Batch finder for embeds and GraphQL loaders: one statement per table, answers in key order. */
    findByIds (ids: readonly number[]): Array<Gallery | null> {
      if (ids.length === 0) return []
      const found = new Map(withItems(byIds.all({ ids: json(ids) })).map((gallery) => [gallery.id, gallery]))
      return ids.map((id) => found.get(id) ?? null)
    },

    /** Batch finder for links (menu items): one statement, no items or media, answers in key order. */
    findRefsByIds (ids: readonly number[]): Array<{ id: number, edition: string, slug: string, url: string } | null> {
      if (ids.length === 0) return []
      const found = new Map(refsByIds.all({ ids: json(ids) }).map((row) => {
        const edition = editions.findById(row.editionId).code
        return [row.id, { id: row.id, edition, slug: row.slug, url: urls.gallery(edition, row.slug) }] as const
      }))
      return ids.map((id) => found.get(id) ?? null)
    },

    list (options: GalleryListOptions): Page<Gallery> {
      const limit = options.limit ?? DEFAULT_LIMIT
      const edition = options.edition !== undefined ? editions.resolveFilter(options.edition) : undefined
      const position = options.cursor !== undefined ? codec.decode(options.cursor, 'id') : null
      const scope = edition === undefined ? 'anywhere' : 'inEdition'
      const params = { editionId: edition?.id, ...keysetParams(position), limit: limit + 1 }
      const rows = listStatements[scope][directionOf(position)].all(params)
      const total = totals[scope].get(params)?.n ?? 0
      const page = assemblePage(rows, { limit, position }, { sort: 'id', sortValue: () => null, codec, total, map: (row) => row })
      return { ...page, items: withItems(page.items) }
    }
  }
}

export type GalleryService = ReturnType<typeof createGalleryService>
