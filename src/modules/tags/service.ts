import { and, asc, count, eq, sql } from 'drizzle-orm'
import { type Visibility, showsVersion } from '../../auth/permissions.js'
import type { Db } from '../../db/connection.js'
import { createCommitMemo, createCommitStamp } from '../../db/commit-memo.js'
import type { ChangeLog } from '../../editorial/changes.js'
import { tags } from '../../db/schema.js'
import { InvalidInputError, NotFoundError } from '../../errors.js'
import type { CursorCodec } from '../../pagination/cursor.js'
import { assemblePage, directionOf, keysetAfter, keysetParams, type KeysetDirection } from '../../pagination/keyset.js'
import type { Page } from '../../pagination/page.js'
import { containsText, numberedOrderBy, selectionConditions, type NumberedPage, type NumberedWindow } from '../../pagination/numbered.js'
import { toIso, type Clock } from '../../time.js'
import type { EditionService } from '../editions/index.js'
import type { LinkRemoval } from '../../editorial/link-removal.js'
import { createTagCommands, type TaggedContent } from './commands.js'
import type { Tag, TagRef } from './schemas.js'
import { createArticleCounts } from '../../editorial/article-counts.js'
import { editionContentCounter } from '../../editorial/edition-content.js'
import type { FrontendUrls } from '../../frontend-urls.js'

/** A numbered page of tags (the WordPress-compatible API): by edition, ids, slugs, name search. */
export interface TagNumberedOptions extends NumberedWindow<'id' | 'name' | 'slug' | 'include'> {
  edition?: string
  search?: string
}

export interface TagListOptions {
  edition?: string
  limit: number
  cursor?: string
}


const inIds = sql`${tags.id} in (select value from json_each(${sql.placeholder('ids')}))`
const json = (ids: readonly number[]) => JSON.stringify([...new Set(ids)])
const inEdition = eq(tags.editionId, sql.placeholder('editionId'))

