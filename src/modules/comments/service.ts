import { and, asc, count, desc, eq, gt, lt, or, sql, type SQL } from 'drizzle-orm'
import { authorize } from '../../auth/permissions.js'
import type { Principal } from '../../auth/principal.js'
import type { SelectedFields } from 'drizzle-orm/sqlite-core'
import type { DiscussionConfig } from '../../config.js'
import type { Db } from '../../db/connection.js'
import { articles, comments, type CommentStatus } from '../../db/schema.js'
import { NotFoundError } from '../../errors.js'
import type { CursorCodec } from '../../pagination/cursor.js'
import { assemblePage } from '../../pagination/keyset.js'
import type { Page } from '../../pagination/page.js'
import { numberedOrderBy, selectionConditions, type NumberedPage, type NumberedWindow } from '../../pagination/numbered.js'
import { toIso, type Clock } from '../../time.js'
import type { ArticleService } from '../articles/index.js'
import { articleVisibility as publiclyVisible } from '../articles/index.js'
import type { EditionService } from '../editions/index.js'
import { createFormTokens } from './abuse.js'
import { commentColumns, toModeratedComment, toPublicComment, type CommentRecord } from './records.js'
import type { ModeratedComment, PublicComment } from './schemas.js'
import type { DiscussionSettingsService } from './settings.js'

/** What the comment reads need; the whole service (comment-service.ts) adds the change log for its writes. */
export interface CommentReadDeps {
  db: Db
  clock: Clock
  codec: CursorCodec
  config: DiscussionConfig
  /** Signs form tokens (CURSOR_SECRET). */
  secret: string
  articles: ArticleService
  editions: EditionService
  settings: DiscussionSettingsService
}

/** A numbered page of public comments (the WordPress-compatible API): by articles, parents, edition. */
export interface CommentNumberedOptions extends NumberedWindow<'date' | 'id' | 'include' | 'post' | 'parent'> {
  articleIds?: readonly number[]
  /** 0 for comments on the article itself, as WordPress names the root. */
  parentIds?: readonly number[]
  edition?: string
}

export interface QueueOptions { status?: CommentStatus, edition?: string, articleId?: number, email?: string, limit: number, cursor?: string }

/**
 * Comment reads. Public reads see approved comments of articles the public can see, unless the
 * article's comment section is hidden. Reads that need an article's edition or visibility join
 * the articles table through the articles module's own visibility rule (articles/visibility.ts).
 */
