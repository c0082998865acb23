import { and, asc, count, eq, inArray, ne, sql } from 'drizzle-orm'
import { authorize } from '../../auth/permissions.js'
import type { Principal } from '../../auth/principal.js'
import type { Db } from '../../db/connection.js'
import { articleAuthors, articleCategories, articles, articleTags, slugRedirects } from '../../db/schema.js'
import type { AttachmentInput, AttachmentLink, AttachmentStore } from '../../editorial/attachments.js'
import type { ChangeLog } from '../../editorial/changes.js'
import { createContentCore } from '../../editorial/content-commands.js'
import type { ExpectedVersion, WriteContext } from '../../editorial/entity-commands.js'
import type { LinkRemoval } from '../../editorial/link-removal.js'
import type { RevisionStore } from '../../editorial/revisions.js'
import type { RichTextSanitizer } from '../../editorial/sanitize.js'
import { slugFromTitle, uniqueSlug } from '../../editorial/slugs.js'
import { countWords, readingTimeMinutes } from '../../editorial/html-text.js'
import { settledStatus } from '../../editorial/workflow.js'
import { ConflictError, InvalidInputError, type FieldProblem } from '../../errors.js'
import { parseInstant, toIsoOrNull, type Clock } from '../../time.js'
import type { AuthorService } from '../authors/index.js'
import type { CategoryService } from '../categories/index.js'
import type { EditionService } from '../editions/index.js'
import type { MediaService } from '../media/index.js'
import type { TagService } from '../tags/index.js'
import { sourceOf, type ArticleSource } from './records.js'

/** What a client may set on an article; everything else (ids, counts, timestamps, owner, status) is the server's. */
export interface ArticleFields {
  title?: string
  slug?: string
  excerpt?: string | null
  body?: string
  featured?: boolean
  featuredMediaId?: number | null
  seo?: { title?: string | null, description?: string | null }
  source?: { name: string, url?: string | null, publishedAt?: string | null, originalAuthor?: string | null, originalTitle?: string | null } | null
  /** Byline, in order. */
  authorIds?: number[]
  /** The first is the primary category; all in the article's edition. */
  categoryIds?: number[]
  /** All in the article's edition. */
  tagIds?: number[]
  /** null follows the edition's default. */
  commentStatus?: 'open' | 'closed' | 'hidden' | null
  /** Join the translation group of this article (another edition); null leaves the group. */
  translationOf?: number | null
  /** Files besides the featured media, in order; replaced whole. */
  attachments?: AttachmentInput[]
}
export interface ArticleCreateInput extends ArticleFields { edition: string, title: string }

export interface WriteOptions {
  actor: Principal | null
  expectedVersion?: ExpectedVersion
}

/** A full snapshot, as stored in revisions. */
export interface ArticleSnapshot {
  edition: string
  slug: string
  title: string
  excerpt: string | null
  body: string
  status: string
  publishedAt: string | null
  featured: boolean
  featuredMediaId: number | null
  seo: { title: string | null, description: string | null }
  source: ArticleSource | null
  authorIds: number[]
  categoryIds: number[]
  tagIds: number[]
  /** Absent from revisions stored before attachments existed. */
  attachments?: AttachmentLink[]
  translationGroup: number | null
}

export interface ArticleCommandDeps {
  db: Db
  clock: Clock
  editions: EditionService
  categories: CategoryService
  authors: AuthorService
  tags: TagService
  media: MediaService
  sanitize: RichTextSanitizer
  changeLog: ChangeLog
  revisions: RevisionStore
  menuLinks: LinkRemoval
  attachments: AttachmentStore
}

type ArticleRow = typeof articles.$inferSelect
type Columns = Partial<typeof articles.$inferInsert>

const bad = (name: string, reason: string): InvalidInputError => new InvalidInputError(`body.${name} ${reason}`, [{ name: `body.${name}`, reason }])
const unique = (ids: number[], name: string): void => {
  if (new Set(ids).size !== ids.length) throw bad(name, 'must not repeat an id')
}

/**
 * Writes to articles. Each command is one synchronous transaction that checks permission and the
 * expected version, writes the row and its links, bumps `version`, and records a revision and a
 * change (the audit log) — all or nothing.
 */
