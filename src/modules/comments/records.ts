import { comments } from '../../db/schema.js'
import { toIso } from '../../time.js'
import { plainTextToHtml } from './abuse.js'
import type { ModeratedComment, PublicComment } from './schemas.js'

export const commentColumns = {
  id: comments.id,
  articleId: comments.articleId,
  parentId: comments.parentId,
  depth: comments.depth,
  threadPath: comments.threadPath,
  status: comments.status,
  authorName: comments.authorName,
  authorEmail: comments.authorEmail,
  authorUrl: comments.authorUrl,
  body: comments.body,
  isStaff: comments.isStaff,
  createdAt: comments.createdAt,
  updatedAt: comments.updatedAt,
  version: comments.version
}

export type CommentRow = typeof comments.$inferSelect
export type CommentRecord = Pick<CommentRow, keyof typeof commentColumns>

/** One path segment per level: zero-padded so that text order is (createdAt, id) order. */
export const pathSegment = (createdAt: number, id: number): string => `${String(createdAt).padStart(15, '0')}.${String(id).padStart(12, '0')}`

/** The public view: the allowlist of what may leave the server about a comment (no email, no address). */
export const toPublicComment = (row: CommentRecord): PublicComment => ({
  id: row.id,
  articleId: row.articleId,
  parentId: row.parentId,
  depth: row.depth + 1,
  authorName: row.authorName,
  authorUrl: row.authorUrl,
  staff: row.isStaff,
  body: row.body,
  bodyHtml: plainTextToHtml(row.body),
  createdAt: toIso(row.createdAt)
})

export const toModeratedComment = (row: CommentRecord, edition: string): ModeratedComment => ({
  ...toPublicComment(row),
  status: row.status,
  authorEmail: row.authorEmail,
  edition,
  updatedAt: toIso(row.updatedAt),
  version: row.version
})
