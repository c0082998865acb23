import { and, eq, ne, sql } from 'drizzle-orm'
import { authorize } from '../../auth/permissions.js'
import type { Principal } from '../../auth/principal.js'
import type { Db } from '../../db/connection.js'
import { pages } from '../../db/schema.js'
import type { AttachmentInput, AttachmentLink, AttachmentStore } from '../../editorial/attachments.js'
import type { ChangeLog } from '../../editorial/changes.js'
import { createContentCore } from '../../editorial/content-commands.js'
import type { ExpectedVersion } from '../../editorial/entity-commands.js'
import type { LinkRemoval } from '../../editorial/link-removal.js'
import type { RevisionStore } from '../../editorial/revisions.js'
import type { RichTextSanitizer } from '../../editorial/sanitize.js'
import { slugFromTitle, uniqueSlug } from '../../editorial/slugs.js'
import { settledStatus } from '../../editorial/workflow.js'
import { ConflictError } from '../../errors.js'
import { toIsoOrNull, type Clock } from '../../time.js'
import type { EditionService } from '../editions/index.js'

/** What a client may set on a page; ids, timestamps, the owning key and the workflow state are the server's. */
export interface PageFields {
  title?: string
  slug?: string
  body?: string
  seo?: { title?: string | null, description?: string | null }
  /** Join the translation group of this page (another edition); null leaves the group. */
  translationOf?: number | null
  /** Files in order; replaced whole. */
  attachments?: AttachmentInput[]
}
export interface PageCreateInput extends PageFields { edition: string, title: string }

export interface PageWriteOptions {
  actor: Principal | null
  expectedVersion?: ExpectedVersion
}

export interface PageSnapshot {
  edition: string
  slug: string
  title: string
  body: string
  status: string
  publishedAt: string | null
  seo: { title: string | null, description: string | null }
  /** Absent from revisions stored before attachments existed. */
  attachments?: AttachmentLink[]
  translationGroup: number | null
}

type PageRow = typeof pages.$inferSelect
type Columns = Partial<typeof pages.$inferInsert>

/**
 * Writes to pages, with the articles' rules (see articles/commands.ts): one transaction per
 * command with permission, version check, revision and change.
 */
export interface PageCommandDeps {
  db: Db
  clock: Clock
  editions: EditionService
  sanitize: RichTextSanitizer
  changeLog: ChangeLog
  revisions: RevisionStore
  menuLinks: LinkRemoval
  attachments: AttachmentStore
  /** Whether media items exist, answered in key order (the media service's findByIds). */
  media: { findByIds: (ids: readonly number[]) => ReadonlyArray<unknown> }
}

