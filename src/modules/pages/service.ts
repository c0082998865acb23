import { and, asc, count, eq, lte, sql, type SQL } from 'drizzle-orm'
import type { Visibility } from '../../auth/permissions.js'
import type { Db } from '../../db/connection.js'
import { pages } from '../../db/schema.js'
import type { ChangeLog } from '../../editorial/changes.js'
import type { LinkRemoval } from '../../editorial/link-removal.js'
import type { RevisionStore } from '../../editorial/revisions.js'
import type { RichTextSanitizer } from '../../editorial/sanitize.js'
import { effectiveStatus } from '../../editorial/workflow.js'
import { NotFoundError } from '../../errors.js'
import type { CursorCodec } from '../../pagination/cursor.js'
import { assemblePage, directionOf, keysetAfter, keysetParams, type KeysetDirection } from '../../pagination/keyset.js'
import type { Page as ResultPage } from '../../pagination/page.js'
import { containsText, numberedOrderBy, selectionConditions, type NumberedPage, type NumberedWindow } from '../../pagination/numbered.js'
import { toIso, type Clock } from '../../time.js'
import type { EditionService } from '../editions/index.js'
import { createPageCommands } from './commands.js'
import type { Page, PageRef, PageTranslation } from './schemas.js'
import type { Media } from '../media/index.js'
import type { FrontendUrls } from '../../frontend-urls.js'
import { DEFAULT_LIMIT } from '../../pagination/limits.js'
import { editionContentCounter } from '../../editorial/edition-content.js'
import { createAttachmentStore, type AttachmentLink } from '../../editorial/attachments.js'
import { attachmentsOut, type MediaService } from '../media/index.js'

export interface PageListOptions {
  edition?: string
  limit?: number
  cursor?: string
}

/** A numbered page of public pages (the WordPress-compatible API): by edition, ids, slugs, title search. */
export interface PageNumberedOptions extends NumberedWindow<'id' | 'date' | 'modified' | 'title' | 'slug' | 'include'> {
  edition?: string
  search?: string
}

export interface PageServiceDeps {
  db: Db
  clock: Clock
  codec: CursorCodec
  editions: EditionService
  urls: Pick<FrontendUrls, 'page'>
  // the write side's collaborators, one set shared by every module (createServices)
  sanitize: RichTextSanitizer
  changeLog: ChangeLog
  revisions: RevisionStore
  menuLinks: LinkRemoval
  media: Pick<MediaService, 'findByIds'>
}

type PageRow = typeof pages.$inferSelect

/**
 * The articles' visibility rule applied to pages: published or scheduled, and due. `visible_from`
 * is null for drafts and archived pages, so they never pass; callers bind `now` (epoch ms from
 * the injected clock).
 */
const publiclyVisible: SQL = lte(pages.visibleFrom, sql.placeholder('now'))
const inEdition = eq(pages.editionId, sql.placeholder('editionId'))
const inIds = sql`${pages.id} in (select value from json_each(${sql.placeholder('ids')}))`
const json = (ids: readonly number[]) => JSON.stringify([...new Set(ids)])

/** `embed`: attachments carry their media objects (a single page by default, lists when asked). */
export interface PageView { embed?: boolean }

