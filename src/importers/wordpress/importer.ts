import { statSync } from 'node:fs'
import { setFlagsFromString } from 'node:v8'
import { pauseForBulkLoad, type Db } from '../../db/connection.js'
import { slugFromTitle } from '../../editorial/slugs.js'
import { slugProblem } from '../../editorial/text-rules.js'
import { DomainError } from '../../errors.js'
import type { ArticleService } from '../../modules/articles/index.js'
import type { AuthorService } from '../../modules/authors/index.js'
import type { CategoryService } from '../../modules/categories/index.js'
import type { CommentService } from '../../modules/comments/index.js'
import type { EditionService } from '../../modules/editions/index.js'
import type { MediaService } from '../../modules/media/index.js'
import type { MenuService } from '../../modules/menus/index.js'
import type { PageService } from '../../modules/pages/index.js'
import { normalizeOldPath, type RedirectService } from '../../modules/redirects/index.js'
import type { TagService } from '../../modules/tags/index.js'
import type { Clock } from '../../time.js'
import { attachmentFile, attachmentHash, storeAttachmentFiles, type StoredAttachments } from './attachment-files.js'
import { convertContent } from './content.js'
import { detached } from './detached.js'
import { contentHash, createMappingStore, type MappingStore } from './mappings.js'
import { languageOf, parsePhpLangMap, scanWxr, translationGroupOf, type EditionSource, type WxrScan } from './scan.js'
import { readWxr } from './wxr-reader.js'
import { WxrFormatError, type WxrComment, type WxrPost, type WxrTerm } from './wxr-types.js'

type Actor = Parameters<ArticleService['create']>[1]['actor']

export interface WordPressImportDeps {
  db: Db
  clock: Clock
  embedHosts: readonly string[]
  /** The importer's identity in the change log (an API key made for the run, revoked at once). */
  actor: NonNullable<Actor>
  editions: EditionService
  categories: CategoryService
  tags: TagService
  authors: AuthorService
  media: MediaService
  articles: ArticleService
  pages: PageService
  menus: MenuService
  comments: CommentService
  redirects: RedirectService
  urls: { page: (edition: string, slug: string) => string, category: (edition: string, slug: string) => string }
}

export interface WordPressImportOptions {
  file: string
  uploads?: string
  /** Everything into this one edition (translations ignored). */
  edition?: string
  editionsFrom?: 'polylang' | 'wpml'
  dryRun?: boolean
  onProgress?: (progress: { phase: string, done: number, total: number }) => void
}

export const importKinds = ['edition', 'author', 'category', 'tag', 'media', 'article', 'page', 'comment', 'menu', 'redirect'] as const
export type ImportKind = typeof importKinds[number]
export interface KindCounts { imported: number, updated: number, unchanged: number, skipped: number, failed: number }
export interface ImportWarning { wpId: string, type: string, title: string, message: string }

export interface ImportReport {
  source: string
  dryRun: boolean
  editionSource: EditionSource | 'single'
  counts: Record<ImportKind, KindCounts>
  warnings: ImportWarning[]
  /** Warnings beyond the ones listed (the list is capped so a huge import keeps a readable report). */
  moreWarnings: number
  missingFiles: string[]
  unknownShortcodes: Record<string, number>
}

const MAX_WARNINGS = 1000
const BATCH_ITEMS = 500
const IMPORT_HEAP_GROWING_PERCENT = 30
/** The REST write schemas' limits (articles/write-schemas.ts): an import obeys what an API client must. */
const MAX_BODY_CHARS = 500_000
const MAX_TITLE_CHARS = 300
const MAX_EXCERPT_CHARS = 2000
/** Languages written right to left; their editions are created rtl. */
const rtlLanguages = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'sd', 'yi', 'dv', 'ckb', 'ug'])

/** WordPress' "YYYY-MM-DD HH:MM:SS" (GMT) → epoch ms; null for the all-zero date drafts carry. */
export function wpDate (value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(value.trim())
  if (m === null || m[1] === '0000') return null
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]))
  return Number.isNaN(ms) ? null : ms
}

/** A WordPress `post_name` (percent-encoded for non-Latin slugs) → a slug Quire accepts, or null. */
export function slugFromPostName (postName: string, title: string): string | null {
  let decoded = postName
  try {
    decoded = decodeURIComponent(postName)
  } catch {
    // keep it as written
  }
  decoded = decoded.normalize('NFC').toLowerCase()
  if (decoded !== '' && slugProblem(decoded) === null) return decoded
  const fromName = slugFromTitle(decoded)
  if (fromName !== '') return fromName
  const fromTitle = slugFromTitle(title)
  return fromTitle === '' ? null : fromTitle
}

const plainText = (html: string): string => html.replace(/<[^>]*>/g, ' ').replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#0?39;/g, "'").replace(/\s+/g, ' ').trim()

const mimeByExtension: Record<string, string> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', svg: 'image/svg+xml', avif: 'image/avif',
  pdf: 'application/pdf', mp4: 'video/mp4', webm: 'video/webm', mov: 'video/quicktime', mp3: 'audio/mpeg', m4a: 'audio/mp4', ogg: 'audio/ogg', wav: 'audio/wav',
  doc: 'application/msword', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', zip: 'application/zip'
}
const kindOfMime = (mime: string): 'image' | 'video' | 'audio' | 'document' =>
  mime.startsWith('image/') ? 'image' : mime.startsWith('video/') ? 'video' : mime.startsWith('audio/') ? 'audio' : 'document'