export function createArticleCommands (deps: ArticleCommandDeps) {
  const { db, clock, editions, changeLog, revisions } = deps

  const rowById = db.select().from(articles).where(eq(articles.id, sql.placeholder('id'))).prepare()
  const slugTaken = db.select({ id: articles.id }).from(articles)
    .where(and(eq(articles.editionId, sql.placeholder('editionId')), eq(articles.slug, sql.placeholder('slug')), ne(articles.id, sql.placeholder('id')))).prepare()
  const authorLinks = db.select({ id: articleAuthors.authorId }).from(articleAuthors).where(eq(articleAuthors.articleId, sql.placeholder('id'))).orderBy(asc(articleAuthors.position)).prepare()
  const categoryLinks = db.select({ id: articleCategories.categoryId, primary: articleCategories.isPrimary }).from(articleCategories)
    .where(eq(articleCategories.articleId, sql.placeholder('id'))).orderBy(sql`${articleCategories.isPrimary} desc`, asc(articleCategories.position)).prepare()
  const tagLinks = db.select({ id: articleTags.tagId }).from(articleTags).where(eq(articleTags.articleId, sql.placeholder('id'))).orderBy(asc(articleTags.position), asc(articleTags.tagId)).prepare()
  const translationGroups = {
    memberInEdition: db.select({ id: articles.id }).from(articles)
      .where(and(eq(articles.translationGroup, sql.placeholder('group')), eq(articles.editionId, sql.placeholder('editionId')), ne(articles.id, sql.placeholder('id')))).prepare(),
    next: db.select({ n: sql<number>`coalesce(max(${articles.translationGroup}), 0) + 1` }).from(articles).prepare()
  }

  function snapshotOf (row: ArticleRow): ArticleSnapshot {
    return {
      edition: editions.findById(row.editionId).code,
      slug: row.slug,
      title: row.title,
      excerpt: row.excerpt,
      body: row.body,
      status: row.status,
      publishedAt: toIsoOrNull(row.publishedAt),
      featured: row.featured,
      featuredMediaId: row.featuredMediaId,
      seo: { title: row.seoTitle, description: row.seoDescription },
      source: sourceOf(row),
      authorIds: authorLinks.all({ id: row.id }).map((l) => l.id),
      categoryIds: categoryLinks.all({ id: row.id }).map((l) => l.id),
      tagIds: tagLinks.all({ id: row.id }).map((l) => l.id),
      attachments: deps.attachments.linksOf([row.id])[0] ?? [],
      translationGroup: row.translationGroup
    }
  }

  /** Ids that exist, and for categories and tags belong to the edition; a client mistake is a 400 naming the field. */
  function checkReferences (fields: ArticleFields, editionId: number): void {
    const problems: FieldProblem[] = []
    const edition = editions.findById(editionId).code
    if (fields.authorIds !== undefined) {
      unique(fields.authorIds, 'authorIds')
      deps.authors.findRefsByIds(fields.authorIds).forEach((ref, i) => {
        if (ref === null) problems.push({ name: 'body.authorIds', reason: `author ${fields.authorIds![i]} does not exist` })
      })
    }
    if (fields.categoryIds !== undefined) {
      unique(fields.categoryIds, 'categoryIds')
      deps.categories.findRefsByIds(fields.categoryIds).forEach((ref, i) => {
        if (ref === null) problems.push({ name: 'body.categoryIds', reason: `category ${fields.categoryIds![i]} does not exist` })
        else if (ref.edition !== edition) problems.push({ name: 'body.categoryIds', reason: `category ${ref.id} belongs to edition ${ref.edition}, not ${edition}` })
      })
    }
    if (fields.tagIds !== undefined) {
      unique(fields.tagIds, 'tagIds')
      deps.tags.findRefsByIds(fields.tagIds).forEach((ref, i) => {
        if (ref === null) problems.push({ name: 'body.tagIds', reason: `tag ${fields.tagIds![i]} does not exist` })
        else if (ref.edition !== edition) problems.push({ name: 'body.tagIds', reason: `tag ${ref.id} belongs to edition ${ref.edition}, not ${edition}` })
      })
    }
    if (fields.featuredMediaId !== undefined && fields.featuredMediaId !== null && deps.media.findByIds([fields.featuredMediaId])[0] === null) {
      problems.push({ name: 'body.featuredMediaId', reason: `media ${fields.featuredMediaId} does not exist` })
    }
    if (fields.source?.publishedAt !== undefined && fields.source.publishedAt !== null && parseInstant(fields.source.publishedAt) === null) {
      problems.push({ name: 'body.source.publishedAt', reason: 'must be an RFC 3339 date-time' })
    }
    if (problems.length > 0) throw new InvalidInputError(problems.map((p) => `${p.name} ${p.reason}`).join('; '), problems)
    if (fields.attachments !== undefined) deps.attachments.check(fields.attachments, (ids) => deps.media.findByIds(ids))
  }

  /** Column values for the given fields (only those present), derived values included. */
  function columnsOf (fields: ArticleFields): Columns {
    const columns: Columns = {}
    if (fields.title !== undefined) columns.title = fields.title
    if (fields.excerpt !== undefined) columns.excerpt = fields.excerpt
    if (fields.body !== undefined) {
      columns.body = deps.sanitize(fields.body)
      columns.wordCount = countWords(columns.body)
      columns.readingTimeMinutes = readingTimeMinutes(columns.wordCount)
    }
    if (fields.featured !== undefined) columns.featured = fields.featured
    if (fields.featuredMediaId !== undefined) columns.featuredMediaId = fields.featuredMediaId
    if (fields.commentStatus !== undefined) columns.commentStatus = fields.commentStatus
    if (fields.seo !== undefined) {
      if (fields.seo.title !== undefined) columns.seoTitle = fields.seo.title
      if (fields.seo.description !== undefined) columns.seoDescription = fields.seo.description
    }
    if (fields.source !== undefined) {
      columns.sourceName = fields.source?.name ?? null
      columns.sourceUrl = fields.source?.url ?? null
      columns.sourcePublishedAt = fields.source?.publishedAt == null ? null : parseInstant(fields.source.publishedAt)
      columns.sourceAuthor = fields.source?.originalAuthor ?? null
      columns.sourceTitle = fields.source?.originalTitle ?? null
    }
    return columns
  }

  function replaceLinks (tx: Db, id: number, fields: ArticleFields): void {
    if (fields.authorIds !== undefined) {
      tx.delete(articleAuthors).where(eq(articleAuthors.articleId, id)).run()
      if (fields.authorIds.length > 0) tx.insert(articleAuthors).values(fields.authorIds.map((authorId, position) => ({ articleId: id, authorId, position }))).run()
    }
    if (fields.categoryIds !== undefined) {
      tx.delete(articleCategories).where(eq(articleCategories.articleId, id)).run()
      if (fields.categoryIds.length > 0) {
        tx.insert(articleCategories).values(fields.categoryIds.map((categoryId, position) => ({ articleId: id, categoryId, isPrimary: position === 0, position }))).run()
      }
    }
    if (fields.tagIds !== undefined) {
      tx.delete(articleTags).where(eq(articleTags.articleId, id)).run()
      if (fields.tagIds.length > 0) tx.insert(articleTags).values(fields.tagIds.map((tagId, position) => ({ articleId: id, tagId, position }))).run()
    }
    if (fields.attachments !== undefined) deps.attachments.replace(tx, id, fields.attachments)
  }

  function assertSlugFree (editionId: number, slug: string, id: number): void {
    if (slugTaken.get({ editionId, slug, id }) !== undefined) {
      throw new ConflictError(`The slug "${slug}" is already used by another article in edition ${editions.findById(editionId).code}.`)
    }
  }

  const freeSlug = (editionId: number, title: string, id: number) =>
    uniqueSlug(slugFromTitle(title), (slug) => slugTaken.get({ editionId, slug, id }) !== undefined)

  const bylines = db.select({ n: count() }).from(articleAuthors).where(eq(articleAuthors.authorId, sql.placeholder('authorId'))).prepare()
  const featuring = db.select({ id: articles.id }).from(articles).where(eq(articles.featuredMediaId, sql.placeholder('mediaId')))
    .orderBy(asc(articles.id)).limit(sql.placeholder('limit')).prepare()
  const articlesInCategory = db.select({ n: count() }).from(articleCategories).where(eq(articleCategories.categoryId, sql.placeholder('categoryId'))).prepare()
  const taggedArticles = db.select({ id: articleTags.articleId }).from(articleTags).where(eq(articleTags.tagId, sql.placeholder('tagId'))).prepare()
  const core = createContentCore<ArticleRow, ArticleSnapshot>({
    type: 'article', table: articles, byId: rowById, snapshotOf, db, clock, changeLog, revisions, translationGroups, editionCode: (id) => editions.findById(id).code, menuLinks: deps.menuLinks, attachments: deps.attachments
  })
  const { now, inTransaction, withRow, record, write, translationGroupFor } = core

  /** A revision's attachments whose media still exist (a deleted one cannot come back). */
  function restorableAttachments (links: AttachmentLink[]): AttachmentInput[] {
    const found = deps.media.findByIds(links.map((l) => l.mediaId))
    return links.filter((_, i) => found[i] !== null)
  }

  /** A published article's old slug keeps resolving; the new slug stops being anyone's redirect. */
  function moveSlug (tx: Db, row: ArticleRow, newSlug: string, at: number): void {
    tx.delete(slugRedirects).where(and(eq(slugRedirects.editionId, row.editionId), eq(slugRedirects.oldSlug, newSlug))).run()
    if (row.visibleFrom !== null && row.visibleFrom <= at) {
      tx.insert(slugRedirects).values({ editionId: row.editionId, oldSlug: row.slug, articleId: row.id, createdAt: at })
        .onConflictDoUpdate({ target: [slugRedirects.editionId, slugRedirects.oldSlug], set: { articleId: row.id, createdAt: at } }).run()
    }
  }

  // the importer's write path (importCreate): statements prepared once, no drizzle query building per row
  const client = db.$client
  const importInsert = client.prepare(`insert into articles (edition_id, slug, title, excerpt, status, published_at, featured, featured_media_id,
      source_name, source_url, source_published_at, source_author, source_title, translation_group, word_count, reading_time_minutes,
      created_at, updated_at, body, version, created_by_key_id, comment_status)
    values (@editionId, @slug, @title, @excerpt, @status, @publishedAt, @featured, @featuredMediaId, @sourceName, @sourceUrl, @sourcePublishedAt,
      @sourceAuthor, @sourceTitle, @translationGroup, @wordCount, @readingTimeMinutes, @at, @at, @body, 1, @keyId, @commentStatus)`)
  const importFreeOldSlug = client.prepare('delete from slug_redirects where edition_id = ? and old_slug = ?')
  const importAuthorLink = client.prepare('insert into article_authors (article_id, author_id, position) values (?, ?, ?)')
  const importCategoryLink = client.prepare('insert into article_categories (article_id, category_id, is_primary, position) values (?, ?, ?, ?)')
  const importTagLink = client.prepare('insert into article_tags (article_id, tag_id, position) values (?, ?, ?)')
  const importAtomically = client.transaction((fn: () => unknown) => fn())

  return {
    create (input: ArticleCreateInput, { actor }: WriteOptions): ArticleRow {
      const principal = authorize(actor, 'article:create')
      const edition = editions.resolveFilter(input.edition, 'body.edition')
      checkReferences(input, edition.id)
      const at = now()
      return inTransaction((tx) => {
        let slug = input.slug
        if (slug === undefined) slug = freeSlug(edition.id, input.title, 0)
        else assertSlugFree(edition.id, slug, 0)
        const inserted = tx.insert(articles).values({
          ...columnsOf(input),
          editionId: edition.id,
          slug,
          title: input.title,
          status: 'draft',
          createdByKeyId: principal.keyId,
          version: 1,
          createdAt: at,
          updatedAt: at
        }).returning().get()
        tx.delete(slugRedirects).where(and(eq(slugRedirects.editionId, edition.id), eq(slugRedirects.oldSlug, slug))).run()
        replaceLinks(tx, inserted.id, input)
        let row = inserted
        if (input.translationOf !== undefined && input.translationOf !== null) {
          const group = translationGroupFor(tx, inserted, input.translationOf, principal, at)
          row = tx.update(articles).set({ translationGroup: group }).where(eq(articles.id, inserted.id)).returning().get()!
        }
        return record(row, 'created', principal, at, (after) => ({ edition: after.edition, slug: after.slug, title: after.title }))
      })
    },

    /**
     * An imported article, created in its final workflow state in one step: one row, its links, one
     * revision and one `created` change (so sync clients and webhooks see it once, as published or
     * scheduled when it is). For the importer only: its references come from rows it made itself
     * (the foreign keys still check them), so the per-reference reads of `create` are skipped.
     */
    importCreate (input: ArticleCreateInput & { authorIds: number[], categoryIds: number[], tagIds: number[] }, workflow: { actor: Principal | null, publishedAt: number | null, startsTranslationGroup?: boolean }): number {
      const principal = authorize(workflow.actor, 'article:create')
      if (workflow.publishedAt !== null) authorize(principal, 'article:publish')
      const edition = editions.resolveFilter(input.edition, 'body.edition')
      unique(input.authorIds, 'authorIds')
      unique(input.categoryIds, 'categoryIds')
      unique(input.tagIds, 'tagIds')
      const at = now()
      const slug = input.slug ?? freeSlug(edition.id, input.title, 0)
      assertSlugFree(edition.id, slug, 0)
      const columns = columnsOf(input)
      const status = workflow.publishedAt === null ? 'draft' : workflow.publishedAt > at ? 'scheduled' : 'published'
      return importAtomically(() => {
        // the first of a group the importer knows will have members opens it, so they join without rewriting it
        const translationGroup = input.translationOf != null
          ? translationGroupFor(db, { id: 0, editionId: edition.id }, input.translationOf, principal, at)
          : workflow.startsTranslationGroup === true ? translationGroups.next.get()?.n ?? 1 : null
        const id = Number(importInsert.run({
          editionId: edition.id,
          slug,
          title: input.title,
          excerpt: columns.excerpt ?? null,
          status,
          publishedAt: workflow.publishedAt,
          featured: columns.featured === true ? 1 : 0,
          featuredMediaId: columns.featuredMediaId ?? null,
          sourceName: columns.sourceName ?? null,
          sourceUrl: columns.sourceUrl ?? null,
          sourcePublishedAt: columns.sourcePublishedAt ?? null,
          sourceAuthor: columns.sourceAuthor ?? null,
          sourceTitle: columns.sourceTitle ?? null,
          translationGroup,
          wordCount: columns.wordCount ?? 0,
          readingTimeMinutes: columns.readingTimeMinutes ?? 0,
          at,
          body: columns.body ?? '',
          keyId: principal.keyId,
          commentStatus: columns.commentStatus ?? null
        }).lastInsertRowid)
        importFreeOldSlug.run(edition.id, slug)
        input.authorIds.forEach((authorId, position) => importAuthorLink.run(id, authorId, position))
        input.categoryIds.forEach((categoryId, position) => importCategoryLink.run(id, categoryId, position === 0 ? 1 : 0, position))
        input.tagIds.forEach((tagId, position) => importTagLink.run(id, tagId, position))
        const snapshot: ArticleSnapshot = {
          edition: edition.code,
          slug,
          title: input.title,
          excerpt: columns.excerpt ?? null,
          body: columns.body ?? '',
          status,
          publishedAt: toIsoOrNull(workflow.publishedAt),
          featured: columns.featured === true,
          featuredMediaId: columns.featuredMediaId ?? null,
          seo: { title: null, description: null },
          source: sourceOf({ sourceName: columns.sourceName ?? null, sourceUrl: columns.sourceUrl ?? null, sourcePublishedAt: columns.sourcePublishedAt ?? null, sourceAuthor: columns.sourceAuthor ?? null, sourceTitle: columns.sourceTitle ?? null }),
          authorIds: input.authorIds,
          categoryIds: input.categoryIds,
          tagIds: input.tagIds,
          translationGroup
        }
        revisions.record({ entityType: 'article', entityId: id, version: 1, action: 'created', snapshot, keyId: principal.keyId, at })
        changeLog.record({ entityType: 'article', entityId: id, action: 'created', at, keyId: principal.keyId, summary: { edition: edition.code, slug, title: input.title } })
        return id
      }) as number
    },

    update (id: number, fields: ArticleFields, options: WriteOptions): ArticleRow {
      return withRow(id, 'article:update', options, (tx, row, principal, at) => {
        checkReferences(fields, row.editionId)
        const before = snapshotOf(row)
        const columns = columnsOf(fields)
        const status = settledStatus(row, at)
        if (status !== row.status) columns.status = status
        if (fields.slug !== undefined && fields.slug !== row.slug) {
          assertSlugFree(row.editionId, fields.slug, row.id)
          columns.slug = fields.slug
          moveSlug(tx, row, fields.slug, at)
        }
        if (fields.translationOf !== undefined) columns.translationGroup = translationGroupFor(tx, row, fields.translationOf, principal, at)
        replaceLinks(tx, row.id, fields)
        return write(tx, row, columns, 'updated', principal, at, undefined, before)
      })
    },

    /** Articles with the author on their byline, any status (an author is deleted only when on none). */
    countByAuthor (authorId: number): number {
      return bylines.get({ authorId })?.n ?? 0
    },

    /** Articles featuring the media item, any status (media refuses to delete it while any does). */
    referencesToMedia (mediaId: number, limit: number): number[] {
      return featuring.all({ mediaId, limit }).map((row) => row.id)
    },

    /** Articles with the media item among their attachments, any status (the same refusal). */
    attachingMedia: deps.attachments.ownersOf,

    /** Articles filed under a category, any status (a category is deleted only when it has none). */
    countByCategory (categoryId: number): number {
      return articlesInCategory.get({ categoryId })?.n ?? 0
    },

    /**
     * A deleted tag leaves its articles (tags module, inside the tag's delete): each article gets
     * a new version and an `updated` change, so sync clients and webhooks learn its tags changed.
     */
    detachTag (tx: Db, tagId: number, { actor, at }: WriteContext): number[] {
      const articleIds = taggedArticles.all({ tagId }).map((r) => r.id)
      if (articleIds.length === 0) return []
      tx.delete(articleTags).where(eq(articleTags.tagId, tagId)).run()
      tx.update(articles).set({ version: sql`${articles.version} + 1`, updatedAt: at }).where(inArray(articles.id, articleIds)).run()
      for (const id of articleIds) {
        changeLog.record({ entityType: 'article', entityId: id, action: 'updated', at, keyId: actor.keyId, summary: { tags: { removed: tagId } } })
      }
      return articleIds
    },

    transition: core.transition,
    remove: core.remove,
    listRevisions: core.listRevisions,
    getRevision: core.getRevision,

    /**
     * Brings back a revision's content — title, excerpt, body, SEO, source, featured flag and media,
     * authors, categories, tags and attachments — as a new revision. Status, publishedAt, slug and translation
     * group stay as they are: restoring is an edit, not a workflow step or a move.
     */
    restoreRevision (id: number, number: number, options: WriteOptions): ArticleRow {
      return withRow(id, 'article:update', options, (tx, row, principal, at) => {
        const { snapshot } = revisions.get<ArticleSnapshot>('article', id, number)
        // things referenced then may be gone now: keep only what still exists and fits the edition
        const keep = <T extends { id: number } | null>(ids: number[], found: T[], fits: (ref: NonNullable<T>) => boolean) =>
          ids.filter((_, i) => found[i] !== null && fits(found[i] as NonNullable<T>))
        const edition = editions.findById(row.editionId).code
        const fields: ArticleFields = {
          title: snapshot.title,
          excerpt: snapshot.excerpt,
          body: snapshot.body,
          featured: snapshot.featured,
          featuredMediaId: snapshot.featuredMediaId !== null && deps.media.findByIds([snapshot.featuredMediaId])[0] !== null ? snapshot.featuredMediaId : null,
          seo: snapshot.seo,
          source: snapshot.source,
          authorIds: keep(snapshot.authorIds, deps.authors.findRefsByIds(snapshot.authorIds), () => true),
          categoryIds: keep(snapshot.categoryIds, deps.categories.findRefsByIds(snapshot.categoryIds), (c) => c.edition === edition),
          tagIds: keep(snapshot.tagIds, deps.tags.findRefsByIds(snapshot.tagIds), (t) => t.edition === edition),
          ...(snapshot.attachments !== undefined ? { attachments: restorableAttachments(snapshot.attachments) } : {})
        }
        const columns = columnsOf(fields)
        const status = settledStatus(row, at)
        if (status !== row.status) columns.status = status
        replaceLinks(tx, row.id, fields)
        return write(tx, row, columns, 'updated', principal, at, { restoredFrom: number })
      })
    }
  }
}

export type ArticleCommands = ReturnType<typeof createArticleCommands>
