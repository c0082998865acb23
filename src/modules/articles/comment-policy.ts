import { eq, sql } from 'drizzle-orm'
import type { Db } from '../../db/connection.js'
import { articles, type ArticleCommentStatus } from '../../db/schema.js'

/** What an article's comment section is for readers now: its own setting, else its edition's default (src/modules/comments decides). */
export type CommentPolicy = (record: { editionId: number, commentStatus: ArticleCommentStatus | null, publishedAt: number | null }) => ArticleCommentStatus

// until the comments module hands in its policy (module test apps without it): the stored setting, open by default
export const storedCommentStatus: CommentPolicy = (record) => record.commentStatus ?? 'open'

/**
 * `articles.comment_count`, the number of approved comments, is owned by the comments module's
 * writes: they call `adjust` inside their own transaction (one connection, so it commits or rolls
 * back with them). It changes neither the article's version nor its updatedAt: a comment is not an
 * edit of the article.
 */
export function createCommentCounts (db: Db) {
  const adjust = db.update(articles).set({ commentCount: sql`${articles.commentCount} + ${sql.placeholder('delta')}` })
    .where(eq(articles.id, sql.placeholder('id'))).prepare()
  const set = db.update(articles).set({ commentCount: sql`${sql.placeholder('count')}` }).where(eq(articles.id, sql.placeholder('id'))).prepare()
  const all = db.select({ id: articles.id, commentCount: articles.commentCount }).from(articles).prepare()
  return {
    adjust (id: number, delta: number): void { if (delta !== 0) adjust.run({ id, delta }) },
    set (id: number, count: number): void { set.run({ id, count }) },
    all: (): Array<{ id: number, commentCount: number }> => all.all()
  }
}