const statusMap: Record<string, 'draft' | 'publish' | 'future'> = { publish: 'publish', future: 'future', draft: 'draft', pending: 'draft', private: 'draft' }
const commentStatusMap: Record<string, 'approved' | 'pending' | 'spam' | 'trash'> = { 1: 'approved', 0: 'pending', spam: 'spam', trash: 'trash', 'post-trashed': 'trash' }

/**
 * `quire import wordpress`: a WXR export into Quire, through the modules' commands (so the
 * sanitizer, slug rules, search index (once, at the end), change log and webhook outbox all apply). New
 * articles, comments and media take the modules' import commands — prepared statements, an
 * article written once in its final state with one revision and one change — and everything
 * else, updates included, the commands the API uses (docs/wordpress.md, What integrators see).
 *
 * Two reads of the file: the first checks it and indexes what must be known ahead (languages,
 * translation groups, old links, attachments, menu items) and writes nothing, so a broken export
 * leaves the database untouched; the second imports item by item, each item (a post with its
 * comments, redirects and mapping) in its own transaction. Items are matched by WordPress id in
 * import_mappings with a hash of what was read: a re-run skips unchanged items, updates changed
 * ones, and after a kill completes the rest.
 */
export async function importWordPress (deps: WordPressImportDeps, options: WordPressImportOptions): Promise<ImportReport> {
  // An import allocates a post's worth of short-lived strings and objects per item, hundreds of
  // thousands of times: V8's default lets the old generation grow to about four times what is
  // live before collecting (562 MB peak for 100,000 posts). Growing it by a third at a time keeps
  // the peak near what is live for the same CPU (measured: 10,000 posts 390 → 248 MB, CPU equal).
  // The flag is read at every collection, so it applies now and is put back to V8's own (0) after.
  setFlagsFromString(`--heap-growing-percent=${IMPORT_HEAP_GROWING_PERCENT}`)
  try {
    const scan = await scanWxr(options.file, options.edition !== undefined ? 'none' : options.editionsFrom ?? 'auto')
    try {
      return await runImport(deps, options, scan)
    } finally {
      scan.close()
    }
  } finally {
    setFlagsFromString('--heap-growing-percent=0')
  }
}

