import { and, asc, eq, gt, gte, isNotNull, lte, or, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../db/connection.js'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import { articles, authors, categories, media, pages, tags } from '../db/schema.js'
import { articleVisibility as articleVisible } from '../modules/articles/index.js'
import type { SyncType } from './schemas.js'

/*
 * Read model: sync reads the tables of articles, pages, categories, tags, authors and media
 * (sanctioned in .dependency-cruiser.cjs). Sync walks six tables by id, which none of the modules' services offer (their lists sort by
 * publication, name or position). These statements only find *candidate ids* and the bookkeeping
 * columns (edition, translation group, visible_from); every entity a client receives is read
 * through its module's public batch finder, whose visibility rule is the one that decides.
 */

const p = sql.placeholder
const inIds = (id: SQLiteColumn) => sql`${id} in (select value from json_each(${p('ids')}))`
const pageVisible = lte(pages.visibleFrom, p('now'))

interface IdRow { id: number }
interface FlipRow { id: number, visibleFrom: number }
export interface RowInfo { id: number, editionId: number | null, group: number | null }
interface Statement<T> { all: (params: Record<string, unknown>) => T[] }

/** After `(value, id)` in (visible_from, id) order, written so the visible_from index gives the range (row values do not). */
const afterFlip = (column: typeof articles.visibleFrom | typeof pages.visibleFrom, id: typeof articles.id | typeof pages.id) =>
  and(gte(column, p('afterValue')), or(gt(column, p('afterValue')), gt(id, p('afterId'))))

export function createSyncStatements (db: Db) {
  const listing = (table: typeof articles | typeof pages | typeof categories | typeof tags | typeof authors | typeof media, visible: SQL | undefined, scoped: boolean) => {
    const edition = scoped && 'editionId' in table ? eq(table.editionId, p('editionId')) : undefined
    return db.select({ id: table.id }).from(table)
      .where(and(gt(table.id, p('after')), visible, edition))
      .orderBy(asc(table.id)).limit(p('limit')).prepare() as unknown as Statement<IdRow>
  }
  const listings = (table: Parameters<typeof listing>[0], visible?: SQL) => ({ anywhere: listing(table, visible, false), inEdition: listing(table, visible, true) })
  const lists: Record<SyncType, { anywhere: Statement<IdRow>, inEdition: Statement<IdRow> }> = {
    article: listings(articles, articleVisible),
    page: listings(pages, pageVisible),
    category: listings(categories),
    tag: listings(tags),
    author: listings(authors),
    media: listings(media)
  }

  // flips are read across editions: a scheduled Arabic article turning visible changes the
  // `translations` of its English version, which an edition=en client must receive again
  const flips: Record<'article' | 'page', Statement<FlipRow>> = {
    article: db.select({ id: articles.id, visibleFrom: sql<number>`${articles.visibleFrom}` }).from(articles)
      .where(and(afterFlip(articles.visibleFrom, articles.id), articleVisible))
      .orderBy(asc(articles.visibleFrom), asc(articles.id)).limit(p('limit')).prepare(),
    page: db.select({ id: pages.id, visibleFrom: sql<number>`${pages.visibleFrom}` }).from(pages)
      .where(and(afterFlip(pages.visibleFrom, pages.id), pageVisible))
      .orderBy(asc(pages.visibleFrom), asc(pages.id)).limit(p('limit')).prepare()
  }

  const boundary = db.$client.prepare(`select max(
      coalesce((select max(visible_from) from articles where visible_from <= :now), 0),
      coalesce((select max(visible_from) from pages where visible_from <= :now), 0)) as boundary`).pluck()

  // any status: where a row that is not public lives decides whether an edition's client hears of it
  const nothing = sql<null>`null`
  const info = (table: typeof articles | typeof pages | typeof categories | typeof tags | typeof authors | typeof media) => db.select({
    id: table.id,
    editionId: 'editionId' in table ? table.editionId : nothing,
    group: 'translationGroup' in table ? table.translationGroup : nothing
  }).from(table).where(inIds(table.id)).prepare() as unknown as Statement<RowInfo>
  const rows: Record<SyncType, Statement<RowInfo>> = {
    article: info(articles), page: info(pages), category: info(categories), tag: info(tags), author: info(authors), media: info(media)
  }

  const membersOf = (table: typeof articles | typeof pages | typeof categories) => db.select({ id: table.id, group: table.translationGroup }).from(table)
    .where(sql`${table.translationGroup} in (select value from json_each(${p('groups')}))`).prepare() as unknown as Statement<{ id: number, group: number }>
  const members = { article: membersOf(articles), page: membersOf(pages), category: membersOf(categories) }

  const avatarsOf = db.select({ id: authors.id, mediaId: sql<number>`${authors.avatarMediaId}` }).from(authors)
    .where(and(isNotNull(authors.avatarMediaId), sql`${authors.avatarMediaId} in (select value from json_each(${p('ids')}))`))
    .prepare() as unknown as Statement<{ id: number, mediaId: number }>

  const json = (values: Iterable<number>) => JSON.stringify([...new Set(values)])

  return {
    /** Candidate ids of `type` after `after`, in id order; articles and pages only while visible at `now`. */
    listIds (type: SyncType, options: { after: number, limit: number, now: number, editionId: number | null }): number[] {
      const statement = options.editionId === null ? lists[type].anywhere : lists[type].inEdition
      return statement.all({ after: options.after, limit: options.limit, now: options.now, editionId: options.editionId ?? undefined }).map((r) => r.id)
    },

    /** Articles or pages whose visible_from lies after (afterValue, afterId) and not after `now`, in that order. */
    flips (type: 'article' | 'page', options: { afterValue: number, afterId: number, now: number, limit: number }): FlipRow[] {
      return flips[type].all(options)
    },

    /** The newest visible_from not after `now`: no article or page turns visible in (boundary, now]. */
    visibilityBoundary (now: number): number {
      return boundary.get({ now }) as number
    },

    /** Edition and translation group of existing rows (any status), by id. */
    rowInfo (type: SyncType, ids: readonly number[]): Map<number, RowInfo> {
      if (ids.length === 0) return new Map()
      return new Map(rows[type].all({ ids: json(ids) }).map((r) => [r.id, r]))
    },

    /** Every member (any status) of the given translation groups. */
    groupMembers (type: 'article' | 'page' | 'category', groups: Iterable<number>): number[] {
      const list = json(groups)
      if (list === '[]') return []
      return members[type].all({ groups: list }).map((r) => r.id)
    },

    /** Authors whose avatar is each of these media (their entity embeds it), by media id. */
    authorsWithAvatar (mediaIds: readonly number[]): Map<number, number[]> {
      const byMedia = new Map<number, number[]>()
      if (mediaIds.length === 0) return byMedia
      for (const row of avatarsOf.all({ ids: json(mediaIds) })) {
        const list = byMedia.get(row.mediaId)
        if (list === undefined) byMedia.set(row.mediaId, [row.id])
        else list.push(row.id)
      }
      return byMedia
    }
  }
}

export type SyncStatements = ReturnType<typeof createSyncStatements>
