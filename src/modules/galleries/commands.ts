import { and, asc, eq, ne, sql } from 'drizzle-orm'
import type { Db } from '../../db/connection.js'
import { galleries, galleryItems } from '../../db/schema.js'
import type { ChangeLog } from '../../editorial/changes.js'
import { createEntityCommands } from '../../editorial/entity-commands.js'
import { slugFromTitle, uniqueSlug } from '../../editorial/slugs.js'
import { ConflictError, InvalidInputError } from '../../errors.js'
import type { Clock } from '../../time.js'
import type { EditionService } from '../editions/index.js'
import type { LinkRemoval } from '../../editorial/link-removal.js'
import type { GalleryCreateBody, GalleryItemInput, GalleryPatchBody } from './write-schemas.js'

export type GalleryRow = typeof galleries.$inferSelect

/** The galleries module checks media through the media service's batch finder, not its table. */
export interface MediaExistence { findByIds: (ids: readonly number[]) => Array<{ id: number } | null> }

/**
 * Gallery writes (editors). `items` replaces the ordered list as a whole, in the same transaction
 * as the gallery row. Deleting a gallery takes its items with it (the rows that place media in it);
 * the media stay, and menu items linking to it leave their menus.
 */
export function createGalleryCommands ({ db, clock, changeLog, editions, media, menuLinks }: { db: Db, clock: Clock, changeLog: ChangeLog, editions: EditionService, media: MediaExistence, menuLinks: LinkRemoval }) {
  const byId = db.select().from(galleries).where(eq(galleries.id, sql.placeholder('id'))).prepare()
  const slugTaken = db.select({ id: galleries.id }).from(galleries)
    .where(and(eq(galleries.editionId, sql.placeholder('editionId')), eq(galleries.slug, sql.placeholder('slug')), ne(galleries.id, sql.placeholder('id')))).prepare()
  const itemsOf = db.select({ mediaId: galleryItems.mediaId, caption: galleryItems.caption }).from(galleryItems)
    .where(eq(galleryItems.galleryId, sql.placeholder('galleryId'))).orderBy(asc(galleryItems.position)).prepare()

  function assertSlugFree (editionId: number, slug: string, id: number): void {
    if (slugTaken.get({ editionId, slug, id }) !== undefined) {
      throw new ConflictError(`The slug "${slug}" is already used by another gallery in edition ${editions.findById(editionId).code}.`)
    }
  }

  function assertMediaExist (items: GalleryItemInput[] | undefined): void {
    if (items === undefined || items.length === 0) return
    const found = media.findByIds(items.map((item) => item.mediaId))
    const problems = items.flatMap((item, i) => found[i] === null ? [{ name: `body.items.${i}.mediaId`, reason: `media ${item.mediaId} does not exist` }] : [])
    if (problems.length > 0) throw new InvalidInputError(problems.map((p) => `${p.name}: ${p.reason}`).join('; '), problems)
  }

  return createEntityCommands<GalleryRow, GalleryCreateBody, GalleryPatchBody>({ db, clock, changeLog }, {
    type: 'gallery',
    label: 'gallery',
    table: galleries,
    operations: { create: 'gallery:create', update: 'gallery:update', delete: 'gallery:delete' },
    load: (id) => byId.get({ id }),
    insertColumns (input) {
      const edition = editions.resolveFilter(input.edition, 'body.edition')
      assertMediaExist(input.items)
      let slug = input.slug
      if (slug === undefined) slug = uniqueSlug(slugFromTitle(input.title), (s) => slugTaken.get({ editionId: edition.id, slug: s, id: 0 }) !== undefined)
      else assertSlugFree(edition.id, slug, 0)
      return { editionId: edition.id, title: input.title, slug, description: input.description ?? null }
    },
    updateColumns (row, patch) {
      assertMediaExist(patch.items)
      if (patch.slug !== undefined && patch.slug !== row.slug) assertSlugFree(row.editionId, patch.slug, row.id)
      return {
        ...(patch.title !== undefined ? { title: patch.title } : {}),
        ...(patch.slug !== undefined ? { slug: patch.slug } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {})
      }
    },
    afterWrite (row, input, tx) {
      if (input.items === undefined) return
      tx.delete(galleryItems).where(eq(galleryItems.galleryId, row.id)).run()
      if (input.items.length === 0) return
      tx.insert(galleryItems).values(input.items.map((item, position) => ({ galleryId: row.id, mediaId: item.mediaId, position, caption: item.caption ?? null }))).run()
    },
    beforeDelete: (row, tx, context) => ({ menusUpdated: menuLinks.removeLinksTo(tx, { gallery: row.id }, context) }),
    snapshot: (row) => ({
      edition: editions.findById(row.editionId).code,
      slug: row.slug,
      title: row.title,
      description: row.description,
      items: itemsOf.all({ galleryId: row.id })
    })
  })
}

export type GalleryCommands = ReturnType<typeof createGalleryCommands>
