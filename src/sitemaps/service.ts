import type { ContentVersion } from '../db/content-version.js'
import { NotFoundError } from '../errors.js'
import type { FrontendUrls } from '../frontend-urls.js'
import type { ArticleChunk } from '../modules/articles/index.js'
import type { ArticleService } from '../modules/articles/index.js'
import type { CategoryNode } from '../modules/categories/index.js'
import type { CategoryService } from '../modules/categories/index.js'
import type { Edition, EditionService } from '../modules/editions/index.js'
import type { Page } from '../modules/pages/index.js'
import { mediaInEdition, type Media, type MediaService } from '../modules/media/index.js'
import type { PageService } from '../modules/pages/index.js'
import type { SettingsService } from '../modules/settings/index.js'
import { toIso, type Clock } from '../time.js'

/** sitemaps.org: at most 50,000 URLs per sitemap file; the index points at as many files as needed. */
export const SITEMAP_URL_LIMIT = 50_000
/** Google News sitemaps: at most 1,000 news:news entries per file, only articles of the last two days. */
export const NEWS_URL_LIMIT = 1_000
export const NEWS_WINDOW_MS = 48 * 60 * 60 * 1000

export interface SitemapUrl {
  loc: string
  lastmod: number
  /** Every version of this content, itself included, as `xhtml:link rel="alternate" hreflang`; empty without translations. */
  alternates: Array<{ hreflang: string, href: string }>
  /** Google's image extension: the featured image and image attachments, caption and title in the sitemap's edition. */
  images: SitemapImage[]
}

/** One entry of a Google News sitemap (developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap). */
export interface NewsSitemapUrl {
  loc: string
  publicationName: string
  /** ISO 639 code as Google News wants it: the primary language subtag, `zh-cn` or `zh-tw` for Chinese. */
  language: string
  publishedAt: number
  title: string
}

export type SitemapKind = 'articles' | 'categories' | 'pages' | 'news'

export interface SitemapImage { loc: string, caption: string | null, title: string | null }

/** Google's limit per URL. */
const IMAGES_PER_URL = 1000

export interface SitemapFile {
  edition: string
  kind: SitemapKind
  /** 1-based file number; null for the first (usually only) file of categories and pages, named without a number. */
  n: number | null
  lastmod: number | null
}

export interface SitemapServiceDeps {
  articles: ArticleService
  categories: CategoryService
  pages: PageService
  media: MediaService
  editions: EditionService
  settings: SettingsService
  contentVersion: ContentVersion
  clock: Clock
  urls: FrontendUrls
}

const PAGE_BATCH = 100

/**
 * Google News takes ISO 639 codes, with `zh-cn` / `zh-tw` as its only regional forms: an edition's
 * BCP 47 code is reduced to its language subtag, and Chinese to the script or region it names.
 */
export function newsLanguage (editionCode: string): string {
  const [language = '', ...rest] = editionCode.toLowerCase().split('-')
  if (language !== 'zh') return language
  return rest.some((subtag) => ['hant', 'tw', 'hk', 'mo'].includes(subtag)) ? 'zh-tw' : 'zh-cn'
}

/**
 * What the sitemaps list: every published article, category and page of an edition with its
 * translations. Articles are split into files in oldest-first order, so publishing appends to the
 * last file and the others stay unchanged (and cached). The start cursor and lastmod of every file
 * come from one narrow scan of the edition (ArticleService.chunks), kept per content version.
 */