export function createPageCommands (deps: PageCommandDeps) {
  const { db, clock, editions, changeLog, revisions, menuLinks } = deps
  const rowById = db.select().from(pages).where(eq(pages.id, sql.placeholder('id'))).prepare()
  const slugTaken = db.select({ id: pages.id }).from(pages)
    .where(and(eq(pages.editionId, sql.placeholder('editionId')), eq(pages.slug, sql.placeholder('slug')), ne(pages.id, sql.placeholder('id')))).prepare()
  const translationGroups = {
    memberInEdition: db.select({ id: pages.id }).from(pages)
      .where(and(eq(pages.translationGroup, sql.placeholder('group')), eq(pages.editionId, sql.placeholder('editionId')), ne(pages.id, sql.placeholder('id')))).prepare(),
    next: db.select({ n: sql<number>`coalesce(max(${pages.translationGroup}), 0) + 1` }).from(pages).prepare()
  }

  const snapshotOf = (row: PageRow): PageSnapshot => ({
    edition: editions.findById(row.editionId).code,
    slug: row.slug,
    title: row.title,
    body: row.body,
    status: row.status,
    publishedAt: toIsoOrNull(row.publishedAt),
    seo: { title: row.seoTitle, description: row.seoDescription },
    attachments: deps.attachments.linksOf([row.id])[0] ?? [],
    translationGroup: row.translationGroup
  })

  const core = createContentCore<PageRow, PageSnapshot>({
    type: 'page', table: pages, byId: rowById, snapshotOf, db, clock, changeLog, revisions, translationGroups, editionCode: (id) => editions.findById(id).code, menuLinks, attachments: deps.attachments
  })
  const { now, inTransaction, withRow, record, write, translationGroupFor } = core

  function columnsOf (fields: PageFields): Columns {
    const columns: Columns = {}
    if (fields.title !== undefined) columns.title = fields.title
    if (fields.body !== undefined) columns.body = deps.sanitize(fields.body)
    if (fields.seo?.title !== undefined) columns.seoTitle = fields.seo.title
    if (fields.seo?.description !== undefined) columns.seoDescription = fields.seo.description
    return columns
  }

  const checkAttachments = (fields: PageFields): void => {
    if (fields.attachments !== undefined) deps.attachments.check(fields.attachments, (ids) => deps.media.findByIds(ids))
  }
  const replaceAttachments = (tx: Db, id: number, fields: PageFields): void => {
    if (fields.attachments !== undefined) deps.attachments.replace(tx, id, fields.attachments)
  }

  function assertSlugFree (editionId: number, slug: string, id: number): void {
    if (slugTaken.get({ editionId, slug, id }) !== undefined) {
      throw new ConflictError(`The slug "${slug}" is already used by another page in edition ${editions.findById(editionId).code}.`)
    }
  }

  return {
    create (input: PageCreateInput, { actor }: PageWriteOptions): PageRow {
      const principal = authorize(actor, 'page:create')
      const edition = editions.resolveFilter(input.edition, 'body.edition')
      checkAttachments(input)
      const at = now()
      return inTransaction((tx) => {
        let slug = input.slug
        if (slug === undefined) slug = uniqueSlug(slugFromTitle(input.title), (s) => slugTaken.get({ editionId: edition.id, slug: s, id: 0 }) !== undefined)
        else assertSlugFree(edition.id, slug, 0)
        let row = tx.insert(pages).values({
          ...columnsOf(input), editionId: edition.id, slug, title: input.title, status: 'draft', createdByKeyId: principal.keyId, version: 1, createdAt: at, updatedAt: at
        }).returning().get()
        replaceAttachments(tx, row.id, input)
        if (input.translationOf !== undefined && input.translationOf !== null) {
          const group = translationGroupFor(tx, row, input.translationOf, principal, at)
          row = tx.update(pages).set({ translationGroup: group }).where(eq(pages.id, row.id)).returning().get()!
        }
        return record(row, 'created', principal, at, (after) => ({ edition: after.edition, slug: after.slug, title: after.title }))
      })
    },

    update (id: number, fields: PageFields, options: PageWriteOptions): PageRow {
      return withRow(id, 'page:update', options, (tx, row, principal, at) => {
        checkAttachments(fields)
        const before = snapshotOf(row)
        const columns = columnsOf(fields)
        const status = settledStatus(row, at)
        if (status !== row.status) columns.status = status
        if (fields.slug !== undefined && fields.slug !== row.slug) {
          assertSlugFree(row.editionId, fields.slug, row.id)
          columns.slug = fields.slug
        }
        if (fields.translationOf !== undefined) columns.translationGroup = translationGroupFor(tx, row, fields.translationOf, principal, at)
        replaceAttachments(tx, row.id, fields)
        return write(tx, row, columns, 'updated', principal, at, undefined, before)
      })
    },

    transition: core.transition,
    remove: core.remove,
    listRevisions: core.listRevisions,
    getRevision: core.getRevision,

    /** Pages with the media item among their attachments, any status (media refuses to delete it while any does). */
    attachingMedia: deps.attachments.ownersOf,

    /** Brings back a revision's title, body, SEO and attachments (those whose media still exist) as a new revision; status, slug and translations stay. */
    restoreRevision (id: number, number: number, options: PageWriteOptions): PageRow {
      return withRow(id, 'page:update', options, (tx, row, principal, at) => {
        const { snapshot } = revisions.get<PageSnapshot>('page', id, number)
        const columns = columnsOf({ title: snapshot.title, body: snapshot.body, seo: snapshot.seo })
        if (snapshot.attachments !== undefined) {
          const found = deps.media.findByIds(snapshot.attachments.map((a) => a.mediaId))
          replaceAttachments(tx, row.id, { attachments: snapshot.attachments.filter((_, i) => found[i] !== null && found[i] !== undefined) })
        }
        const status = settledStatus(row, at)
        if (status !== row.status) columns.status = status
        return write(tx, row, columns, 'updated', principal, at, { restoredFrom: number })
      })
    }
  }
}

export type PageCommands = ReturnType<typeof createPageCommands>
