import { and, asc, eq, ne, sql } from 'drizzle-orm'
import type { Db } from '../../db/connection.js'
import { authors, authorTranslations } from '../../db/schema.js'
import type { ChangeLog } from '../../editorial/changes.js'
import { createEntityCommands } from '../../editorial/entity-commands.js'
import { slugFromTitle, uniqueSlug } from '../../editorial/slugs.js'
import { ConflictError, InvalidInputError, type FieldProblem } from '../../errors.js'
import type { EditionService } from '../editions/index.js'
import type { Clock } from '../../time.js'
import type { MediaService } from '../media/index.js'
import type { LinkRemoval } from '../../editorial/link-removal.js'
import type { AuthorCreateBody, AuthorPatchBody, AuthorTranslationInput } from './write-schemas.js'

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

type TranslationRow = typeof authorTranslations.$inferInsert

export function createAuthorCommands ({ db, clock, changeLog, media, editions, bylined, menuLinks }: { db: Db, clock: Clock, changeLog: ChangeLog, media: MediaService, editions: EditionService, bylined: () => BylinedContent, menuLinks: LinkRemoval }) {
  const byId = db.select().from(authors).where(eq(authors.id, sql.placeholder('id'))).prepare()
  const translationsOf = db.select().from(authorTranslations).where(eq(authorTranslations.authorId, sql.placeholder('authorId')))
    .orderBy(asc(authorTranslations.editionId)).prepare()
  // the checked rows of a write, from the column step to afterWrite (same input object, same transaction)
  const checkedTranslations = new WeakMap<object, Array<Omit<TranslationRow, 'authorId'>>>()

  /** Every entry's edition exists and appears once; problems name the entry by index. */
  function checkTranslations (input: { translations?: AuthorTranslationInput[] }): void {
    if (input.translations === undefined) return
    const problems: FieldProblem[] = []
    const seen = new Set<string>()
    const rows = input.translations.flatMap((entry, i) => {
      const name = `body.translations.${i}.edition`
      if (seen.has(entry.edition)) problems.push({ name, reason: `edition ${entry.edition} appears more than once` })
      seen.add(entry.edition)
      const edition = editions.list().find((e) => e.code === entry.edition)
      if (edition === undefined) { problems.push({ name, reason: `no edition has code "${entry.edition}"` }); return [] }
      return [{ editionId: edition.id, name: entry.name ?? null, bio: entry.bio ?? null, avatarAlt: entry.avatarAlt ?? null }]
    })
    if (problems.length > 0) throw new InvalidInputError(problems.map((p) => `${p.name}: ${p.reason}`).join('; '), problems)
    checkedTranslations.set(input, rows)
  }
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
      checkTranslations(input)
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
      checkTranslations(patch)
      return columns
    },
    afterWrite (row, input, tx) {
      const rows = checkedTranslations.get(input)
      if (rows === undefined) return
      checkedTranslations.delete(input)
      tx.delete(authorTranslations).where(eq(authorTranslations.authorId, row.id)).run()
      if (rows.length > 0) tx.insert(authorTranslations).values(rows.map((r) => ({ ...r, authorId: row.id }))).run()
    },
    beforeDelete (row, tx, context) {
      const n = bylined().countByAuthor(row.id)
      if (n > 0) throw new ConflictError(`Author ${row.id} is on the byline of ${n} ${n === 1 ? 'article' : 'articles'}; take them off those bylines first.`)
      return { menusUpdated: menuLinks.removeLinksTo(tx, { author: row.id }, context) }
    },
    snapshot: (row) => ({
      slug: row.slug, name: row.name, bio: row.bio, avatarMediaId: row.avatarMediaId,
      translations: translationsOf.all({ authorId: row.id }).map((t) => ({ edition: editions.findById(t.editionId).code, name: t.name, bio: t.bio, avatarAlt: t.avatarAlt }))
    })
  })
}

export type AuthorCommands = ReturnType<typeof createAuthorCommands>