export function createSitemapService (deps: SitemapServiceDeps) {
  const { articles, editions } = deps
  const chunkMemo = new Map<string, { version: string, chunks: ArticleChunk[] }>()
  const now = () => deps.clock().getTime()

  function articleChunks (edition: string, urlsPerFile: number): ArticleChunk[] {
    const key = `${edition}\n${urlsPerFile}`
    const version = deps.contentVersion.at(now())
    const memo = chunkMemo.get(key)
    if (memo !== undefined && memo.version === version) return memo.chunks
    const chunks = articles.chunks(edition, urlsPerFile)
    chunkMemo.set(key, { version, chunks })
    return chunks
  }

  function allPages (edition: string): Page[] {
    const out: Page[] = []
    let cursor: string | undefined
    do {
      const page = deps.pages.list({ edition, limit: PAGE_BATCH, ...(cursor !== undefined ? { cursor } : {}) })
      out.push(...page.items)
      cursor = page.nextCursor ?? undefined
    } while (cursor !== undefined)
    return out
  }

  function allCategories (edition: string): CategoryNode[] {
    const out: CategoryNode[] = []
    const walk = (nodes: CategoryNode[]) => { for (const node of nodes) { out.push(node); walk(node.children) } }
    walk(deps.categories.tree(edition))
    return out
  }

  /**
   * Image entries of each URL, in its edition's text: one statement for the media of the whole
   * file. `mediaIds` per URL in order (featured first, then attachments); non-images are left out.
   */
  function imagesOf (mediaIds: number[][], edition: string): SitemapImage[][] {
    const found = new Map(deps.media.findByIds(mediaIds.flat()).flatMap((m): Array<[number, Media]> => m === null ? [] : [[m.id, m]]))
    return mediaIds.map((ids) => [...new Set(ids)].flatMap((id) => {
      const item = found.get(id)
      if (item === undefined || item.kind !== 'image') return []
      const text = mediaInEdition(item, edition)
      return [{ loc: item.url, caption: text.caption ?? text.altText, title: text.title }]
    }).slice(0, IMAGES_PER_URL))
  }

  /**
   * Every language version, then `x-default`: the default edition's version, the one a reader whose
   * language no edition serves is sent to. A group without a version in the default edition has no
   * x-default (Google then picks among the languages listed).
   */
  const alternatesOf = (self: { hreflang: string, href: string }, others: Array<{ hreflang: string, href: string }>) => {
    if (others.length === 0) return []
    const all = [self, ...others]
    const defaultCode = editions.list().find((e) => e.isDefault)?.code
    const fallback = all.find((a) => a.hreflang === defaultCode)
    return fallback === undefined ? all : [...all, { hreflang: 'x-default', href: fallback.href }]
  }

  function publicationName (edition: Edition): string {
    try {
      return deps.settings.findByEdition(edition.code).title
    } catch (error) {
      if (error instanceof NotFoundError) return edition.nativeName
      throw error
    }
  }
  const newest = (dates: number[]): number | null => dates.length === 0 ? null : dates.reduce((a, b) => Math.max(a, b))

  return {
    /** The files of the sitemap index, edition by edition. */
    files (urlsPerFile = SITEMAP_URL_LIMIT): SitemapFile[] {
      const split = (edition: string, kind: SitemapKind, dates: number[]): SitemapFile[] => {
        const files: SitemapFile[] = []
        for (let i = 0; i === 0 || i * urlsPerFile < dates.length; i++) {
          files.push({ edition, kind, n: i === 0 ? null : i + 1, lastmod: newest(dates.slice(i * urlsPerFile, (i + 1) * urlsPerFile)) })
        }
        return files
      }
      return editions.list().flatMap((edition): SitemapFile[] => [
        ...articleChunks(edition.code, urlsPerFile).map((chunk, i) => ({ edition: edition.code, kind: 'articles' as const, n: i + 1, lastmod: chunk.lastmod })),
        ...split(edition.code, 'categories', allCategories(edition.code).map((c) => Date.parse(c.updatedAt))),
        ...split(edition.code, 'pages', allPages(edition.code).map((p) => Date.parse(p.updatedAt))),
        // always listed, without lastmod: what it holds changes with the clock, the index only with writes
        { edition: edition.code, kind: 'news' as const, n: null, lastmod: null }
      ])
    },

    /**
     * The Google News sitemap of an edition: its articles published in the last 48 hours, newest
     * first, at most `limit` (Google reads no more than 1,000 per file; older ones are in the
     * article sitemaps anyway, so the cut loses nothing).
     */
    news (editionCode: string, limit = NEWS_URL_LIMIT): NewsSitemapUrl[] {
      const edition = editions.findByCode(editionCode)
      const since = toIso(now() - NEWS_WINDOW_MS)
      const records = articles.listRecords({ edition: edition.code, sort: '-publishedAt', publishedAfter: since, limit }).items
      const name = publicationName(edition)
      const language = newsLanguage(edition.code)
      return records.map((record) => ({
        loc: articles.urlFor(edition.code, record.slug),
        publicationName: name,
        language,
        publishedAt: record.publishedAt ?? record.createdAt,
        title: record.title
      }))
    },

    /** Article file `n` (1-based) of an edition; file 1 of an edition without articles is empty, any other missing file is not found. */
    articles (edition: string, n: number, urlsPerFile = SITEMAP_URL_LIMIT): SitemapUrl[] {
      editions.findByCode(edition)
      const chunk = articleChunks(edition, urlsPerFile)[n - 1]
      if (chunk === undefined) {
        if (n === 1) return []
        throw new NotFoundError('sitemap', `${edition}/articles-${n}`)
      }
      const records = articles.listRecords({ edition, sort: 'publishedAt', limit: urlsPerFile, ...(chunk.cursor !== undefined ? { cursor: chunk.cursor } : {}) }).items
      const translations = articles.translationsOf(records)
      const attached = articles.attachmentsByArticleIds(records.map((r) => r.id))
      const images = imagesOf(records.map((r, i) => [...(r.featuredMediaId === null ? [] : [r.featuredMediaId]), ...(attached[i] ?? []).map((a) => a.mediaId)]), edition)
      return records.map((record, i) => {
        const loc = articles.urlFor(edition, record.slug)
        const others = (translations[i] ?? []).map((t) => {
          const code = editions.findById(t.editionId).code
          return { hreflang: code, href: articles.urlFor(code, t.slug) }
        })
        return { loc, lastmod: record.updatedAt, alternates: alternatesOf({ hreflang: edition, href: loc }, others), images: images[i] ?? [] }
      })
    },

    categories (edition: string): SitemapUrl[] {
      editions.findByCode(edition)
      return allCategories(edition).map((category) => {
        const loc = category.url
        const others = category.translations.map((t) => ({ hreflang: t.edition, href: t.url }))
        return { loc, lastmod: Date.parse(category.updatedAt), alternates: alternatesOf({ hreflang: edition, href: loc }, others), images: [] }
      })
    },

    pages (edition: string): SitemapUrl[] {
      editions.findByCode(edition)
      const pages = allPages(edition)
      const images = imagesOf(pages.map((page) => page.attachments.map((a) => a.mediaId)), edition)
      return pages.map((page, i) => {
        const loc = page.url
        const others = page.translations.map((t) => ({ hreflang: t.edition, href: t.url }))
        return { loc, lastmod: Date.parse(page.updatedAt), alternates: alternatesOf({ hreflang: edition, href: loc }, others), images: images[i] ?? [] }
      })
    }
  }
}

export type SitemapService = ReturnType<typeof createSitemapService>