export function createCommentReads (deps: CommentReadDeps) {
  const { db, clock, codec, articles: articleService, editions, settings } = deps
  const now = () => clock().getTime()
  const tokens = createFormTokens(deps.secret, deps.config)

  const byId = db.select({ ...commentColumns, editionId: articles.editionId }).from(comments)
    .innerJoin(articles, eq(articles.id, comments.articleId)).where(eq(comments.id, sql.placeholder('id'))).prepare()
  const approvedCount = db.select({ n: count() }).from(comments)
    .where(and(eq(comments.articleId, sql.placeholder('articleId')), eq(comments.status, 'approved'))).prepare()

  /** The article as the public sees it (404 otherwise) and what its comment section is now. */
  function publicArticle (id: number) {
    const record = articleService.findRecordById(id, 'public')
    return { record, commentStatus: articleService.commentStatusOf(record) }
  }

  function findRow (id: number) {
    const row = byId.get({ id })
    if (row === undefined) throw new NotFoundError('comment', id)
    return row
  }

  return {
    publicArticle,
    tokens,
    findRow,

    /** A form token for the article's comment form: only while its comments are open. */
    issueToken (articleId: number) {
      const { commentStatus } = publicArticle(articleId)
      if (commentStatus !== 'open') throw new NotFoundError('open comment form of article', articleId)
      const token = tokens.issue(`article:${articleId}`, now())
      return { token: token.token, notBefore: toIso(token.notBefore), expiresAt: toIso(token.expiresAt) }
    },

    /** Approved comments of an article in thread order: each after its parent, siblings oldest first. */
    listForArticle (articleId: number, options: { limit: number, cursor?: string }): Page<PublicComment> {
      const { commentStatus } = publicArticle(articleId)
      const position = options.cursor !== undefined ? codec.decode(options.cursor, 'thread') : null
      if (commentStatus === 'hidden') return { items: [], total: 0, limit: options.limit, nextCursor: null, prevCursor: null }
      const backward = position?.direction === 'before'
      const after = position === null ? undefined : backward ? lt(comments.threadPath, String(position.value)) : gt(comments.threadPath, String(position.value))
      const rows = db.select(commentColumns).from(comments)
        .where(and(eq(comments.articleId, articleId), eq(comments.status, 'approved'), after))
        .orderBy(backward ? desc(comments.threadPath) : asc(comments.threadPath))
        .limit(options.limit + 1).all()
      const total = approvedCount.get({ articleId })?.n ?? 0
      return assemblePage(rows, { limit: options.limit, position }, { sort: 'thread', sortValue: (row) => row.threadPath, codec, total, map: toPublicComment })
    },

    /** An edition's newest approved comments on its public articles (not on hidden sections). */
    recent (editionCode: string, options: { limit: number, cursor?: string }): Page<PublicComment & { articleTitle: string }> {
      const edition = editions.findByCode(editionCode)
      const fallback = settings.policy({ editionId: edition.id, commentStatus: null, publishedAt: null })
      const position = options.cursor !== undefined ? codec.decode(options.cursor, 'recent') : null
      const filters = [
        eq(comments.status, 'approved'), eq(articles.editionId, edition.id), publiclyVisible,
        sql`coalesce(${articles.commentStatus}, ${fallback}) <> 'hidden'`
      ]
      const page = newestFirst<CommentRecord & { articleTitle: string }>(filters, position, options.limit, { ...commentColumns, articleTitle: articles.title })
      const total = db.select({ n: count() }).from(comments).innerJoin(articles, eq(articles.id, comments.articleId))
        .where(and(...filters)).get({ now: now() })?.n ?? 0
      return assemblePage(page, { limit: options.limit, position }, {
        sort: 'recent', sortValue: (row) => row.createdAt, codec, total, map: (row) => ({ ...toPublicComment(row), articleTitle: row.articleTitle })
      })
    },

    /**
     * Approved comments of public articles whose comment section is not hidden, in any edition.
     * The edition defaults decide sections without a setting of their own, so they are handed to
     * SQL as one JSON object of edition id → default.
     */
    listNumbered (options: CommentNumberedOptions): NumberedPage<PublicComment> {
      const edition = options.edition !== undefined ? editions.resolveFilter(options.edition, 'query.lang').id : undefined
      const defaults = JSON.stringify(Object.fromEntries(editions.list().map((e) => [String(e.id), settings.policy({ editionId: e.id, commentStatus: null, publishedAt: null })])))
      const parents = options.parentIds
      const where = and(
        eq(comments.status, 'approved'), publiclyVisible,
        sql`coalesce(${articles.commentStatus}, json_extract(${defaults}, '$."' || ${articles.editionId} || '"'), 'open') <> 'hidden'`,
        edition !== undefined ? eq(articles.editionId, edition) : undefined,
        options.articleIds !== undefined ? sql`${comments.articleId} in (select value from json_each(${JSON.stringify(options.articleIds)}))` : undefined,
        parents !== undefined ? sql`coalesce(${comments.parentId}, 0) in (select value from json_each(${JSON.stringify(parents)}))` : undefined,
        ...selectionConditions({ id: comments.id }, options)
      )
      const key = options.orderBy === 'include'
        ? 'include'
        : { date: comments.createdAt, id: comments.id, post: comments.articleId, parent: comments.parentId }[options.orderBy]
      const at = now()
      const rows = db.select(commentColumns).from(comments).innerJoin(articles, eq(articles.id, comments.articleId)).where(where)
        .orderBy(...numberedOrderBy(key, comments.id, options.order, options.ids)).limit(options.limit).offset(options.offset).all({ now: at })
      const total = db.select({ n: count() }).from(comments).innerJoin(articles, eq(articles.id, comments.articleId)).where(where).get({ now: at })?.n ?? 0
      return { items: rows.map(toPublicComment), total }
    },

    /** One comment as the public may see it (approved, on a public article whose section is not hidden). */
    findPublic (id: number): PublicComment {
      const row = byId.get({ id })
      if (row === undefined || row.status !== 'approved') throw new NotFoundError('comment', id)
      const { commentStatus } = publicArticle(row.articleId)
      if (commentStatus === 'hidden') throw new NotFoundError('comment', id)
      return toPublicComment(row)
    },

    /** The moderation queue (any status unless filtered), newest first. */
    queue (options: QueueOptions, actor: Principal | null): Page<ModeratedComment> {
      authorize(actor, 'comment:moderate')
      const position = options.cursor !== undefined ? codec.decode(options.cursor, 'queue') : null
      const filters: Array<SQL | undefined> = [
        options.status !== undefined ? eq(comments.status, options.status) : undefined,
        options.edition !== undefined ? eq(articles.editionId, editions.resolveFilter(options.edition).id) : undefined,
        options.articleId !== undefined ? eq(comments.articleId, options.articleId) : undefined,
        options.email !== undefined ? eq(comments.authorEmail, options.email.toLowerCase()) : undefined
      ]
      const rows = newestFirst<CommentRecord & { editionId: number }>(filters, position, options.limit, { ...commentColumns, editionId: articles.editionId })
      const total = db.select({ n: count() }).from(comments).innerJoin(articles, eq(articles.id, comments.articleId)).where(and(...filters)).get()?.n ?? 0
      return assemblePage(rows, { limit: options.limit, position }, {
        sort: 'queue', sortValue: (row) => row.createdAt, codec, total, map: (row) => toModeratedComment(row, editions.findById(row.editionId, 'editorial').code)
      })
    },

    findModerated (id: number, actor: Principal | null): ModeratedComment {
      authorize(actor, 'comment:moderate')
      const row = findRow(id)
      return toModeratedComment(row, editions.findById(row.editionId, 'editorial').code)
    },

    /** The moderators' view of a comment a write has just authorized. */
    moderatedViewOf (id: number): ModeratedComment {
      const row = findRow(id)
      return toModeratedComment(row, editions.findById(row.editionId, 'editorial').code)
    },

    /** The number `articles.comment_count` must hold: the rebuild command compares the two. */
    approvedCountOf: (articleId: number): number => approvedCount.get({ articleId })?.n ?? 0
  }

  /** Newest first by (createdAt, id); a `before` cursor walks back towards newer ones. */
  function newestFirst<R extends CommentRecord> (filters: Array<SQL | undefined>, position: { value: string | number | null, id: number, direction: 'after' | 'before' } | null, limit: number, columns: SelectedFields): R[] {
    const backward = position?.direction === 'before'
    const at = position === null ? undefined : Number(position.value)
    const window = at === undefined || position === null
      ? undefined
      : backward
        ? or(gt(comments.createdAt, at), and(eq(comments.createdAt, at), gt(comments.id, position.id)))
        : or(lt(comments.createdAt, at), and(eq(comments.createdAt, at), lt(comments.id, position.id)))
    return db.select(columns).from(comments).innerJoin(articles, eq(articles.id, comments.articleId))
      .where(and(...filters, window))
      .orderBy(...(backward ? [asc(comments.createdAt), asc(comments.id)] : [desc(comments.createdAt), desc(comments.id)]))
      .limit(limit + 1).all({ now: now() }) as R[]
  }
}

export type CommentReads = ReturnType<typeof createCommentReads>
