import { and, asc, count, eq, sql } from 'drizzle-orm'
import { type Visibility, showsVersion } from '../../auth/permissions.js'
import type { Db } from '../../db/connection.js'
import { createCommitMemo, createCommitStamp } from '../../db/commit-memo.js'
import type { ChangeLog } from '../../editorial/changes.js'
import { authors, authorTranslations } from '../../db/schema.js'
import { InvalidInputError, NotFoundError } from '../../errors.js'
import type { CursorCodec } from '../../pagination/cursor.js'
import { assemblePage, directionOf, keysetAfter, keysetParams, type KeysetDirection } from '../../pagination/keyset.js'
import type { Page } from '../../pagination/page.js'
import { containsText, numberedOrderBy, selectionConditions, type NumberedPage, type NumberedWindow } from '../../pagination/numbered.js'
import { toIso, type Clock } from '../../time.js'
import type { Media } from '../media/index.js'
import type { MediaService } from '../media/index.js'
import { createAuthorCommands, type BylinedContent } from './commands.js'
import type { Author, AuthorRef, AuthorTranslation } from './schemas.js'
import type { FrontendUrls } from '../../frontend-urls.js'
import type { EditionService } from '../editions/index.js'
import type { LinkRemoval } from '../../editorial/link-removal.js'

/** A numbered page of authors (the WordPress-compatible API's users): by ids, slugs, name search. */
export interface AuthorNumberedOptions extends NumberedWindow<'id' | 'name' | 'slug' | 'include'> {
  search?: string
  edition?: string
}

export interface AuthorListOptions {
  limit: number
  cursor?: string
  /** The edition to serve names, bios and urls in (an unknown one is a bad `query.edition`). */
  edition?: string
}

type AuthorRow = typeof authors.$inferSelect

const inIds = sql`${authors.id} in (select value from json_each(${sql.placeholder('ids')}))`
const json = (ids: readonly number[]) => JSON.stringify([...new Set(ids)])

type TranslationRow = typeof authorTranslations.$inferSelect

/**
 * The author in one edition: each of name, bio and avatar alt text is that edition's when an editor
 * wrote one, else the author's own (the avatar's alt text is the media item's).
 */
function toAuthor (row: AuthorRow, avatar: Media | null, edition: string, own: TranslationRow | undefined, translations: AuthorTranslation[], url: string): Author {
  return {
    id: row.id,
    slug: row.slug,
    edition,
    name: own?.name ?? row.name,
    bio: own?.bio ?? row.bio,
    avatar: avatar !== null && own?.avatarAlt !== undefined && own.avatarAlt !== null ? { ...avatar, altText: own.avatarAlt } : avatar,
    url,
    translations,
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt)
  }
}

