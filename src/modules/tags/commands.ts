import { and, eq, inArray, ne, sql } from 'drizzle-orm'
import type { Db } from '../../db/connection.js'
import { articles, articleTags, tags } from '../../db/schema.js'
import type { ChangeLog } from '../../editorial/changes.js'
import { createEntityCommands } from '../../editorial/entity-commands.js'
import { slugFromTitle, uniqueSlug } from '../../editorial/slugs.js'
import { ConflictError } from '../../errors.js'
import type { Clock } from '../../time.js'
import type { EditionService } from '../editions/service.js'
import type { TagCreateBody, TagPatchBody } from './write-schemas.js'

export type TagRow = typeof tags.$inferSelect

/**
 * Tag writes (editors; authors may create). Deleting a tag detaches it from its articles: each
 * one gets a new version and an `updated` change, so sync clients and webhooks learn that the
 * article's tags changed.
 */
export function createTagCommands ({ db, clock, changeLog, editions }: { db: Db, clock: Clock, changeLog: ChangeLog, editions: EditionService }) {
  const byId = db.select().from(tags).where(eq(tags.id, sql.placeholder('id'))).prepare()
  const slugTaken = db.select({ id: tags.id }).from(tags)
    .where(and(eq(tags.editionId, sql.placeholder('editionId')), eq(tags.slug, sql.placeholder('slug')), ne(tags.id, sql.placeholder('id')))).prepare()
  const taggedArticles = db.select({ id: articleTags.articleId }).from(articleTags).where(eq(articleTags.tagId, sql.placeholder('tagId'))).prepare()

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
    beforeDelete (row, tx, { actor, at }) {
      const articleIds = taggedArticles.all({ tagId: row.id }).map((r) => r.id)
      if (articleIds.length === 0) return { detachedFrom: [] }
      tx.delete(articleTags).where(eq(articleTags.tagId, row.id)).run()
      tx.update(articles).set({ version: sql`${articles.version} + 1`, updatedAt: at }).where(inArray(articles.id, articleIds)).run()
      for (const id of articleIds) {
        changeLog.record({ entityType: 'article', entityId: id, action: 'updated', at, keyId: actor.keyId, summary: { tags: { removed: row.id } } })
      }
      return { detachedFrom: articleIds }
    },
    snapshot: (row) => ({ edition: editions.findById(row.editionId).code, slug: row.slug, name: row.name })
  })
}

export type TagCommands = ReturnType<typeof createTagCommands>
