import { and, eq, ne, sql } from 'drizzle-orm'
import type { Db } from '../../db/connection.js'
import { tags } from '../../db/schema.js'
import type { ChangeLog } from '../../editorial/changes.js'
import { createEntityCommands, type WriteContext } from '../../editorial/entity-commands.js'
import { slugFromTitle, uniqueSlug } from '../../editorial/slugs.js'
import { ConflictError } from '../../errors.js'
import type { Clock } from '../../time.js'
import type { EditionService } from '../editions/index.js'
import type { LinkRemoval } from '../../editorial/link-removal.js'
import type { TagCreateBody, TagPatchBody } from './write-schemas.js'

export type TagRow = typeof tags.$inferSelect

/**
 * What carries tags (articles). Articles are built on tags, so tags cannot import them:
 * createServices hands this in, asked only when a tag is deleted.
 */
export interface TaggedContent {
  /** Inside the tag's delete transaction: unlinks the tag, returns the ids of the articles that had it. */
  detachTag: (tx: Db, tagId: number, context: WriteContext) => number[]
}

/**
 * Tag writes (editors; authors may create). Deleting a tag detaches it from its articles (the
 * articles module records that as a change of each article); menu items linking to it leave their menus.
 */
export function createTagCommands ({ db, clock, changeLog, editions, tagged, menuLinks }: { db: Db, clock: Clock, changeLog: ChangeLog, editions: EditionService, tagged: () => TaggedContent, menuLinks: LinkRemoval }) {
  const byId = db.select().from(tags).where(eq(tags.id, sql.placeholder('id'))).prepare()
  const slugTaken = db.select({ id: tags.id }).from(tags)
    .where(and(eq(tags.editionId, sql.placeholder('editionId')), eq(tags.slug, sql.placeholder('slug')), ne(tags.id, sql.placeholder('id')))).prepare()

  function assertSlugFree (editionId: number, slug: string, id: number): void {
    if (slugTaken.get({ editionId, slug, id }) !== undefined) {
      throw new ConflictError(`The slug "${slug}" is already used by another tag in edition ${editions.findById(editionId).code}.`)
    }
  }

  return createEntityCommands<TagRow, TagCreateBody, TagPatchBody>({ db, clock, changeLog }, {
    type: 'tag',
    label: 'tag',
    table: tags,
    operations: { create: 'tag:create', update: 'tag:update', delete: 'tag:delete' },
    load: (id) => byId.get({ id }),
    insertColumns (input) {
      const edition = editions.resolveFilter(input.edition, 'body.edition')
      let slug = input.slug
      if (slug === undefined) slug = uniqueSlug(slugFromTitle(input.name), (s) => slugTaken.get({ editionId: edition.id, slug: s, id: 0 }) !== undefined)
      else assertSlugFree(edition.id, slug, 0)
      return { editionId: edition.id, name: input.name, slug }
    },
    updateColumns (row, patch) {
      if (patch.slug !== undefined && patch.slug !== row.slug) assertSlugFree(row.editionId, patch.slug, row.id)
      return { ...(patch.name !== undefined ? { name: patch.name } : {}), ...(patch.slug !== undefined ? { slug: patch.slug } : {}) }
    },
    beforeDelete (row, tx, context) {
      return { detachedFrom: tagged().detachTag(tx, row.id, context), menusUpdated: menuLinks.removeLinksTo(tx, { tag: row.id }, context) }
    },
    snapshot: (row) => ({ edition: editions.findById(row.editionId).code, slug: row.slug, name: row.name })
  })
}

export type TagCommands = ReturnType<typeof createTagCommands>