export function createAuthorService ({ db, clock, codec, media, editions, urls, changeLog, bylined, menuLinks }: { db: Db, clock: Clock, codec: CursorCodec, media: MediaService, editions: EditionService, urls: Pick<FrontendUrls, 'author'>, changeLog: ChangeLog, bylined: () => BylinedContent, menuLinks: LinkRemoval }) {
  const withAvatar = db.select({ id: authors.id }).from(authors).where(eq(authors.avatarMediaId, sql.placeholder('mediaId'))).orderBy(asc(authors.id)).limit(sql.placeholder('limit')).prepare()
  const byId = db.select().from(authors).where(eq(authors.id, sql.placeholder('id'))).prepare()
  const bySlug = db.select().from(authors).where(eq(authors.slug, sql.placeholder('slug'))).prepare()
  const idBySlug = db.select({ id: authors.id }).from(authors).where(eq(authors.slug, sql.placeholder('slug'))).prepare()
  const byIds = db.select().from(authors).where(inIds).prepare()
  const refsByIds = db.select({ id: authors.id, slug: authors.slug, name: authors.name }).from(authors).where(inIds).prepare()
  const translationsOf = db.select().from(authorTranslations)
    .where(sql`${authorTranslations.authorId} in (select value from json_each(${sql.placeholder('ids')}))`)
    .orderBy(asc(authorTranslations.authorId), asc(authorTranslations.editionId)).prepare()
  // what bylines need (the names), for every edition at once
  const namesOf = db.select({ authorId: authorTranslations.authorId, editionId: authorTranslations.editionId, name: authorTranslations.name }).from(authorTranslations)
    .where(sql`${authorTranslations.authorId} in (select value from json_each(${sql.placeholder('ids')})) and ${authorTranslations.name} is not null`).prepare()
  // every article response names its authors: kept until the database changes (db/commit-memo.ts)
  const bylines = createCommitMemo(createCommitStamp(db), (ids: number[]) => {
    const names = new Map<number, Map<number, string>>()
    for (const t of namesOf.all({ ids: json(ids) })) {
      if (t.name === null) continue
      let byEdition = names.get(t.authorId)
      if (byEdition === undefined) names.set(t.authorId, byEdition = new Map<number, string>())
      byEdition.set(t.editionId, t.name)
    }
    const none = new Map<number, string>()
    return new Map(refsByIds.all({ ids: json(ids) }).map((ref) => [ref.id, { ref, names: names.get(ref.id) ?? none }]))
  })
  const prepareList = (direction: KeysetDirection) => {
    const keyset = keysetAfter({ key: authors.name, id: authors.id, descending: false }, direction)
    return db.select().from(authors).where(keyset.where).orderBy(...keyset.orderBy).limit(sql.placeholder('limit')).prepare()
  }
  const listStatements = { first: prepareList('first'), after: prepareList('after'), before: prepareList('before') }
  const total = db.select({ n: count() }).from(authors).prepare()

  // authors write for every edition: without one named, they are served in the default edition
  const defaultEdition = () => editions.list().find((e) => e.isDefault) ?? editions.list()[0]
  /** The edition asked for (an unknown code is a bad `parameter`), else the default one. */
  const editionFor = (code: string | undefined, parameter: string) => code === undefined ? defaultEdition() : editions.resolveFilter(code, parameter)

  /** Maps rows to Authors in one edition, avatars and translations fetched in one statement each, not one per author. */
  function toAuthors (rows: AuthorRow[], code?: string, parameter = 'query.edition'): Author[] {
    const edition = editionFor(code, parameter)
    const build = assemble(rows)
    return rows.map((row) => build(row, edition))
  }

  /** Fetches what the rows need (avatars, translations: one statement each) and builds any of them in any edition. */
  function assemble (rows: AuthorRow[]): (row: AuthorRow, edition: { id: number, code: string } | undefined) => Author {
    const avatarIds = rows.flatMap((row) => row.avatarMediaId === null ? [] : [row.avatarMediaId])
    const avatars = new Map(media.findByIds(avatarIds).flatMap((m) => m === null ? [] : [[m.id, m] as const]))
    const translations = new Map<number, TranslationRow[]>()
    for (const t of rows.length === 0 ? [] : translationsOf.all({ ids: json(rows.map((row) => row.id)) })) {
      const list = translations.get(t.authorId)
      if (list === undefined) translations.set(t.authorId, [t])
      else list.push(t)
    }
    return (row, edition) => {
      const own = translations.get(row.id) ?? []
      const written = own.map((t) => ({ edition: editions.findById(t.editionId).code, name: t.name, bio: t.bio, avatarAlt: t.avatarAlt }))
      const avatar = row.avatarMediaId === null ? null : avatars.get(row.avatarMediaId) ?? null
      const code = edition?.code ?? ''
      return toAuthor(row, avatar, code, own.find((t) => t.editionId === edition?.id), written, urls.author(code, row.slug))
    }
  }

  const single = (row: AuthorRow | undefined, key: string | number, edition?: string, parameter?: string): Author => {
    if (row === undefined) throw new NotFoundError('author', key)
    return toAuthors([row], edition, parameter)[0] as Author
  }

  return {
    ...createAuthorCommands({ db, clock, changeLog, media, editions, bylined, menuLinks }),
    /** Authors whose avatar the media item is (media refuses to delete it while any is). */
    /** The author's page in a named edition; an unknown edition is a bad filter value (`parameter`). */
    urlIn: (edition: string, slug: string, parameter = 'query.edition'): string => urls.author(editions.resolveFilter(edition, parameter).code, slug),
    referencesToMedia: (mediaId: number, limit: number): number[] => withAvatar.all({ mediaId, limit }).map((row) => row.id),

    /**
     * With `editorial` visibility (an API key) the author carries its version, the ETag If-Match
     * names. `edition` (a code) picks the edition of name, bio and url; `parameter` names it in a 400.
     */
    findById (id: number, visibility: Visibility = 'public', edition?: string, parameter?: string): Author {
      const row = byId.get({ id })
      const author = single(row, id, edition, parameter)
      return showsVersion(visibility) && row !== undefined ? { ...author, version: row.version } : author
    },
    findBySlug (slug: string, edition?: string, parameter?: string): Author { return single(bySlug.get({ slug }), slug, edition, parameter) },
    idBySlug (slug: string): number | null { return idBySlug.get({ slug })?.id ?? null },

    /** Batch finder for GraphQL loaders and sync: three statements (authors, avatars, translations), answers in key order. */
    findByIds (ids: readonly number[], edition?: string): Array<Author | null> {
      if (ids.length === 0) return []
      const rows = byIds.all({ ids: json(ids) })
      const found = new Map(toAuthors(rows, edition).map((author) => [author.id, author]))
      return ids.map((id) => found.get(id) ?? null)
    },

    /**
     * Batch finder for bylines of articles in several editions: each author in the edition given by
     * the id at the same index (the article's), answers in key order. Three statements whatever the
     * number of authors and editions.
     */
    findByIdsInEditions (ids: readonly number[], editionIds: readonly number[]): Array<Author | null> {
      if (ids.length === 0) return []
      const rows = new Map(byIds.all({ ids: json(ids) }).map((row) => [row.id, row]))
      const build = assemble([...rows.values()])
      return ids.map((id, i) => {
        const row = rows.get(id)
        return row === undefined ? null : build(row, editions.findById(editionIds[i]!))
      })
    },

    /**
     * Batch finder for article bylines: names in the edition given by the id at the same index in
     * `editionIds` (the article's), else the author's own. Two statements, answers in key order.
     */
    findRefsByIds (ids: readonly number[], editionIds?: readonly number[]): Array<AuthorRef | null> {
      return bylines(ids).map((byline, i) => {
        if (byline === null) return null
        const name = editionIds === undefined ? undefined : byline.names.get(editionIds[i]!)
        return name === undefined ? byline.ref : { ...byline.ref, name }
      })
    },

    listNumbered (options: AuthorNumberedOptions): NumberedPage<Author> {
      const where = and(
        options.search !== undefined ? containsText(authors.name, options.search) : undefined,
        ...selectionConditions({ id: authors.id, slug: authors.slug }, options)
      )
      const key = options.orderBy === 'include' ? 'include' : { id: authors.id, name: authors.name, slug: authors.slug }[options.orderBy]
      const rows = db.select().from(authors).where(where).orderBy(...numberedOrderBy(key, authors.id, options.order, options.ids))
        .limit(options.limit).offset(options.offset).all()
      return { items: toAuthors(rows, options.edition, 'query.lang'), total: db.select({ n: count() }).from(authors).where(where).get()?.n ?? 0 }
    },

    list (options: AuthorListOptions): Page<Author> {
      // an unknown edition is a 400 before any statement runs
      if (options.edition !== undefined) editions.resolveFilter(options.edition)
      const position = options.cursor !== undefined ? codec.decode(options.cursor, 'name') : null
      if (position !== null && typeof position.value !== 'string') {
        throw new InvalidInputError('The cursor is not valid for this request.', [{ name: 'query.cursor', reason: 'is malformed' }])
      }
      const rows = listStatements[directionOf(position)].all({ ...keysetParams(position), limit: options.limit + 1 })
      const page = assemblePage(rows, { limit: options.limit, position }, {
        sort: 'name', sortValue: (row) => row.name, codec, total: total.get()?.n ?? 0, map: (row) => row
      })
      return { ...page, items: toAuthors(page.items, options.edition) }
    }
  }
}

export type AuthorService = ReturnType<typeof createAuthorService>
