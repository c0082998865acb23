import type { Db } from '../../db/connection.js'

/*
 * A single post's neighbours: the previous (older) and next (newer) public article of its edition
 * — or of its primary category — and related articles. Every statement is an index seek whose cost
 * does not grow with the archive (test/modules/articles/neighbours.test.ts checks the plans):
 *
 * - previous/next in the edition: one step along articles_edition_visible_idx from the article's
 *   (publishedAt, id). The row-value tie-break is spelled `visible_from <= :at and (visible_from <
 *   :at or id < :id)` so the range starts at the article instead of at the newest row.
 * - previous/next in the primary category: the same step along primary_category_timeline (kept by
 *   triggers, see src/db/schema.ts), instead of walking the edition testing each article's category.
 * - related: the RELATED_WINDOW newest articles (by id, which rises with publication) of each
 *   category and tag the article has, through the (term, article) link indexes; ranked by how many
 *   terms they share, then by publishedAt, then id. Candidates older than every window are not
 *   considered: on a large archive "related" means recent and related, bounded per term.
 */
export const RELATED_WINDOW = 200
export const MAX_RELATED = 20

export interface NeighbourAnchor { id: number, editionId: number, publishedAt: number | null }

/** The statements, named so a test can read their query plans. */
export const neighbourSql = {
  previousInEdition: `select id from articles indexed by articles_edition_visible_idx
    where edition_id = :editionId and visible_from <= :now and visible_from <= :at and (visible_from < :at or id < :id)
    order by visible_from desc, id desc limit 1`,
  nextInEdition: `select id from articles indexed by articles_edition_visible_idx
    where edition_id = :editionId and visible_from <= :now and visible_from >= :at and (visible_from > :at or id > :id)
    order by visible_from asc, id asc limit 1`,
  primaryCategory: 'select category_id from primary_category_timeline where article_id = :id',
  previousInCategory: `select article_id from primary_category_timeline indexed by primary_category_timeline_idx
    where category_id = :categoryId and visible_from <= :now and visible_from <= :at and (visible_from < :at or article_id < :id)
    order by visible_from desc, article_id desc limit 1`,
  nextInCategory: `select article_id from primary_category_timeline indexed by primary_category_timeline_idx
    where category_id = :categoryId and visible_from <= :now and visible_from >= :at and (visible_from > :at or article_id > :id)
    order by visible_from asc, article_id asc limit 1`,
  categoryIds: 'select category_id from article_categories where article_id = :id',
  tagIds: 'select tag_id from article_tags where article_id = :id',
  inCategory: `select article_id from article_categories indexed by article_categories_category_idx
    where category_id = :termId order by article_id desc limit ${RELATED_WINDOW}`,
  withTag: `select article_id from article_tags indexed by article_tags_tag_idx
    where tag_id = :termId order by article_id desc limit ${RELATED_WINDOW}`,
  // candidates by primary key, only the public ones of the same edition; the unary `+` keeps SQLite
  // from reading the edition's whole date range in articles_edition_visible_idx instead
  visibleCandidates: `select id, visible_from as at from articles
    where id in (select value from json_each(:ids)) and +edition_id = :editionId and +visible_from <= :now`
} as const

export function createArticleNeighbours (db: Db) {
  const client = db.$client
  const previousInEdition = client.prepare(neighbourSql.previousInEdition).pluck()
  const nextInEdition = client.prepare(neighbourSql.nextInEdition).pluck()
  const primaryCategory = client.prepare(neighbourSql.primaryCategory).pluck()
  const previousInCategory = client.prepare(neighbourSql.previousInCategory).pluck()
  const nextInCategory = client.prepare(neighbourSql.nextInCategory).pluck()
  const categoryIds = client.prepare(neighbourSql.categoryIds).pluck()
  const tagIds = client.prepare(neighbourSql.tagIds).pluck()
  const inCategory = client.prepare(neighbourSql.inCategory).pluck()
  const withTag = client.prepare(neighbourSql.withTag).pluck()
  const visibleCandidates = client.prepare(neighbourSql.visibleCandidates)

  return {
    /** Ids of the previous (older) and next (newer) public article; null at either end, or for an article never published. */
    adjacent (anchor: NeighbourAnchor, sameCategory: boolean, now: number): { previous: number | null, next: number | null } {
      if (anchor.publishedAt === null) return { previous: null, next: null }
      const at = { at: anchor.publishedAt, id: anchor.id, now }
      if (!sameCategory) {
        const params = { ...at, editionId: anchor.editionId }
        return { previous: (previousInEdition.get(params) as number | undefined) ?? null, next: (nextInEdition.get(params) as number | undefined) ?? null }
      }
      const categoryId = primaryCategory.get({ id: anchor.id }) as number | undefined
      if (categoryId === undefined) return { previous: null, next: null }
      const params = { ...at, categoryId }
      return { previous: (previousInCategory.get(params) as number | undefined) ?? null, next: (nextInCategory.get(params) as number | undefined) ?? null }
    },

    /** Ids of up to `limit` related public articles of the same edition, best first. */
    related (anchor: NeighbourAnchor, limit: number, now: number): number[] {
      const shared = new Map<number, number>()
      const count = (ids: unknown[]) => { for (const id of ids as number[]) if (id !== anchor.id) shared.set(id, (shared.get(id) ?? 0) + 1) }
      for (const termId of categoryIds.all({ id: anchor.id })) count(inCategory.all({ termId }))
      for (const termId of tagIds.all({ id: anchor.id })) count(withTag.all({ termId }))
      if (shared.size === 0) return []
      const candidates = visibleCandidates.all({ ids: JSON.stringify([...shared.keys()]), editionId: anchor.editionId, now }) as Array<{ id: number, at: number }>
      candidates.sort((a, b) => (shared.get(b.id)! - shared.get(a.id)!) || (b.at - a.at) || (b.id - a.id))
      return candidates.slice(0, limit).map((c) => c.id)
    }
  }
}

export type ArticleNeighbours = ReturnType<typeof createArticleNeighbours>