async function runImport (deps: WordPressImportDeps, options: WordPressImportOptions, scan: WxrScan): Promise<ImportReport> {
  const { db, actor } = deps
  const source = (scan.site.baseSiteUrl || scan.site.link || 'wordpress').replace(/\/+$/, '')
  const report: ImportReport = {
    source,
    dryRun: options.dryRun === true,
    editionSource: options.edition !== undefined ? 'single' : scan.editionSource,
    counts: Object.fromEntries(importKinds.map((k) => [k, { imported: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 }])) as Record<ImportKind, KindCounts>,
    warnings: [],
    moreWarnings: 0,
    missingFiles: [],
    unknownShortcodes: {}
  }
  const warn = (type: string, wpId: string, title: string, message: string) => {
    if (report.warnings.length < MAX_WARNINGS) report.warnings.push({ wpId: detached(wpId), type, title: detached(title), message: detached(message) })
    else report.moreWarnings++
  }
  const mappings = createMappingStore(db, source)
  const now = () => deps.clock().getTime()
  const client = db.$client
  // Items are committed in batches (one fsync per batch, not per item); inside a batch each item
  // is a savepoint, so a batch never holds half an item. A kill loses at most the open batch,
  // which the re-run imports again. A dry run is one transaction, rolled back at the end.
  let inBatch = 0
  const openBatch = () => {
    if (!client.inTransaction) client.exec('BEGIN IMMEDIATE')
  }
  const itemDone = () => {
    if (options.dryRun !== true && ++inBatch >= BATCH_ITEMS) {
      client.exec('COMMIT')
      inBatch = 0
    }
  }
  const item = client.transaction((fn: () => unknown) => fn())
  /** One item, all or nothing: a savepoint in the open batch. */
  const atomically = <T>(fn: () => T): T => {
    openBatch()
    const result = item(fn) as T
    itemDone()
    return result
  }

  /** Runs one item; a domain error (invalid, conflict …) is that item's failure, reported, not the import's. */
  const attempt = (kind: ImportKind, wpId: string, title: string, fn: () => void): void => {
    try {
      atomically(fn)
    } catch (error) {
      if (!(error instanceof DomainError)) throw error
      report.counts[kind].failed++
      warn(kind, wpId, title, error.message)
    }
  }

  // files first, each in its own transaction: storing one is asynchronous (a dry run stores none)
  const stored: StoredAttachments = options.dryRun === true
    ? { ids: new Map(), imported: 0, updated: 0 }
    : await storeAttachmentFiles(deps, scan.attachments, options.uploads, mappings, warn, now)
  report.counts.media.imported += stored.imported
  report.counts.media.updated += stored.updated

  // A batch that a power cut takes back (synchronous=NORMAL keeps WAL commits through a crash of
  // the process, not of the machine) is imported again by the re-run: the import does not need a
  // disk flush per commit, and the setting is restored for the server afterwards.
  const synchronous = client.pragma('synchronous', { simple: true }) as number
  client.pragma('synchronous = NORMAL')
  // Search indexing waits for the end and is done then in large batches (connection.ts,
  // pauseForBulkLoad): the full-text index merges fewer, larger segments than one per batch of
  // items. Imported items become findable when the import ends; after a kill, the queue they
  // left is indexed by the next connection opened on the database.
  const searchPaused = pauseForBulkLoad(db)
  if (options.dryRun === true) client.exec('BEGIN IMMEDIATE')
  try {
    const editionOf = resolveEditions(deps, scan, options, report, mappings, atomically, now)
    const authorIds = importAuthors(deps, scan, report, mappings, attempt, warn, now)
    const categoryIds = importCategories(deps, scan, report, mappings, attempt, editionOf, now)
    const mediaIds = importAttachments(deps, scan, options, report, mappings, attempt, warn, now, stored.ids)
    const tagIdFor = createTagResolver(deps, scan, report, mappings, now)

    // links inside bodies: an old-site URL of an imported post → its new frontend URL (known from the scan)
    const siteHosts = new Set([scan.site.baseSiteUrl, scan.site.link].flatMap((u) => { try { return [new URL(u).host] } catch { return [] } }))
    const newUrlOfPost = (wpId: string): string | null => {
      const entry = scan.posts.get(wpId)
      if (entry === undefined || (entry.postType !== 'post' && entry.postType !== 'page')) return null
      const slug = slugFromPostName(entry.postName, entry.title)
      if (slug === null) return null
      const edition = editionOf(entry.lang)
      return entry.postType === 'page' ? deps.urls.page(edition, slug) : deps.articles.urlFor(edition, slug)
    }
    const rewriteLink = (href: string): string | null | undefined => {
      let url: URL
      try {
        url = new URL(href)
      } catch {
        return undefined
      }
      if (!siteHosts.has(url.host) || url.pathname.startsWith('/wp-content/')) return undefined
      const byId = url.searchParams.get('p') ?? url.searchParams.get('page_id')
      const wpId = byId ?? scan.linkTarget(normalizeOldPath(url.pathname) ?? '')
      if (wpId === undefined) return url.pathname === '/' ? undefined : null
      return newUrlOfPost(wpId)
    }

    let done = 0
    const total = scan.posts.size
    for await (const record of readWxr(options.file)) {
      if (record.type !== 'post' || record.postType === 'attachment' || record.postType === 'nav_menu_item') continue
      done++
      if (done % 250 === 0) options.onProgress?.({ phase: 'posts', done, total })
      importPost(record)
    }
    options.onProgress?.({ phase: 'posts', done, total })
    importMenus(deps, scan, report, mappings, attempt, editionOf, categoryIds, rewriteLink, now)

    function importPost (item: WxrPost): void {
      const kind: ImportKind | null = item.postType === 'post' ? 'article' : item.postType === 'page' ? 'page' : null
      const title = item.title.trim()
      if (kind === null) {
        if (item.postType !== 'revision') warn('post', item.id, title, `post type "${item.postType}" is not imported`)
        return
      }
      const state = statusMap[item.status]
      if (state === undefined) {
        report.counts[kind].skipped++
        if (item.status !== 'trash' && item.status !== 'auto-draft' && item.status !== 'inherit') warn(kind, item.id, title, `status "${item.status}" is not imported`)
        return
      }
      if (item.contentLength > MAX_BODY_CHARS) {
        report.counts[kind].failed++
        warn(kind, item.id, title, `the body is ${(item.contentLength / 1_048_576).toFixed(1)} MB, over the ${MAX_BODY_CHARS.toLocaleString('en')}-character limit of an article body; not imported`)
        return
      }
      const hash = contentHash({ ...item, line: 0 })
      const existing = mappings.find(kind, item.id)
      if (existing !== null && existing.hash === hash && entityExists(kind, existing.entityId)) {
        report.counts[kind].unchanged++
        return
      }
      const edition = editionOf(languageOf(item, scan.editionSource))
      const converted = convertContent(item.content, { embedHosts: deps.embedHosts, rewriteLink })
      for (const [name, n] of Object.entries(converted.unknownShortcodes)) {
        report.unknownShortcodes[name] = (report.unknownShortcodes[name] ?? 0) + n
        warn(kind, item.id, title, `shortcode [${name}] kept as text`)
      }
      for (const link of converted.brokenLinks) warn(kind, item.id, title, `link to ${link} leads to nothing imported (kept as it was)`)
      let safeTitle = title
      if (safeTitle === '') {
        safeTitle = '(no title)'
        warn(kind, item.id, title, 'the post has no title: imported as "(no title)"')
      } else if ([...safeTitle].length > MAX_TITLE_CHARS) {
        safeTitle = [...safeTitle].slice(0, MAX_TITLE_CHARS).join('')
        warn(kind, item.id, title, `the title is longer than ${MAX_TITLE_CHARS} characters: cut`)
      }
      if (state === 'draft' && item.status === 'private') warn(kind, item.id, title, 'private in WordPress: imported as a draft (Quire has no private visibility)')
      const slug = slugFromPostName(item.postName, title) ?? undefined
      const publishedAt = wpDate(item.dateGmt) ?? wpDate(item.date)
      const group = translationGroupOf(item, scan.editionSource)

      attempt(kind, item.id, title, () => {
        const translationOf = group === null || options.edition !== undefined ? null : siblingOf(kind, item.id, group, edition)
        let id: number
        let created: boolean
        if (kind === 'article') {
          const excerpt = plainText(item.excerpt)
          const thumb = item.meta._thumbnail_id
          const featuredMediaId = thumb === undefined ? null : mediaIds.get(thumb) ?? null
          if (thumb !== undefined && featuredMediaId === null) warn(kind, item.id, title, `featured image ${thumb} is not in the export`)
          const authorId = authorIds.get(item.creator)
          if (item.creator !== '' && authorId === undefined) warn(kind, item.id, title, `author "${item.creator}" is not in the export's author list: imported without a byline`)
          const categoryIdsOfItem: number[] = []
          for (const term of item.terms.filter((t) => t.domain === 'category')) {
            const found = categoryIds.inEdition(term.nicename, edition)
            if (found === null) warn(kind, item.id, title, `category "${term.nicename}" is not in the export (or has no ${edition} version): left out`)
            else if (!categoryIdsOfItem.includes(found)) categoryIdsOfItem.push(found)
          }
          const tagIds = [...new Set(item.terms.filter((t) => t.domain === 'post_tag').map((t) => tagIdFor(t.nicename, t.name, edition)))]
          const sourceUrl = item.meta.source_url ?? item.meta._source_url
          const sourceName = item.meta.source_name ?? item.meta._source_name
          const fields = {
            title: safeTitle,
            excerpt: excerpt === '' ? null : [...excerpt].slice(0, MAX_EXCERPT_CHARS).join(''),
            body: converted.html,
            featured: item.sticky,
            featuredMediaId,
            authorIds: authorId === undefined ? [] : [authorId],
            categoryIds: categoryIdsOfItem,
            tagIds,
            commentStatus: item.commentStatus === 'closed' ? 'closed' as const : null,
            source: sourceName !== undefined && sourceName.trim() !== ''
              ? { name: sourceName.trim(), url: sourceUrl !== undefined && /^https?:\/\//.test(sourceUrl) ? sourceUrl : null, publishedAt: null }
              : null
          }
          if (existing !== null && entityExists(kind, existing.entityId)) {
            const row = deps.articles.update(existing.entityId, { ...fields, ...(slug !== undefined ? { slug } : {}) }, { actor })
            id = row.id
            created = false
            if (translationOf !== null && row.translationGroup === null) deps.articles.update(id, { translationOf }, { actor })
          } else {
            // a new article is written in its final state at once: one row, one revision, one change
            const wantsPublic = state !== 'draft' && publishedAt !== null
            id = withFreeSlug(slug, kind, item, (s) => deps.articles.importCreate({ ...fields, edition, ...(s !== undefined ? { slug: s } : {}), ...(translationOf !== null ? { translationOf } : {}) }, { actor, publishedAt: wantsPublic ? publishedAt : null, startsTranslationGroup: translationOf === null && hasTranslations(group, edition) }))
            created = true
          }
          if (!created) settleWorkflow('article', id, state, publishedAt)
          importComments(id, item)
        } else {
          const fields = { title: safeTitle, body: converted.html }
          if (existing !== null && entityExists(kind, existing.entityId)) {
            const row = deps.pages.update(existing.entityId, { ...fields, ...(slug !== undefined ? { slug } : {}) }, { actor })
            id = row.id
            created = false
            if (translationOf !== null && row.translationGroup === null) deps.pages.update(id, { translationOf }, { actor })
          } else {
            id = withFreeSlug(slug, kind, item, (s) => deps.pages.create({ ...fields, edition, ...(s !== undefined ? { slug: s } : {}), ...(translationOf !== null ? { translationOf } : {}) }, { actor }).id)
            created = true
          }
          settleWorkflow('page', id, state, publishedAt)
        }
        const oldPaths = [item.link, `/?${kind === 'page' ? 'page_id' : 'p'}=${item.id}`, item.guid]
        if (item.postName !== '') oldPaths.push(`/${item.postName}/`)
        report.counts.redirect.imported += deps.redirects.record(oldPaths.filter((p) => p !== '' && !/^https?:\/\/[^/]+\/?$/.test(p)), { type: kind, id }, source)
        mappings.save(kind, item.id, { type: kind, id }, hash, now(), item.guid || null)
        report.counts[kind][created ? 'imported' : 'updated']++
      })
    }

    /** A slug another post of the edition already holds (two WordPress posts, one slug) gets -2, -3 …, with a warning. */
    function withFreeSlug (slug: string | undefined, kind: ImportKind, item: WxrPost, create: (slug: string | undefined) => number): number {
      if (slug === undefined) return create(undefined)
      for (let n = 1; ; n++) {
        const candidate = n === 1 ? slug : `${[...slug].slice(0, 190).join('')}-${n}`
        try {
          const id = create(candidate)
          if (n > 1) warn(kind, item.id, item.title, `duplicate slug "${slug}" in its edition: imported as "${candidate}"`)
          return id
        } catch (error) {
          if (!(error instanceof DomainError) || !/slug/.test(error.message) || n > 50) throw error
        }
      }
    }

    function entityExists (kind: ImportKind, id: number): boolean {
      if (kind === 'article') return deps.articles.statesByIds([id])[0] !== null
      if (kind === 'page') return deps.pages.statesByIds([id])[0] !== null
      return true
    }

    /** Whether the translation group has a member in another edition in the export (so the group will be more than this item). */
    function hasTranslations (group: string | null, edition: string): boolean {
      if (group === null || options.edition !== undefined) return false
      return scan.groupMembers(group).some((wpId) => editionOf(scan.posts.get(wpId)!.lang) !== edition)
    }

    /** The Quire id of an already imported member of the translation group in another edition, or null. */
    function siblingOf (kind: ImportKind, selfWpId: string, group: string, edition: string): number | null {
      for (const wpId of scan.groupMembers(group)) {
        const entry = scan.posts.get(wpId)!
        if (wpId === selfWpId || editionOf(entry.lang) === edition) continue
        const mapped = mappings.find(kind, wpId)
        if (mapped !== null && entityExists(kind, mapped.entityId)) return mapped.entityId
      }
      return null
    }

    /** Brings the workflow to WordPress' state: publish (past date), schedule (future), or draft. */
    function settleWorkflow (type: 'article' | 'page', id: number, state: 'draft' | 'publish' | 'future', publishedAt: number | null): void {
      const service = type === 'article' ? deps.articles : deps.pages
      const current = service.statesByIds([id])[0]!
      const wantsPublic = state !== 'draft' && publishedAt !== null
      const isPublic = current.status === 'published' || current.status === 'scheduled'
      if (isPublic && (!wantsPublic || currentPublishedAt(type, id) !== publishedAt)) service.transition(id, 'unpublish', { actor })
      if (wantsPublic && (!isPublic || currentPublishedAt(type, id) !== publishedAt)) service.transition(id, 'publish', { actor, publishedAt: new Date(publishedAt).toISOString() })
    }

    function currentPublishedAt (type: 'article' | 'page', id: number): number | null {
      const record = type === 'article' ? deps.articles.findRecordById(id, 'editorial') : deps.pages.findByIds([id], 'editorial')[0]
      const value = (record as { publishedAt?: number | string | null } | null | undefined)?.publishedAt ?? null
      return typeof value === 'string' ? Date.parse(value) : value
    }

    function importComments (articleId: number, item: WxrPost): void {
      const ordered = [...item.comments].sort((a, b) => Number(a.id) - Number(b.id))
      for (const comment of ordered) importComment(articleId, item, comment)
    }

    function importComment (articleId: number, item: WxrPost, comment: WxrComment): void {
      if (comment.type === 'pingback' || comment.type === 'trackback') {
        report.counts.comment.skipped++
        return
      }
      const status = commentStatusMap[comment.approved]
      const body = plainText(comment.content.replace(/<br\s*\/?>|<\/p>/gi, '\n'))
      if (status === undefined || body === '') {
        report.counts.comment.skipped++
        return
      }
      const hash = contentHash(comment)
      const existing = mappings.find('comment', comment.id)
      if (existing !== null && existing.hash === hash) {
        report.counts.comment.unchanged++
        return
      }
      let authorName = comment.author.trim().slice(0, 100)
      if (authorName === '') {
        authorName = 'Anonymous'
        warn('comment', comment.id, item.title, 'comment without an author name: shown as "Anonymous"')
      }
      if (existing !== null) {
        deps.comments.moderate(existing.entityId, { status, body }, { actor })
        mappings.save('comment', comment.id, { type: 'comment', id: existing.entityId }, hash, now())
        report.counts.comment.updated++
        return
      }
      const parentWp = comment.parentId !== '' && comment.parentId !== '0' ? mappings.find('comment', comment.parentId) : null
      const row = deps.comments.importComment({
        articleId,
        parentId: parentWp?.entityId ?? null,
        status,
        authorName,
        authorEmail: /^[^\s@]+@[^\s@]+$/.test(comment.authorEmail) ? comment.authorEmail : null,
        authorUrl: /^https?:\/\//.test(comment.authorUrl) ? comment.authorUrl : null,
        body,
        createdAt: wpDate(comment.dateGmt) ?? wpDate(comment.date) ?? now()
      })
      mappings.save('comment', comment.id, { type: 'comment', id: row.id }, hash, now())
      report.counts.comment.imported++
    }

    if (client.inTransaction) client.exec(options.dryRun === true ? 'ROLLBACK' : 'COMMIT')
  } catch (error) {
    // the open batch goes (whole items only); committed batches stay, and a re-run completes the rest
    if (client.inTransaction) client.exec('ROLLBACK')
    throw error
  } finally {
    searchPaused.resume()
    client.pragma(`synchronous = ${synchronous}`)
  }
  return report
}

type Attempt = (kind: ImportKind, wpId: string, title: string, fn: () => void) => void
type Warn = (type: string, wpId: string, title: string, message: string) => void

/** Edition codes by language; missing editions are created (rtl for right-to-left languages). */
function resolveEditions (deps: WordPressImportDeps, scan: WxrScan, options: WordPressImportOptions, report: ImportReport, mappings: MappingStore, atomically: <T>(fn: () => T) => T, now: () => number): (lang: string | null) => string {
  const existing = () => new Map(deps.editions.list().map((e) => [e.code, e]))
  const fallback = (): string => {
    if (options.edition !== undefined) return options.edition
    const editions = deps.editions.list()
    const siteLang = scan.site.language.slice(0, 2).toLowerCase()
    return (editions.find((e) => e.code === siteLang) ?? editions.find((e) => e.isDefault) ?? editions[0])?.code ?? (siteLang || 'en')
  }
  const wanted = new Set<string>()
  if (options.edition !== undefined) wanted.add(options.edition)
  else {
    for (const lang of scan.languages.keys()) wanted.add(lang)
    for (const lang of scan.posts.languages()) wanted.add(lang)
    if (wanted.size === 0) wanted.add(fallback())
  }
  const have = existing()
  for (const code of wanted) {
    if (have.has(code)) {
      report.counts.edition.unchanged++
      continue
    }
    if (!/^[a-z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(code)) throw new WxrFormatError(`The language "${code}" is not a language code Quire can make an edition of.`)
    const base = code.split('-')[0]!
    const english = new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code
    const native = new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? english
    atomically(() => {
      const row = deps.editions.create({ code, name: scan.languages.get(code) ?? english, nativeName: native, direction: rtlLanguages.has(base) ? 'rtl' : 'ltr', isDefault: deps.editions.list().length === 0 }, { actor: deps.actor })
      mappings.save('edition', code, { type: 'edition', id: row.id }, code, now())
    })
    report.counts.edition.imported++
  }
  const fallbackCode = fallback()
  return (lang) => (options.edition !== undefined || lang === null || !wanted.has(lang)) ? fallbackCode : lang
}

function importAuthors (deps: WordPressImportDeps, scan: WxrScan, report: ImportReport, mappings: MappingStore, attempt: Attempt, warn: Warn, now: () => number): Map<string, number> {
  const ids = new Map<string, number>()
  for (const author of scan.authors.values()) {
    const hash = contentHash(author)
    const existing = mappings.find('author', author.login)
    if (existing !== null && existing.hash === hash) {
      ids.set(author.login, existing.entityId)
      report.counts.author.unchanged++
      continue
    }
    let name = author.displayName.trim() || [author.firstName, author.lastName].join(' ').trim()
    if (name === '') {
      name = author.login
      warn('author', author.id, author.login, 'author without a display name: named by the login')
    }
    const bio = author.description.trim() === '' ? null : author.description.trim().slice(0, 5000)
    attempt('author', author.id, name, () => {
      if (existing !== null) {
        deps.authors.update(existing.entityId, { name, bio }, { actor: deps.actor })
        ids.set(author.login, existing.entityId)
        report.counts.author.updated++
      } else {
        const base = slugFromTitle(author.login) || slugFromTitle(name) || 'author'
        let row
        for (let n = 1; row === undefined; n++) {
          try {
            row = deps.authors.create({ name, bio, slug: n === 1 ? base : `${base}-${n}` }, { actor: deps.actor })
          } catch (error) {
            if (!(error instanceof DomainError) || !/slug/.test(error.message) || n > 50) throw error
          }
        }
        ids.set(author.login, row.id)
        report.counts.author.imported++
      }
      mappings.save('author', author.login, { type: 'author', id: ids.get(author.login)! }, hash, now())
    })
  }
  return ids
}

interface CategoryIndex {
  /** The category for a WordPress category slug, in the edition: itself, or its translation there. */
  inEdition: (slug: string, edition: string) => number | null
  byTermId: Map<string, number>
}

/** Categories parents first; Polylang term translations become translation groups. */
function importCategories (deps: WordPressImportDeps, scan: WxrScan, report: ImportReport, mappings: MappingStore, attempt: Attempt, editionOf: (lang: string | null) => string, now: () => number): CategoryIndex {
  const terms = scan.terms.filter((t) => t.taxonomy === 'category')
  const bySlug = new Map(terms.map((t) => [t.slug, t]))
  const byTermId = new Map<string, number>()
  const editionByTermId = new Map<string, string>()
  const groupOf = (term: WxrTerm) => scan.termLanguages.get(term.id)?.group ?? null
  const done = new Set<string>()
  const existingBySlug = (edition: string, slug: string): number | null => {
    try {
      return deps.categories.findBySlug(edition, slug).id
    } catch (error) {
      if (error instanceof DomainError) return null
      throw error
    }
  }
  const translationIn = (categoryId: number, edition: string): number | null =>
    deps.categories.findByIds([categoryId])[0]?.translations.find((t) => t.edition === edition)?.id ?? null
  const visit = (term: WxrTerm, depth: number): void => {
    if (done.has(term.id) || depth > 20) return
    done.add(term.id)
    const parent = term.parentSlug === '' ? undefined : bySlug.get(term.parentSlug)
    if (parent !== undefined) visit(parent, depth + 1)
    const edition = editionOf(scan.termLanguages.get(term.id)?.lang ?? null)
    editionByTermId.set(term.id, edition)
    const hash = contentHash({ term, edition })
    const existing = mappings.find('category', term.id)
    if (existing !== null && existing.hash === hash && deps.categories.findRefsByIds([existing.entityId])[0] !== null) {
      byTermId.set(term.id, existing.entityId)
      report.counts.category.unchanged++
      return
    }
    const parentId = parent === undefined ? null : byTermId.get(parent.id) ?? null
    const validParent = parentId !== null && editionByTermId.get(parent!.id) === edition ? parentId : null
    const slug = slugFromPostName(term.slug, term.name) ?? undefined
    const description = plainText(term.description) || null
    attempt('category', term.id, term.name, () => {
      const group = groupOf(term)
      let translationOf: number | null = null
      if (group !== null) {
        for (const [otherId, info] of scan.termLanguages) {
          const mapped = byTermId.get(otherId)
          if (info.group === group && otherId !== term.id && mapped !== undefined && editionByTermId.get(otherId) !== edition) { translationOf = mapped; break }
        }
      }
      let id: number
      if (existing !== null && deps.categories.findRefsByIds([existing.entityId])[0] !== null) {
        id = deps.categories.update(existing.entityId, { name: term.name, description, parentId: validParent, ...(slug !== undefined ? { slug } : {}) }, { actor: deps.actor }).id
        report.counts.category.updated++
      } else if (translationOf !== null && translationIn(translationOf, edition) !== null) {
        // the group already has this edition's category (one that was there before the import): use it
        id = translationIn(translationOf, edition)!
        report.counts.category.unchanged++
      } else if (slug !== undefined && existingBySlug(edition, slug) !== null) {
        // the site already has this section (an import into a live site, or the demo): file posts under it
        id = existingBySlug(edition, slug)!
        report.counts.category.unchanged++
      } else {
        id = deps.categories.create({ edition, name: term.name, description, parentId: validParent, ...(slug !== undefined ? { slug } : {}), ...(translationOf !== null ? { translationOf } : {}) }, { actor: deps.actor }).id
        report.counts.category.imported++
      }
      byTermId.set(term.id, id)
      mappings.save('category', term.id, { type: 'category', id }, hash, now())
    })
  }
  for (const term of terms) visit(term, 0)

  const termsBySlug = new Map(terms.map((t) => [t.slug, t.id]))
  return {
    byTermId,
    inEdition (slug, edition) {
      const termId = termsBySlug.get(slug)
      if (termId === undefined) return null
      if (editionByTermId.get(termId) === edition) return byTermId.get(termId) ?? null
      const group = scan.termLanguages.get(termId)?.group
      if (group === undefined) return null
      for (const [otherId, info] of scan.termLanguages) {
        if (info.group === group && editionByTermId.get(otherId) === edition) return byTermId.get(otherId) ?? null
      }
      return null
    }
  }
}

/** WordPress tags are site-wide; Quire's belong to an edition: one tag per (WordPress tag, edition), made when first used. */
function createTagResolver (deps: WordPressImportDeps, scan: WxrScan, report: ImportReport, mappings: MappingStore, now: () => number) {
  const names = new Map(scan.terms.filter((t) => t.taxonomy === 'post_tag').map((t) => [t.slug, t.name]))
  const cache = new Map<string, number>()
  /** The edition's tag with the slug, if any: tags have no slug lookup, so the list is paged (only after a slug clash). */
  const existingTag = (edition: string, slug: string): number | null => {
    let cursor: string | undefined
    for (;;) {
      const page = deps.tags.list({ edition, limit: 100, ...(cursor !== undefined ? { cursor } : {}) })
      const found = page.items.find((t) => t.slug === slug)
      if (found !== undefined) return found.id
      if (page.nextCursor === null) return null
      cursor = page.nextCursor
    }
  }
  return (slug: string, name: string, edition: string): number => {
    const key = `${slug}@${edition}`
    const cached = cache.get(key)
    if (cached !== undefined) return cached
    const existing = mappings.find('tag', key)
    let id: number
    if (existing !== null && deps.tags.findRefsByIds([existing.entityId])[0] !== null) {
      id = existing.entityId
    } else {
      const tagName = (names.get(slug) ?? name).trim() || slug
      const tagSlug = slugFromPostName(slug, tagName)
      try {
        id = deps.tags.create({ edition, name: tagName, ...(tagSlug !== null ? { slug: tagSlug } : {}) }, { actor: deps.actor }).id
        report.counts.tag.imported++
      } catch (error) {
        // the site already has the tag (an import into a live site, or the demo): use it
        const present = tagSlug === null || !(error instanceof DomainError) ? null : existingTag(edition, tagSlug)
        if (present === null) throw error
        id = present
      }
      mappings.save('tag', key, { type: 'tag', id }, key, now())
    }
    cache.set(detached(key), id)
    return id
  }
}

/** Width and height from `_wp_attachment_metadata` (PHP-serialized). */
const dimension = (meta: string, key: 'width' | 'height'): number | null => {
  const m = new RegExp(`s:${key.length}:"${key}";i:(\\d+);`).exec(meta)
  return m === null || m[1] === '0' ? null : Number(m[1])
}

function importAttachments (deps: WordPressImportDeps, scan: WxrScan, options: WordPressImportOptions, report: ImportReport, mappings: MappingStore, attempt: Attempt, warn: Warn, now: () => number, storedNow: ReadonlyMap<string, number>): Map<string, number> {
  const ids = new Map<string, number>(storedNow)
  let done = 0
  for (const item of scan.attachments) {
    if (++done % 500 === 0) options.onProgress?.({ phase: 'attachments', done, total: scan.attachments.length })
    if (storedNow.has(item.id)) continue
    const url = item.attachmentUrl || item.guid
    const file = attachmentFile(item, options.uploads)
    if (file !== null && file.path === null) report.missingFiles.push(file.relative)
    const bytes = file?.path != null ? statSync(file.path).size : null
    const hash = attachmentHash(item, bytes)
    const existing = mappings.find('media', item.id)
    const current = existing === null ? null : deps.media.findByIds([existing.entityId])[0] ?? null
    if (existing !== null && current !== null && (existing.hash === hash || current.file !== null)) {
      // an item whose file is in the library is the file's now: a changed export does not turn it back into a URL
      ids.set(item.id, existing.entityId)
      report.counts.media.unchanged++
      continue
    }
    if (!/^https?:\/\//.test(url)) {
      report.counts.media.failed++
      warn('media', item.id, item.title, 'attachment without an http(s) URL: not imported')
      continue
    }
    const extension = (url.split('?')[0]!.split('.').pop() ?? '').toLowerCase()
    const mimeType = mimeByExtension[extension] ?? 'application/octet-stream'
    const meta = item.meta._wp_attachment_metadata ?? ''
    const caption = plainText(item.excerpt) || null
    const altText = item.meta._wp_attachment_image_alt?.trim() || null
    const fields = { kind: kindOfMime(mimeType), url, mimeType, bytes, width: dimension(meta, 'width'), height: dimension(meta, 'height'), altText, caption }
    attempt('media', item.id, item.title, () => {
      let id: number
      if (existing !== null && current !== null) {
        id = deps.media.update(existing.entityId, fields, { actor: deps.actor }).id
        report.counts.media.updated++
      } else {
        id = deps.media.importCreate(fields, { actor: deps.actor })
        report.counts.media.imported++
      }
      ids.set(item.id, id)
      mappings.save('media', item.id, { type: 'media', id }, hash, now(), item.guid || null)
    })
  }
  return ids
}

interface MenuEntry { label: string, kind: 'category' | 'page' | 'article' | 'edition' | 'url', target: number | string, children: MenuEntry[] }

/**
 * nav_menu_item → Quire menus. A WordPress menu belongs to no language in the export; its edition
 * is read from its slug's last part when that is an edition code (`primary-ar` → location
 * `primary` of edition ar, Polylang's usual naming), else from what its items link to. Polylang's
 * language switcher (`#pll_switcher`) becomes one item per other edition.
 */
function importMenus (deps: WordPressImportDeps, scan: WxrScan, report: ImportReport, mappings: MappingStore, attempt: Attempt, editionOf: (lang: string | null) => string, categoryIds: CategoryIndex, rewriteLink: (href: string) => string | null | undefined, now: () => number): void {
  const menus = new Map<string, { name: string, items: WxrPost[] }>()
  for (const item of scan.menuItems) {
    const term = item.terms.find((t) => t.domain === 'nav_menu')
    if (term === undefined) continue
    const menu = menus.get(term.nicename) ?? { name: term.name, items: [] }
    menu.items.push(item)
    menus.set(term.nicename, menu)
  }
  const codes = new Set(deps.editions.list().map((e) => e.code))
  for (const [menuSlug, menu] of menus) {
    const suffix = /-([a-z]{2,3})$/.exec(menuSlug)?.[1]
    const edition = suffix !== undefined && codes.has(suffix) ? suffix : editionOf(null)
    const location = (suffix !== undefined && codes.has(suffix) ? menuSlug.slice(0, -suffix.length - 1) : menuSlug).replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 64) || 'primary'
    const hash = contentHash(menu.items.map((i) => ({ ...i, line: 0 })))
    const existing = mappings.find('menu', menuSlug)
    if (existing !== null && existing.hash === hash) {
      report.counts.menu.unchanged++
      continue
    }
    const entryOf = (item: WxrPost): MenuEntry[] => {
      const type = item.meta._menu_item_type
      const object = item.meta._menu_item_object
      const objectId = item.meta._menu_item_object_id ?? ''
      const target = scan.posts.get(objectId)
      const label = item.title.trim() || (type === 'taxonomy' ? scan.terms.find((t) => t.id === objectId)?.name : target?.title)?.trim() || 'Link'
      if (type === 'taxonomy' && object === 'category') {
        const term = scan.terms.find((t) => t.id === objectId)
        const id = term === undefined ? null : categoryIds.inEdition(term.slug, edition)
        return id === null ? [] : [{ label, kind: 'category', target: id, children: [] }]
      }
      if (type === 'post_type' && (object === 'page' || object === 'post')) {
        const mapped = mappings.find(object === 'page' ? 'page' : 'article', objectId)
        return mapped === null ? [] : [{ label, kind: object === 'page' ? 'page' : 'article', target: mapped.entityId, children: [] }]
      }
      const url = item.meta._menu_item_url ?? ''
      if (url === '#pll_switcher') return [...codes].filter((c) => c !== edition).map((c) => ({ label: deps.editions.findByCode(c).nativeName, kind: 'edition' as const, target: c, children: [] }))
      const rewritten = rewriteLink(url)
      const href = typeof rewritten === 'string' ? rewritten : url
      return href === '' || href === '#' ? [{ label, kind: 'url', target: '/', children: [] }] : [{ label, kind: 'url', target: href, children: [] }]
    }
    const sorted = [...menu.items].sort((a, b) => a.menuOrder - b.menuOrder)
    const byParent = new Map<string, WxrPost[]>()
    for (const item of sorted) {
      const parent = item.meta._menu_item_menu_item_parent ?? '0'
      byParent.set(parent, [...(byParent.get(parent) ?? []), item])
    }
    const build = (parent: string, depth: number): MenuEntry[] => (byParent.get(parent) ?? []).flatMap((item) => {
      const entries = entryOf(item)
      if (entries.length === 1 && depth < 3) entries[0]!.children = build(item.id, depth + 1)
      return entries
    })
    const items = build('0', 1)
    attempt('menu', menuSlug, menu.name, () => {
      const current = deps.menus.list(edition).find((m: { location: string }) => m.location === location) as { id: number } | undefined
      let id: number
      if (current !== undefined) {
        id = deps.menus.update(current.id, { name: menu.name, items }, { actor: deps.actor }).id
        report.counts.menu.updated++
      } else {
        id = deps.menus.create({ edition, location, name: menu.name, items }, { actor: deps.actor }).id
        report.counts.menu.imported++
      }
      mappings.save('menu', menuSlug, { type: 'menu', id }, hash, now())
    })
  }
}

export { parsePhpLangMap }
