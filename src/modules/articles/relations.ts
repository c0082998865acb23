import { and, asc, desc, eq, sql } from 'drizzle-orm'
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core'
import type { Db } from '../../db/connection.js'
import { articleAuthors, articleCategories, articleTags, articles } from '../../db/schema.js'
import { publiclyVisible } from './visibility.js'

export interface CategoryLink { categoryId: number, primary: boolean }
export interface TranslationRow { id: number, editionId: number, slug: string, title: string, translationGroup: number }

const inJson = (column: AnySQLiteColumn) =>
  sql`${column} in (select value from json_each(${sql.placeholder('ids')}))`

function groupBy<R, V> (keys: readonly number[], rows: R[], keyOf: (r: R) => number, valueOf: (r: R) => V): V[][] {
  const groups = new Map<number, V[]>()
  for (const row of rows) {
    const key = keyOf(row)
    let list = groups.get(key)
    if (list === undefined) groups.set(key, list = [])
    list.push(valueOf(row))
  }
  return keys.map((key) => groups.get(key) ?? [])
}

/** Batch finders over the article join tables: one statement per relation, answers in key order. */
export function createArticleRelations (db: Db) {
  const authorLinks = db.select({ articleId: articleAuthors.articleId, authorId: articleAuthors.authorId }).from(articleAuthors)
    .where(inJson(articleAuthors.articleId)).orderBy(asc(articleAuthors.articleId), asc(articleAuthors.position)).prepare()
  const categoryLinks = db.select({ articleId: articleCategories.articleId, categoryId: articleCategories.categoryId, primary: articleCategories.isPrimary })
    .from(articleCategories).where(inJson(articleCategories.articleId))
    .orderBy(asc(articleCategories.articleId), desc(articleCategories.isPrimary), asc(articleCategories.position)).prepare()
  const tagLinks = db.select({ articleId: articleTags.articleId, tagId: articleTags.tagId }).from(articleTags)
    .where(inJson(articleTags.articleId)).orderBy(asc(articleTags.articleId), asc(articleTags.position), asc(articleTags.tagId)).prepare()
  const translations = db.select({
    id: articles.id, editionId: articles.editionId, slug: articles.slug, title: articles.title, translationGroup: articles.translationGroup
  }).from(articles).where(and(inJson(articles.translationGroup), publiclyVisible)).orderBy(asc(articles.editionId)).prepare()
  // the same for one group (a single article's response), without json_each
  const groupTranslations = db.select({
    id: articles.id, editionId: articles.editionId, slug: articles.slug, title: articles.title, translationGroup: articles.translationGroup
  }).from(articles).where(and(eq(articles.translationGroup, sql.placeholder('group')), publiclyVisible)).orderBy(asc(articles.editionId)).prepare()
  // editorial reads list every member of the group, whatever its status
  const allTranslations = db.select({
    id: articles.id, editionId: articles.editionId, slug: articles.slug, title: articles.title, translationGroup: articles.translationGroup
  }).from(articles).where(inJson(articles.translationGroup)).orderBy(asc(articles.editionId)).prepare()

  // all three link tables in one round trip, for REST lists that show authors, categories and tags
  const allLinks = db.$client.prepare(`
    select 0 as kind, article_id as articleId, author_id as ref, position, 0 as isPrimary from article_authors where article_id in (select value from json_each(:ids))
    union all
    select 1, article_id, category_id, position, is_primary from article_categories where article_id in (select value from json_each(:ids))
    union all
    select 2, article_id, tag_id, position, 0 from article_tags where article_id in (select value from json_each(:ids))
    order by 1, 2, 5 desc, 4, 3`).raw()
  // the same for one article (a single article's response): index seeks without json_each, about a quarter of the cost
  const oneArticleLinks = db.$client.prepare(`
    select 0 as kind, :id as articleId, author_id as ref, position, 0 as isPrimary from article_authors where article_id = :id
    union all
    select 1, :id, category_id, position, is_primary from article_categories where article_id = :id
    union all
    select 2, :id, tag_id, position, 0 from article_tags where article_id = :id
    order by 1, 5 desc, 4, 3`).raw()

  // the excerpt fallback's input for records read without their body (lists leave it out)
  const bodies = db.select({ id: articles.id, body: articles.body }).from(articles).where(inJson(articles.id)).prepare()

  const json = (ids: readonly number[]) => ({ ids: JSON.stringify([...new Set(ids)]) })

  return {
    authorIds (articleIds: readonly number[]): number[][] {
      if (articleIds.length === 0) return []
      return groupBy(articleIds, authorLinks.all(json(articleIds)), (r) => r.articleId, (r) => r.authorId)
    },
    categoryLinks (articleIds: readonly number[]): CategoryLink[][] {
      if (articleIds.length === 0) return []
      return groupBy(articleIds, categoryLinks.all(json(articleIds)), (r) => r.articleId, (r) => ({ categoryId: r.categoryId, primary: r.primary }))
    },
    tagIds (articleIds: readonly number[]): number[][] {
      if (articleIds.length === 0) return []
      return groupBy(articleIds, tagLinks.all(json(articleIds)), (r) => r.articleId, (r) => r.tagId)
    },
    /** Author ids, category links and tag ids of each article, in key order, from one statement. */
    allLinks (articleIds: readonly number[]): { authorIds: number[][], categoryLinks: CategoryLink[][], tagIds: number[][] } {
      const index = new Map(articleIds.map((id, i) => [id, i]))
      const authorIds = articleIds.map((): number[] => [])
      const categoryLinks = articleIds.map((): CategoryLink[] => [])
      const tagIds = articleIds.map((): number[] => [])
      if (articleIds.length === 0) return { authorIds, categoryLinks, tagIds }
      const rows = articleIds.length === 1 ? oneArticleLinks.all({ id: articleIds[0] }) : allLinks.all(json(articleIds))
      for (const [kind, articleId, ref, , isPrimary] of rows as Array<[number, number, number, number, number]>) {
        const i = index.get(articleId)
        if (i === undefined) continue
        if (kind === 0) authorIds[i]!.push(ref)
        else if (kind === 1) categoryLinks[i]!.push({ categoryId: ref, primary: isPrimary === 1 })
        else tagIds[i]!.push(ref)
      }
      return { authorIds, categoryLinks, tagIds }
    },

    /** Bodies by article id, one statement for the batch; the ids come from records already read, so no visibility rule again. */
    bodies (articleIds: readonly number[]): Map<number, string> {
      if (articleIds.length === 0) return new Map()
      return new Map(bodies.all(json(articleIds)).map((r) => [r.id, r.body]))
    },

    /** Visible members of each article's translation group, the article itself excluded. */
    translations (items: ReadonlyArray<{ id: number, translationGroup: number | null }>, now: number, editorial = false): TranslationRow[][] {
      const groups = items.map((i) => i.translationGroup).filter((g): g is number => g !== null)
      if (groups.length === 0) return items.map(() => [])
      const rows = (editorial
        ? allTranslations.all(json(groups))
        : groups.length === 1 ? groupTranslations.all({ group: groups[0], now }) : translations.all({ ...json(groups), now })) as TranslationRow[]
      const byGroup = groupBy([...new Set(groups)], rows, (r) => r.translationGroup, (r) => r)
      const lookup = new Map([...new Set(groups)].map((g, i) => [g, byGroup[i] ?? []]))
      return items.map((item) => item.translationGroup === null
        ? []
        : (lookup.get(item.translationGroup) ?? []).filter((row) => row.id !== item.id))
    }
  }
}

export type ArticleRelations = ReturnType<typeof createArticleRelations>
