import { and, count, eq, gt, inArray, isNotNull, like, lt, sql } from 'drizzle-orm'
import { authorize } from '../../auth/permissions.js'
import type { Principal } from '../../auth/principal.js'
import type { DiscussionConfig } from '../../config.js'
import type { Db } from '../../db/connection.js'
import { comments, type CommentStatus } from '../../db/schema.js'
import type { ChangeLog } from '../../editorial/changes.js'
import { checkVersion, type ExpectedVersion } from '../../editorial/entity-commands.js'
import { ConflictError, NotFoundError, UnprocessableError } from '../../errors.js'
import type { Clock } from '../../time.js'
import type { ArticleService } from '../articles/index.js'
import type { EditionService } from '../editions/index.js'
import { checkWindow, countLinks, fingerprintOf, hashIp, isBlocked, normalizedText, refuse } from './abuse.js'
import { pathSegment, type CommentRow } from './records.js'
import type { CommentReads } from './service.js'

export interface CommentSubmission {
  token: string
  authorName: string
  authorEmail?: string | null
  authorUrl?: string | null
  body: string
  parentId?: number | null
  homepage?: string
}

/** What the importer may set that a reader may not: dates, status, threading (parent first). */
export interface ImportedComment {
  articleId: number
  parentId?: number | null
  status: CommentStatus
  authorName: string
  authorEmail?: string | null
  authorUrl?: string | null
  body: string
  createdAt: number
}

export interface CommentCommandDeps {
  db: Db
  clock: Clock
  config: DiscussionConfig
  changeLog: ChangeLog
  articles: ArticleService
  editions: EditionService
  reads: CommentReads
}

interface ModerationOptions { actor: Principal | null, expectedVersion?: ExpectedVersion }

const IP_PURGE_EVERY_MS = 3_600_000
const DAY_MS = 86_400_000

/**
 * Comment writes. Every write is one transaction that also keeps `articles.comment_count`
 * (approved comments) and records its change (audit log, webhooks). Change summaries name the
 * article, edition and statuses, never the commenter's email or address.
 */
