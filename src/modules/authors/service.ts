import { and, asc, count, eq, sql } from 'drizzle-orm'
import { type Visibility, showsVersion } from '../../auth/permissions.js'
import type { Db } from '../../db/connection.js'
import type { ChangeLog } from '../../editorial/changes.js'
import { authors } from '../../db/schema.js'
import { InvalidInputError, NotFoundError } from '../../errors.js'
import type { CursorCodec } from '../../pagination/cursor.js'
import { assemblePage, directionOf, keysetAfter, keysetParams, type KeysetDirection } from '../../pagination/keyset.js'
import type { Page } from '../../pagination/page.js'
import { containsText, numberedOrderBy, selectionConditions, type NumberedPage, type NumberedWindow } from '../../pagination/numbered.js'
import { toIso, type Clock } from '../../time.js'
import type { Media } from '../media/index.js'
import type { MediaService } from '../media/index.js'
import { createAuthorCommands, type BylinedContent } from './commands.js'
import type { Author, AuthorRef } from './schemas.js'
import type { FrontendUrls } from '../../frontend-urls.js'
import type { EditionService } from '../editions/index.js'
import type { LinkRemoval } from '../../editorial/link-removal.js'

/** A numbered page of authors (the WordPress-compatible API's users): by ids, slugs, name search. */
export interface AuthorNumberedOptions extends NumberedWindow<'id' | 'name' | 'slug' | 'include'> {
  search?: string
}

export interface AuthorListOptions {
  limit: number
  cursor?: string
}

type AuthorRow = typeof authors.$inferSelect

const inIds = sql`${authors.id} in (select value from json_each(${sql.placeholder('ids')}))`
const json = (ids: readonly number[]) => JSON.stringify([...new Set(ids)])

function toAuthor (row: AuthorRow, avatar: Media | null, url: string): Author {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    bio: row.bio,
    avatar,
    url,
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
  const prepareList = (direction: KeysetDirection) => {
    const keyset = keysetAfter({ key: authors.name, id: authors.id, descending: false }, direction)
    return db.select().from(authors).where(keyset.where).orderBy(...keyset.orderBy).limit(sql.placeholder('limit')).prepare()
  }
  const listStatements = { first: prepareList('first'), after: prepareList('after'), before: prepareList('before') }
  const total = db.select({ n: count() }).from(authors).prepare()

  /** Maps rows to Authors with all their avatars fetched in one statement, not one per author. */
  // authors write for every edition: without one named, their page is the default edition's
  const defaultEdition = (): string => editions.list().find((e) => e.isDefault)?.code ?? editions.list()[0]?.code ?? ''
  function toAuthors (rows: AuthorRow[]): Author[] {
    const edition = defaultEdition()
    const avatarIds = rows.flatMap((row) => row.avatarMediaId === null ? [] : [row.avatarMediaId])
    const avatars = new Map(media.findByIds(avatarIds).flatMap((m) => m === null ? [] : [[m.id, m] as const]))
    return rows.map((row) => toAuthor(row, row.avatarMediaId === null ? null : avatars.get(row.avatarMediaId) ?? null, urls.author(edition, row.slug)))
  }

  const single = (row: AuthorRow | undefined, key: string | number): Author => {
    if (row === undefined) throw new NotFoundError('author', key)
    return toAuthors([row])[0] as Author
  }

  return {
    ...createAuthorCommands({ db, clock, changeLog, media, bylined, menuLinks }),
    /** Authors whose avatar the media item is (media refuses to delete it while any is). */
    /** The author's page in a named edition; an unknown edition is a bad filter value (`parameter`). */
    urlIn: (edition: string, slug: string, parameter = 'query.edition'): string => urls.author(editions.resolveFilter(edition, parameter).code, slug),
    referencesToMedia: (mediaId: number, limit: number): number[] => withAvatar.all({ mediaId, limit }).map((row) => row.id),

    /** With `editorial` visibility (an API key) the author carries its version, the ETag If-Match names. */
    findById (id: number, visibility: Visibility = 'public'): Author {
      const row = byId.get({ id })
      const author = single(row, id)
      return showsVersion(visibility) && row !== undefined ? { ...author, version: row.version } : author
    },
    findBySlug (slug: string): Author { return single(bySlug.get({ slug }), slug) },
    idBySlug (slug: string): number | null { return idBySlug.get({ slug })?.id ?? null },

    /** Batch finder for GraphQL loaders: two statements (authors, avatars), answers in key order. */
    findByIds (ids: readonly number[]): Array<Author | null> {
      if (ids.length === 0) return []
      const rows = byIds.all({ ids: json(ids) })
      const found = new Map(toAuthors(rows).map((author) => [author.id, author]))
      return ids.map((id) => found.get(id) ?? null)
    },

    /** Batch finder for article bylines: one statement, answers in key order. */
    findRefsByIds (ids: readonly number[]): Array<AuthorRef | null> {
      if (ids.length === 0) return []
      const found = new Map(refsByIds.all({ ids: json(ids) }).map((row) => [row.id, row]))
      return ids.map((id) => found.get(id) ?? null)
    },

    listNumbered (options: AuthorNumberedOptions): NumberedPage<Author> {
      const where = and(
        options.search !== undefined ? containsText(authors.name, options.search) : undefined,
        ...selectionConditions({ id: authors.id, slug: authors.slug }, options)
      )
      const key = options.orderBy === 'include' ? 'include' : { id: authors.id, name: authors.name, slug: authors.slug }[options.orderBy]
      const rows = db.select().from(authors).where(where).orderBy(...numberedOrderBy(key, authors.id, options.order, options.ids))
        .limit(options.limit).offset(options.offset).all()
      return { items: toAuthors(rows), total: db.select({ n: count() }).from(authors).where(where).get()?.n ?? 0 }
    },

    list (options: AuthorListOptions): Page<Author> {
      const position = options.cursor !== undefined ? codec.decode(options.cursor, 'name') : null
      if (position !== null && typeof position.value !== 'string') {
        throw new InvalidInputError('The cursor is not valid for this request.', [{ name: 'query.cursor', reason: 'is malformed' }])
      }
      const rows = listStatements[directionOf(position)].all({ ...keysetParams(position), limit: options.limit + 1 })
      const page = assemblePage(rows, { limit: options.limit, position }, {
        sort: 'name', sortValue: (row) => row.name, codec, total: total.get()?.n ?? 0, map: (row) => row
      })
      return { ...page, items: toAuthors(page.items) }
    }
  }
}

export type AuthorService = ReturnType<typeof createAuthorService>