export function createTagService ({ db, clock, codec, editions, urls, changeLog, tagged, menuLinks }: { db: Db, clock: Clock, codec: CursorCodec, editions: EditionService, urls: Pick<FrontendUrls, 'tag'>, changeLog: ChangeLog, tagged: () => TaggedContent, menuLinks: LinkRemoval }) {
  const byId = db.select().from(tags).where(eq(tags.id, sql.placeholder('id'))).prepare()
  const byIds = db.select().from(tags).where(inIds).prepare()
  const refsByIds = db.select({ id: tags.id, editionId: tags.editionId, slug: tags.slug, name: tags.name }).from(tags).where(inIds).prepare()
  const idsBySlugAnywhere = db.select({ id: tags.id }).from(tags).where(eq(tags.slug, sql.placeholder('slug'))).orderBy(asc(tags.id)).prepare()
  const idsBySlugInEdition = db.select({ id: tags.id }).from(tags)
    .where(and(inEdition, eq(tags.slug, sql.placeholder('slug')))).prepare()

  // Separate statements with and without the edition filter, so the filtered one can use the
  // (edition_id, …) index instead of a `? is null or …` predicate that defeats it.
  const prepareList = (scoped: boolean, direction: KeysetDirection) => {
    const keyset = keysetAfter({ key: tags.name, id: tags.id, descending: false }, direction)
    return db.select().from(tags).where(and(scoped ? inEdition : undefined, keyset.where)).orderBy(...keyset.orderBy).limit(sql.placeholder('limit')).prepare()
  }
  const listIn = (scoped: boolean) => ({ first: prepareList(scoped, 'first'), after: prepareList(scoped, 'after'), before: prepareList(scoped, 'before') })
  const listStatements = { anywhere: listIn(false), inEdition: listIn(true) }
  const totals = {
    anywhere: db.select({ n: count() }).from(tags).prepare(),
    inEdition: db.select({ n: count() }).from(tags).where(inEdition).prepare()
  }

  const editionCode = (editionId: number) => editions.findById(editionId).code
  // every article response embeds its tags: kept until the database changes (db/commit-memo.ts)
  const refs = createCommitMemo(createCommitStamp(db), (ids: number[]) => new Map(refsByIds.all({ ids: json(ids) }).map((row): [number, TagRef] => [row.id, {
    id: row.id, edition: editionCode(row.editionId), slug: row.slug, name: row.name, url: urls.tag(editionCode(row.editionId), row.slug)
  }])))

  const articleCounts = createArticleCounts(db)

  function toTag (row: typeof tags.$inferSelect, articleCount: number): Tag {
    return {
      id: row.id,
      edition: editionCode(row.editionId),
      slug: row.slug,
      name: row.name,
      url: urls.tag(editionCode(row.editionId), row.slug),
      articleCount,
      createdAt: toIso(row.createdAt),
      updatedAt: toIso(row.updatedAt)
    }
  }

  /** Rows as tags, their article counts read for the whole batch at once. */
  function toTags (rows: ReadonlyArray<typeof tags.$inferSelect>): Tag[] {
    const counts = articleCounts.byTagIds(rows.map((row) => row.id), clock().getTime())
    return rows.map((row) => toTag(row, counts.get(row.id) ?? 0))
  }

  return {
    countByEdition: editionContentCounter(db, tags),
    ...createTagCommands({ db, clock, changeLog, editions, tagged, menuLinks }),

    /** With `editorial` visibility (an API key) the item carries its version, the ETag If-Match names. */
    findById (id: number, visibility: Visibility = 'public'): Tag {
      const row = byId.get({ id })
      if (row === undefined) throw new NotFoundError('tag', id)
      const [tag] = toTags([row]) as [Tag]
      return showsVersion(visibility) ? { ...tag, version: row.version } : tag
    },

    /** Batch finder for GraphQL loaders: one statement, answers in key order. */
    findByIds (ids: readonly number[]): Array<Tag | null> {
      if (ids.length === 0) return []
      const found = new Map(toTags(byIds.all({ ids: json(ids) })).map((tag) => [tag.id, tag]))
      return ids.map((id) => found.get(id) ?? null)
    },

    /** Batch finder for article embeds: one statement, answers in key order. */
    findRefsByIds: refs,

    /** Tag slugs are unique per edition only, so without an edition one slug can name several tags. */
    idsBySlug (slug: string, editionId?: number): number[] {
      const rows = editionId === undefined ? idsBySlugAnywhere.all({ slug }) : idsBySlugInEdition.all({ slug, editionId })
      return rows.map((row) => row.id)
    },

    listNumbered (options: TagNumberedOptions): NumberedPage<Tag> {
      const edition = options.edition !== undefined ? editions.resolveFilter(options.edition, 'query.lang').id : undefined
      const where = and(
        edition !== undefined ? eq(tags.editionId, edition) : undefined,
        options.search !== undefined ? containsText(tags.name, options.search) : undefined,
        ...selectionConditions({ id: tags.id, slug: tags.slug }, options)
      )
      const key = options.orderBy === 'include' ? 'include' : { id: tags.id, name: tags.name, slug: tags.slug }[options.orderBy]
      const rows = db.select().from(tags).where(where).orderBy(...numberedOrderBy(key, tags.id, options.order, options.ids))
        .limit(options.limit).offset(options.offset).all()
      return { items: toTags(rows), total: db.select({ n: count() }).from(tags).where(where).get()?.n ?? 0 }
    },

    list (options: TagListOptions): Page<Tag> {
      const edition = options.edition !== undefined ? editions.resolveFilter(options.edition) : undefined
      const position = options.cursor !== undefined ? codec.decode(options.cursor, 'name') : null
      if (position !== null && typeof position.value !== 'string') {
        throw new InvalidInputError('The cursor is not valid for this request.', [{ name: 'query.cursor', reason: 'is malformed' }])
      }
      const scope = edition === undefined ? 'anywhere' : 'inEdition'
      const params = { editionId: edition?.id, ...keysetParams(position), limit: options.limit + 1 }
      const rows = listStatements[scope][directionOf(position)].all(params)
      const counts = articleCounts.byTagIds(rows.map((row) => row.id), clock().getTime())
      return assemblePage(rows, { limit: options.limit, position }, {
        sort: 'name', sortValue: (row) => row.name, codec, total: totals[scope].get(params)?.n ?? 0, map: (row) => toTag(row, counts.get(row.id) ?? 0)
      })
    }
  }
}

export type TagService = ReturnType<typeof createTagService>
