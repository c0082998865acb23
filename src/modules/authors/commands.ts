import { and, eq, ne, sql } from 'drizzle-orm'
import type { Db } from '../../db/connection.js'
import { authors } from '../../db/schema.js'
import type { ChangeLog } from '../../editorial/changes.js'
import { createEntityCommands } from '../../editorial/entity-commands.js'
import { slugFromTitle, uniqueSlug } from '../../editorial/slugs.js'
import { ConflictError, InvalidInputError } from '../../errors.js'
import type { Clock } from '../../time.js'
import type { MediaService } from '../media/index.js'
import type { LinkRemoval } from '../../editorial/link-removal.js'
import type { AuthorCreateBody, AuthorPatchBody } from './write-schemas.js'

export type AuthorRow = typeof authors.$inferSelect

/**
 * Author writes (editors). Slugs are global (an author writes for every edition). Deleting is
 * refused while the author is on any article's byline: a byline is part of the article, so it is
 * changed through the article (with its revision), not as a side effect here. Menu items linking
 * to the author leave their menus.
 */
/** What carries bylines (articles), built on authors: handed in by createServices, asked on delete. */
export interface BylinedContent {
  countByAuthor: (authorId: number) => number
}

export function createAuthorCommands ({ db, clock, changeLog, media, bylined, menuLinks }: { db: Db, clock: Clock, changeLog: ChangeLog, media: MediaService, bylined: () => BylinedContent, menuLinks: LinkRemoval }) {
  const byId = db.select().from(authors).where(eq(authors.id, sql.placeholder('id'))).prepare()
  const slugTaken = db.select({ id: authors.id }).from(authors)
    .where(and(eq(authors.slug, sql.placeholder('slug')), ne(authors.id, sql.placeholder('id')))).prepare()

  function assertSlugFree (slug: string, id: number): void {
    if (slugTaken.get({ slug, id }) !== undefined) throw new ConflictError(`The slug "${slug}" is already used by another author.`)
  }

  function checkAvatar (mediaId: number | null | undefined): void {
    if (mediaId === undefined || mediaId === null) return
    if (media.findByIds([mediaId])[0] === null) {
      throw new InvalidInputError(`body.avatarMediaId media ${mediaId} does not exist`, [{ name: 'body.avatarMediaId', reason: `media ${mediaId} does not exist` }])
    }
  }

  return createEntityCommands<AuthorRow, AuthorCreateBody, AuthorPatchBody>({ db, clock, changeLog }, {
    type: 'author',
    label: 'author',
    table: authors,
    operations: { create: 'author:create', update: 'author:update', delete: 'author:delete' },
    load: (id) => byId.get({ id }),
    insertColumns (input) {
      let slug = input.slug
      if (slug === undefined) slug = uniqueSlug(slugFromTitle(input.name), (s) => slugTaken.get({ slug: s, id: 0 }) !== undefined)
      else assertSlugFree(slug, 0)
      checkAvatar(input.avatarMediaId)
      return { name: input.name, slug, bio: input.bio ?? null, avatarMediaId: input.avatarMediaId ?? null }
    },
    updateColumns (row, patch) {
      const columns: Partial<typeof authors.$inferInsert> = {}
      if (patch.name !== undefined) columns.name = patch.name
      if (patch.slug !== undefined && patch.slug !== row.slug) {
        assertSlugFree(patch.slug, row.id)
        columns.slug = patch.slug
      }
      if (patch.bio !== undefined) columns.bio = patch.bio
      if (patch.avatarMediaId !== undefined) {
        checkAvatar(patch.avatarMediaId)
        columns.avatarMediaId = patch.avatarMediaId
      }
      return columns
    },
    beforeDelete (row, tx, context) {
      const n = bylined().countByAuthor(row.id)
      if (n > 0) throw new ConflictError(`Author ${row.id} is on the byline of ${n} ${n === 1 ? 'article' : 'articles'}; take them off those bylines first.`)
      return { menusUpdated: menuLinks.removeLinksTo(tx, { author: row.id }, context) }
    },
    snapshot: (row) => ({ slug: row.slug, name: row.name, bio: row.bio, avatarMediaId: row.avatarMediaId })
  })
}

export type AuthorCommands = ReturnType<typeof createAuthorCommands>