export function createCommentCommands ({ db, clock, config, changeLog, articles, editions, reads }: CommentCommandDeps) {
  const now = () => clock().getTime()
  const inTransaction = <T>(fn: (tx: Db) => T): T => db.transaction((tx) => fn(tx as unknown as Db), { behavior: 'immediate' })
  let lastIpPurge = 0

  const inWindow = (column: typeof comments.ipHash | typeof comments.articleId, value: string | number, since: number): number =>
    db.select({ n: count() }).from(comments).where(and(eq(column, value), gt(comments.createdAt, since))).get()?.n ?? 0
  const byFingerprint = db.select({ id: comments.id }).from(comments).where(eq(comments.fingerprint, sql.placeholder('fingerprint'))).prepare()
  const approvedByEmail = db.select({ id: comments.id }).from(comments)
    .where(and(eq(comments.authorEmail, sql.placeholder('email')), eq(comments.status, 'approved'))).limit(1).prepare()

  const editionCodeOf = (articleId: number): string => editions.findById(articles.findRecordById(articleId, 'editorial').editionId, 'editorial').code
  const record = (row: Pick<CommentRow, 'id' | 'articleId' | 'parentId' | 'status'>, action: 'created' | 'updated' | 'deleted', keyId: number | null, extra: Record<string, unknown> = {}) => {
    changeLog.record({ entityType: 'comment', entityId: row.id, action, at: now(), keyId, summary: { articleId: row.articleId, edition: editionCodeOf(row.articleId), parentId: row.parentId, status: row.status, ...extra } })
  }

  const client = db.$client
  const importParent = client.prepare<[number], Pick<CommentRow, 'id' | 'articleId' | 'depth' | 'threadPath'>>('select id, article_id as articleId, depth, thread_path as threadPath from comments where id = ?')
  const importInsert = client.prepare(`insert into comments (article_id, parent_id, depth, status, author_name, author_email, author_url, body, created_at, updated_at)
    values (@articleId, @parentId, @depth, @status, @authorName, @authorEmail, @authorUrl, @body, @createdAt, @createdAt)`)
  const importThreadPath = client.prepare('update comments set thread_path = ? where id = ?')
  const importAtomically = client.transaction((fn: () => unknown) => fn())
  let lastImportArticle: { id: number, edition: string } | null = null

  /** Inserts a comment with its thread path, and counts it when approved (inside the caller's transaction). */
  function insert (tx: Db, values: Omit<typeof comments.$inferInsert, 'depth' | 'threadPath' | 'updatedAt' | 'version'> & { parent: Pick<CommentRow, 'depth' | 'threadPath'> | null }): CommentRow {
    const { parent, ...columns } = values
    const inserted = tx.insert(comments).values({ ...columns, depth: parent === null ? 0 : parent.depth + 1, updatedAt: columns.createdAt }).returning().get()
    const segment = pathSegment(inserted.createdAt, inserted.id)
    const threadPath = parent === null ? segment : `${parent.threadPath}/${segment}`
    tx.update(comments).set({ threadPath }).where(eq(comments.id, inserted.id)).run()
    if (inserted.status === 'approved') articles.commentCounts.adjust(inserted.articleId, 1)
    return { ...inserted, threadPath }
  }

  /** The parent of a reply: on the same article, approved (replies to unseen comments are not possible), not too deep. */
  function parentFor (articleId: number, parentId: number | null | undefined, field: string): CommentRow | null {
    if (parentId === undefined || parentId === null) return null
    const parent = db.select().from(comments).where(eq(comments.id, parentId)).get()
    if (parent === undefined || parent.status !== 'approved') refuse(field, 'names no published comment')
    if (parent.articleId !== articleId) refuse(field, 'names a comment of another article')
    if (parent.depth + 1 >= config.maxDepth) refuse(field, `is a reply ${config.maxDepth} levels deep: replies nest at most ${config.maxDepth} levels (answer higher up the thread)`)
    return parent
  }

  /** Status changes keep the count: approved in, approved out. */
  function setStatus (tx: Db, row: CommentRow, status: CommentStatus, body: string | undefined, at: number): CommentRow {
    const updated = tx.update(comments).set({ status, ...(body !== undefined ? { body } : {}), version: row.version + 1, updatedAt: at })
      .where(and(eq(comments.id, row.id), eq(comments.version, row.version))).returning().get()
    if (updated === undefined) throw new ConflictError(`The comment ${row.id} changed while it was being written.`)
    articles.commentCounts.adjust(row.articleId, Number(status === 'approved') - Number(row.status === 'approved'))
    return updated
  }

  const loadRow = (tx: Db, id: number): CommentRow => {
    const row = tx.select().from(comments).where(eq(comments.id, id)).get()
    if (row === undefined) throw new NotFoundError('comment', id)
    return row
  }

  /** The whole subtree goes with a comment (foreign key cascade); the approved ones leave the count. */
  function deleteWithReplies (tx: Db, row: CommentRow): number {
    const subtree = and(eq(comments.articleId, row.articleId), like(comments.threadPath, `${row.threadPath}%`))
    const approved = tx.select({ n: count() }).from(comments).where(and(subtree, eq(comments.status, 'approved'))).get()?.n ?? 0
    const all = tx.select({ n: count() }).from(comments).where(subtree).get()?.n ?? 0
    tx.delete(comments).where(eq(comments.id, row.id)).run()
    articles.commentCounts.adjust(row.articleId, -approved)
    return all - 1
  }

  /** Addresses' hashes are kept COMMENTS_IP_RETENTION_DAYS: long enough for the windows and spam decisions, no longer. */
  const purgeExpiredAddresses = (at: number): number =>
    db.update(comments).set({ ipHash: null }).where(and(isNotNull(comments.ipHash), lt(comments.createdAt, at - config.ipRetentionDays * DAY_MS))).run().changes

  function purgeExpiredAddressesIfDue (at: number): void {
    if (at - lastIpPurge < IP_PURGE_EVERY_MS) return
    lastIpPurge = at
    purgeExpiredAddresses(at)
  }

  function eraseAll (email: string, mode: 'anonymise' | 'delete', keyId: number | null): number {
    const address = email.trim().toLowerCase()
    const at = now()
    return inTransaction((tx) => {
      const rows = tx.select().from(comments).where(eq(comments.authorEmail, address)).all()
      let erased = 0
      for (const row of rows) {
        if (mode === 'delete') {
          const current = tx.select().from(comments).where(eq(comments.id, row.id)).get()
          if (current === undefined) continue
          deleteWithReplies(tx, current)
          record(current, 'deleted', keyId, { erased: true })
        } else {
          const updated = tx.update(comments).set({ authorName: 'Anonymous', authorEmail: null, authorUrl: null, ipHash: null, fingerprint: null, version: row.version + 1, updatedAt: at })
            .where(eq(comments.id, row.id)).returning().get()
          if (updated !== undefined) record(updated, 'updated', keyId, { erased: true })
        }
        erased++
      }
      return erased
    })
  }

  return {
    /** The retention purge (the app's timer, `quire comments purge`): how many addresses' hashes were cleared. */
    purgeExpiredAddresses: () => purgeExpiredAddresses(now()),

    /**
     * A reader's comment. Refused (400/404/409/422/429, nothing stored) for a bad token, a filled
     * honeypot, too many links or characters, a closed article, a bad parent, a flood or a
     * duplicate; stored as spam (answered like any pending comment) when the blocklist matches.
     */
    submit (articleId: number, input: CommentSubmission, client: { ip: string }): { id: number, status: 'pending' | 'approved' } {
      const at = now()
      if (input.homepage !== undefined && input.homepage !== '') refuse('body.homepage', 'must be left empty (it is not shown to people)')
      const { record: article, commentStatus } = reads.publicArticle(articleId)
      if (commentStatus !== 'open') throw new UnprocessableError(`Comments on the article ${articleId} are ${commentStatus === 'hidden' ? 'turned off' : 'closed'}.`)
      reads.tokens.verify(`article:${articleId}`, input.token, at)
      const body = input.body.trim()
      if (body.length > config.maxLength) refuse('body.body', `must be at most ${config.maxLength} characters`)
      if (countLinks(body) > config.maxLinks) refuse('body.body', `may contain at most ${config.maxLinks} links`)
      const parent = parentFor(articleId, input.parentId, 'body.parentId')
      const ipHash = hashIp(config.ipSalt, client.ip)
      const since = at - config.rateWindowSeconds * 1000
      checkWindow(inWindow(comments.ipHash, ipHash, since), config.perIpMax, config.rateWindowSeconds, 'comments from this address')
      checkWindow(inWindow(comments.articleId, articleId, since), config.perArticleMax, config.rateWindowSeconds, 'comments on this article')
      const email = input.authorEmail?.trim().toLowerCase() ?? null
      const fingerprint = fingerprintOf('comment', String(articleId), email ?? ipHash, normalizedText(body))
      if (byFingerprint.get({ fingerprint }) !== undefined) throw new ConflictError('This comment has already been posted on this article.')
      const spam = isBlocked(config.blocklist, { texts: [body, input.authorName, input.authorUrl ?? ''], email, ip: client.ip })
      const returning = config.autoApproveReturning && email !== null && approvedByEmail.get({ email }) !== undefined
      const status: CommentStatus = spam ? 'spam' : returning ? 'approved' : 'pending'
      purgeExpiredAddressesIfDue(at)
      const row = inTransaction((tx) => {
        const inserted = insert(tx, {
          articleId: article.id, parent, parentId: parent?.id ?? null, status, authorName: input.authorName.trim(), authorEmail: email,
          authorUrl: input.authorUrl ?? null, body, ipHash, fingerprint, createdAt: at
        })
        record(inserted, 'created', null)
        return inserted
      })
      // a spammer learns nothing from the answer
      return { id: row.id, status: row.status === 'approved' ? 'approved' : 'pending' }
    },

    /** A reply written with an API key: shown as staff, published at once. */
    reply (parentId: number, input: { body: string }, actor: Principal | null): CommentRow {
      const principal = authorize(actor, 'comment:reply')
      const at = now()
      const parentRow = reads.findRow(parentId)
      const parent = parentFor(parentRow.articleId, parentId, 'params.id')
      return inTransaction((tx) => {
        const row = insert(tx, {
          articleId: parentRow.articleId, parent, parentId, status: 'approved', authorName: principal.name.slice(0, 100), body: input.body.trim(),
          isStaff: true, staffKeyId: principal.keyId, createdAt: at
        })
        record(row, 'created', principal.keyId, { staff: true })
        return row
      })
    },

    /** Approve, spam, trash, restore (to pending) and/or edit the text; If-Match guards against a concurrent moderator. */
    moderate (id: number, patch: { status?: CommentStatus, body?: string }, options: ModerationOptions): CommentRow {
      const principal = authorize(options.actor, 'comment:moderate')
      const at = now()
      return inTransaction((tx) => {
        const row = loadRow(tx, id)
        checkVersion('comment', row, options.expectedVersion)
        const updated = setStatus(tx, row, patch.status ?? row.status, patch.body?.trim(), at)
        record(updated, 'updated', principal.keyId, {
          ...(updated.status !== row.status ? { statusChange: { from: row.status, to: updated.status } } : {}),
          ...(patch.body !== undefined ? { bodyEdited: true } : {})
        })
        return updated
      })
    },

    /** One action on many comments in one transaction; ids that do not exist are reported, not fatal. */
    bulk (ids: number[], action: 'approve' | 'spam' | 'trash' | 'restore' | 'delete', actor: Principal | null): { updated: number[], notFound: number[] } {
      const principal = authorize(actor, action === 'delete' ? 'comment:delete' : 'comment:moderate')
      const at = now()
      const target: Record<typeof action, CommentStatus | null> = { approve: 'approved', spam: 'spam', trash: 'trash', restore: 'pending', delete: null }
      return inTransaction((tx) => {
        const rows = tx.select().from(comments).where(inArray(comments.id, ids)).all()
        const found = new Set(rows.map((row) => row.id))
        const updated: number[] = []
        for (const row of rows) {
          const status = target[action]
          if (status === null) {
            // a reply deleted with its parent earlier in this loop
            const current = tx.select().from(comments).where(eq(comments.id, row.id)).get()
            if (current === undefined) continue
            const replies = deleteWithReplies(tx, current)
            record(current, 'deleted', principal.keyId, { replies })
          } else {
            if (row.status === status) continue
            const changed = setStatus(tx, row, status, undefined, at)
            record(changed, 'updated', principal.keyId, { statusChange: { from: row.status, to: status } })
          }
          updated.push(row.id)
        }
        return { updated, notFound: ids.filter((id) => !found.has(id)) }
      })
    },

    remove (id: number, options: ModerationOptions): void {
      const principal = authorize(options.actor, 'comment:delete')
      inTransaction((tx) => {
        const row = loadRow(tx, id)
        checkVersion('comment', row, options.expectedVersion)
        const replies = deleteWithReplies(tx, row)
        record(row, 'deleted', principal.keyId, { replies })
      })
    },

    /**
     * GDPR erasure of every comment by an email address: `anonymise` (the default, as WordPress'
     * eraser) keeps the text under "Anonymous" so replies keep their thread, and drops the name,
     * email, website, address hash and fingerprint; `delete` removes the comments with their replies.
     */
    erase (email: string, mode: 'anonymise' | 'delete', actor: Principal | null): number {
      return eraseAll(email, mode, authorize(actor, 'comment:erase').keyId)
    },

    /** The same for the operator at the command line (`quire comments erase`), who holds no API key. */
    eraseByOperator: (email: string, mode: 'anonymise' | 'delete'): number => eraseAll(email, mode, null),

    /** For importers (no permission check: they run from the CLI): dates, status and threading as given; parents first. */
    /**
     * A comment from another system (the WordPress import), parents first. Tens of thousands come
     * at once, so it takes its statements prepared once and no transaction of its own: a savepoint
     * when called outside one, none inside one (the importer's item is a savepoint that rolls back
     * whole on any error, so a caller in a transaction must do the same); the article's edition for the change
     * summary is remembered for the next comment, which is usually on the same article.
     */
    importComment (input: ImportedComment): Pick<CommentRow, 'id' | 'articleId' | 'parentId' | 'depth' | 'threadPath' | 'status'> {
      const parent = input.parentId === undefined || input.parentId === null ? null : importParent.get(input.parentId) ?? null
      if (input.parentId != null && (parent === null || parent.articleId !== input.articleId)) refuse('parentId', 'names no comment of this article (import parents first)')
      if (lastImportArticle?.id !== input.articleId) lastImportArticle = { id: input.articleId, edition: editionCodeOf(input.articleId) }
      const edition = lastImportArticle.edition
      // inside the importer's item (a savepoint already) a savepoint per comment would only cost
      const write = client.inTransaction ? (fn: () => unknown) => fn() : importAtomically
      return write(() => {
        const depth = parent === null ? 0 : parent.depth + 1
        const id = Number(importInsert.run({
          articleId: input.articleId, parentId: parent?.id ?? null, depth, status: input.status, authorName: input.authorName,
          authorEmail: input.authorEmail?.toLowerCase() ?? null, authorUrl: input.authorUrl ?? null, body: input.body, createdAt: input.createdAt
        }).lastInsertRowid)
        const segment = pathSegment(input.createdAt, id)
        const threadPath = parent === null ? segment : `${parent.threadPath}/${segment}`
        importThreadPath.run(threadPath, id)
        if (input.status === 'approved') articles.commentCounts.adjust(input.articleId, 1)
        const row = { id, articleId: input.articleId, parentId: parent?.id ?? null, depth, threadPath, status: input.status }
        changeLog.record({ entityType: 'comment', entityId: id, action: 'created', at: now(), keyId: null, summary: { articleId: row.articleId, edition, parentId: row.parentId, status: row.status, imported: true } })
        return row
      }) as Pick<CommentRow, 'id' | 'articleId' | 'parentId' | 'depth' | 'threadPath' | 'status'>
    },

    /** Recounts approved comments of every article; fixes and reports the ones that were off. */
    rebuildCounts (): { checked: number, fixed: Array<{ articleId: number, was: number, is: number }> } {
      return inTransaction(() => {
        const fixed: Array<{ articleId: number, was: number, is: number }> = []
        const all = articles.commentCounts.all()
        for (const { id, commentCount } of all) {
          const actual = reads.approvedCountOf(id)
          if (actual === commentCount) continue
          articles.commentCounts.set(id, actual)
          fixed.push({ articleId: id, was: commentCount, is: actual })
        }
        return { checked: all.length, fixed }
      })
    }
  }
}

export type CommentCommands = ReturnType<typeof createCommentCommands>