export function createPageService ({ db, clock, codec, editions, urls, media, ...writeDeps }: PageServiceDeps) {
  const attachments = createAttachmentStore(db, 'page')
  const byId = db.select().from(pages).where(and(eq(pages.id, sql.placeholder('id')), publiclyVisible)).prepare()
  const bySlug = db.select().from(pages)
    .where(and(inEdition, eq(pages.slug, sql.placeholder('slug')), publiclyVisible)).prepare()
  const byIds = db.select().from(pages).where(and(inIds, publiclyVisible)).prepare()
  const refsByIds = db.select({ id: pages.id, editionId: pages.editionId, slug: pages.slug, title: pages.title })
    .from(pages).where(and(inIds, publiclyVisible)).prepare()
  const translationsOf = db.select({
    id: pages.id, editionId: pages.editionId, slug: pages.slug, title: pages.title, translationGroup: pages.translationGroup
  }).from(pages)
    .where(and(sql`${pages.translationGroup} in (select value from json_each(${sql.placeholder('groups')}))`, publiclyVisible))
    .orderBy(asc(pages.editionId), asc(pages.id)).prepare()

  // Id order (pages are few and have no natural order). One statement per filter shape and
  // direction, so the edition-scoped one can use pages_edition_visible_idx.
  const listOrder = { id: pages.id, descending: false }
  const prepareList = (scoped: boolean, direction: KeysetDirection) => {
    const keyset = keysetAfter(listOrder, direction)
    return db.select().from(pages).where(and(scoped ? inEdition : undefined, publiclyVisible, keyset.where)).orderBy(...keyset.orderBy).limit(sql.placeholder('limit')).prepare()
  }
  const listIn = (scoped: boolean) => ({ first: prepareList(scoped, 'first'), after: prepareList(scoped, 'after'), before: prepareList(scoped, 'before') })
  const listStatements = { anywhere: listIn(false), inEdition: listIn(true) }
  const totals = {
    anywhere: db.select({ n: count() }).from(pages).where(publiclyVisible).prepare(),
    inEdition: db.select({ n: count() }).from(pages).where(and(inEdition, publiclyVisible)).prepare()
  }

  // editorial reads: any status, any translation
  const editorialById = db.select().from(pages).where(eq(pages.id, sql.placeholder('id'))).prepare()
  const editorialBySlug = db.select().from(pages).where(and(inEdition, eq(pages.slug, sql.placeholder('slug')))).prepare()
  const editorialByIds = db.select().from(pages).where(inIds).prepare()
  const allTranslationsOf = db.select({
    id: pages.id, editionId: pages.editionId, slug: pages.slug, title: pages.title, translationGroup: pages.translationGroup
  }).from(pages).where(sql`${pages.translationGroup} in (select value from json_each(${sql.placeholder('groups')}))`)
    .orderBy(asc(pages.editionId), asc(pages.id)).prepare()
  const prepareEditorialList = (scoped: boolean, direction: KeysetDirection) => {
    const keyset = keysetAfter(listOrder, direction)
    return db.select().from(pages).where(and(scoped ? inEdition : undefined, keyset.where)).orderBy(...keyset.orderBy).limit(sql.placeholder('limit')).prepare()
  }
  const editorialListIn = (scoped: boolean) => ({ first: prepareEditorialList(scoped, 'first'), after: prepareEditorialList(scoped, 'after'), before: prepareEditorialList(scoped, 'before') })
  const editorialLists = { anywhere: editorialListIn(false), inEdition: editorialListIn(true) }
  const editorialTotals = {
    anywhere: db.select({ n: count() }).from(pages).prepare(),
    inEdition: db.select({ n: count() }).from(pages).where(inEdition).prepare()
  }

  const commands = createPageCommands({ db, clock, editions, media, attachments, ...writeDeps })

  const now = () => clock().getTime()

  function toPage (row: PageRow, translations: PageTranslation[], links: AttachmentLink[], mediaById: ReadonlyMap<number, Media> | null, editorial = false): Page {
    const edition = editions.findById(row.editionId)
    const state = editorial ? { status: effectiveStatus(row.status, row.publishedAt, now()), version: row.version } : {}
    return {
      ...state,
      id: row.id,
      edition: edition.code,
      direction: edition.direction,
      slug: row.slug,
      title: row.title,
      url: urls.page(edition.code, row.slug),
      body: row.body,
      // visible rows are published or scheduled, which pages_published_at_check makes carry a publishedAt
      publishedAt: toIso(row.publishedAt ?? row.createdAt),
      createdAt: toIso(row.createdAt),
      updatedAt: toIso(row.updatedAt),
      seo: { title: row.seoTitle, description: row.seoDescription },
      translations,
      attachments: attachmentsOut(links, mediaById, edition.code)
    }
  }

  /**
   * Visible translations of every row in one statement, each row's own entry left out; their
   * attachments in another (and their media in a third when embedded).
   */
  function withTranslations (rows: PageRow[], at: number, visibility: Visibility = 'public', { embed = false }: PageView = {}): Page[] {
    const editorial = visibility === 'editorial'
    const groups = rows.map((row) => row.translationGroup).filter((group): group is number => group !== null)
    const byGroup = new Map<number, PageTranslation[]>()
    if (groups.length > 0) {
      for (const t of editorial ? allTranslationsOf.all({ groups: json(groups) }) : translationsOf.all({ groups: json(groups), now: at })) {
        const group = t.translationGroup as number
        let list = byGroup.get(group)
        if (list === undefined) byGroup.set(group, list = [])
        const code = editions.findById(t.editionId).code
        list.push({ id: t.id, edition: code, slug: t.slug, title: t.title, url: urls.page(code, t.slug) })
      }
    }
    const links = attachments.linksOf(rows.map((row) => row.id))
    const mediaById = embed ? new Map(media.findByIds(links.flat().map((l) => l.mediaId)).flatMap((m) => m === null ? [] : [[m.id, m] as const])) : null
    return rows.map((row, i) => toPage(row, row.translationGroup === null
      ? []
      : (byGroup.get(row.translationGroup) ?? []).filter((t) => t.id !== row.id), links[i] ?? [], mediaById, editorial))
  }

  function findRow (id: number, at: number, visibility: Visibility): PageRow {
    const row = visibility === 'editorial' ? editorialById.get({ id }) : byId.get({ id, now: at })
    if (row === undefined) throw new NotFoundError('page', id)
    return row
  }

  return {
    countByEdition: editionContentCounter(db, pages),
    findById (id: number, visibility: Visibility = 'public', view: PageView = { embed: true }): Page {
      const at = now()
      return withTranslations([findRow(id, at, visibility)], at, visibility, view)[0]!
    },

    findBySlug (editionCode: string, slug: string, visibility: Visibility = 'public', view: PageView = { embed: true }): Page {
      const at = now()
      const editionId = editions.findByCode(editionCode).id
      const row = visibility === 'editorial' ? editorialBySlug.get({ editionId, slug }) : bySlug.get({ editionId, slug, now: at })
      if (row === undefined) throw new NotFoundError('page', `${editionCode}/${slug}`)
      return withTranslations([row], at, visibility, view)[0]!
    },

    /** Batch finder for GraphQL loaders: visible pages only (unless editorial), answers in key order. */
    findByIds (ids: readonly number[], visibility: Visibility = 'public'): Array<Page | null> {
      if (ids.length === 0) return []
      const at = now()
      const rows = visibility === 'editorial' ? editorialByIds.all({ ids: json(ids) }) : byIds.all({ ids: json(ids), now: at })
      const found = new Map(withTranslations(rows, at, visibility).map((page) => [page.id, page]))
      return ids.map((id) => found.get(id) ?? null)
    },

    /** Workflow state and version of each page (any status), for GraphQL's `status` and `version`; in key order. */
    statesByIds (ids: readonly number[]): Array<{ status: Page['status'] & string, version: number } | null> {
      if (ids.length === 0) return []
      const at = now()
      const found = new Map(editorialByIds.all({ ids: json(ids) }).map((row) => [row.id, { status: effectiveStatus(row.status, row.publishedAt, at), version: row.version }]))
      return ids.map((id) => found.get(id) ?? null)
    },

    /** Each page's attachments in order (media ids and labels), one statement for the batch. */
    attachmentsByPageIds: attachments.linksOf,

    // writes: see commands.ts
    ...commands,

    /** Batch finder for links (menus): visible pages only, without body or translations, in key order. */
    findRefsByIds (ids: readonly number[]): Array<PageRef | null> {
      if (ids.length === 0) return []
      const found = new Map(refsByIds.all({ ids: json(ids), now: now() }).map((row): [number, PageRef] => [row.id, {
        id: row.id, edition: editions.findById(row.editionId).code, slug: row.slug, title: row.title, url: urls.page(editions.findById(row.editionId).code, row.slug)
      }]))
      return ids.map((id) => found.get(id) ?? null)
    },

    /** Public pages only: drafts and scheduled pages are never in a numbered page. */
    listNumbered (options: PageNumberedOptions): NumberedPage<Page> {
      const edition = options.edition !== undefined ? editions.resolveFilter(options.edition, 'query.lang').id : undefined
      const where = and(
        publiclyVisible,
        edition !== undefined ? eq(pages.editionId, edition) : undefined,
        options.search !== undefined ? containsText(pages.title, options.search) : undefined,
        ...selectionConditions({ id: pages.id, slug: pages.slug }, options)
      )
      const key = options.orderBy === 'include'
        ? 'include'
        : { id: pages.id, date: pages.visibleFrom, modified: pages.updatedAt, title: pages.title, slug: pages.slug }[options.orderBy]
      const at = now()
      const rows = db.select().from(pages).where(where).orderBy(...numberedOrderBy(key, pages.id, options.order, options.ids))
        .limit(options.limit).offset(options.offset).all({ now: at })
      return { items: withTranslations(rows, at), total: db.select({ n: count() }).from(pages).where(where).get({ now: at })?.n ?? 0 }
    },

    list (options: PageListOptions, visibility: Visibility = 'public', view: PageView = {}): ResultPage<Page> {
      const limit = options.limit ?? DEFAULT_LIMIT
      const edition = options.edition !== undefined ? editions.resolveFilter(options.edition) : undefined
      const position = options.cursor !== undefined ? codec.decode(options.cursor, 'id') : null
      const scope = edition === undefined ? 'anywhere' : 'inEdition'
      const at = now()
      const params = { editionId: edition?.id, ...keysetParams(position), limit: limit + 1, now: at }
      const editorial = visibility === 'editorial'
      const rows = (editorial ? editorialLists : listStatements)[scope][directionOf(position)].all(params)
      const total = (editorial ? editorialTotals : totals)[scope].get(params)?.n ?? 0
      const page = assemblePage(rows, { limit, position }, { sort: 'id', sortValue: () => null, codec, total, map: (row) => row })
      return { ...page, items: withTranslations(page.items, at, visibility, view) }
    }
  }
}

export type PageService = ReturnType<typeof createPageService>
