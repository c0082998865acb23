import type { FrontendUrls } from '../frontend-urls.js'
import { responseKeys } from '../cache-keys/response-keys.js'
import { entityKey, listKey } from '../cache-keys/surrogate-keys.js'
import { NotFoundError } from '../errors.js'
import type { Article, ArticleField, ArticleInclude } from '../modules/articles/index.js'
import type { ArticleService } from '../modules/articles/index.js'
import type { AuthorService } from '../modules/authors/index.js'
import type { CategoryService } from '../modules/categories/index.js'
import type { EditionService } from '../modules/editions/index.js'
import type { Edition } from '../modules/editions/index.js'
import type { AttachmentOut, Media } from '../modules/media/index.js'
import type { SettingsService } from '../modules/settings/index.js'
import type { SiteSettings } from '../modules/settings/index.js'
import type { TagService } from '../modules/tags/index.js'
import type { FeedDocument, FeedEnclosure, FeedEntry, FeedImage, FeedMediaText } from './document.js'

export const feedScopes = ['edition', 'category', 'tag', 'author'] as const
export type FeedScopeKind = typeof feedScopes[number]

export interface FeedRequest {
  edition: string
  scope: FeedScopeKind
  /** The category, tag or author slug; absent for the whole edition. */
  slug?: string
  limit: number
}

export interface FeedServiceDeps {
  articles: ArticleService
  editions: EditionService
  categories: CategoryService
  tags: TagService
  authors: AuthorService
  settings: SettingsService
  urls: FrontendUrls
}

const entryFields: readonly ArticleField[] = [
  'edition', 'slug', 'title', 'excerpt', 'body', 'publishedAt', 'createdAt', 'updatedAt', 'url',
  'authors', 'categories', 'tags', 'featuredMedia', 'attachments', 'commentStatus', 'commentCount', 'source'
]
// embedded media carry their text in the article's edition, which is the feed's
const entryIncludes: readonly ArticleInclude[] = ['authors', 'categories', 'tags', 'featuredMedia', 'attachments']

type FeedArticle = Partial<Article>
const objects = <T>(value: readonly unknown[] | undefined): T[] =>
  (value ?? []).filter((item): item is T => typeof item === 'object' && item !== null)
const day = (iso: string): string => iso.slice(0, 10)
const hostOf = (url: string): string => {
  try { return new URL(url).hostname } catch { return 'localhost' }
}

const textOf = (media: Media): FeedMediaText => ({ title: media.title, description: media.caption, credit: media.credit })

/** A featured video's or document's own file and its downloadable renditions; a featured image is shown, not enclosed. */
function mediaParts (media: Media | null): { image: FeedImage | null, enclosures: FeedEnclosure[] } {
  if (media === null) return { image: null, enclosures: [] }
  const text = textOf(media)
  if (media.kind === 'image') {
    return { image: { url: media.url, mimeType: media.mimeType, width: media.width, height: media.height, bytes: media.bytes, alt: media.altText, text }, enclosures: [] }
  }
  const title = media.title ?? media.caption ?? media.altText
  const preview = media.renditions.find((r) => r.mimeType.startsWith('image/'))
  const downloads = media.renditions.filter((r) => !r.mimeType.startsWith('image/'))
  return {
    image: preview === undefined
      ? null
      : { url: preview.url, mimeType: preview.mimeType, width: preview.width, height: preview.height, bytes: preview.bytes, alt: media.altText, text },
    enclosures: [
      { url: media.url, mimeType: media.mimeType, length: media.bytes, title, durationSeconds: media.durationSeconds, text },
      ...downloads.map((r) => ({ url: r.url, mimeType: r.mimeType, length: r.bytes, title: `${title ?? r.name} (${r.name})`, durationSeconds: media.durationSeconds, text }))
    ]
  }
}

/** Every attachment is a file of the entry, images included, titled by its label (else the media's own title or caption). */
function attachmentParts (attachments: FeedArticle['attachments']): FeedEnclosure[] {
  return objects<AttachmentOut>(attachments).flatMap((attachment) => {
    if (!('media' in attachment)) return []
    const { media } = attachment
    return [{
      url: media.url,
      mimeType: media.mimeType,
      length: media.bytes,
      title: attachment.label ?? media.title ?? media.caption ?? media.altText,
      durationSeconds: media.durationSeconds,
      text: textOf(media)
    }]
  })
}

function featuredAndAttached (featured: Media | null, attachments: FeedArticle['attachments']): Pick<FeedEntry, 'image' | 'enclosures'> {
  const { image, enclosures } = mediaParts(featured)
  return { image, enclosures: [...enclosures, ...attachmentParts(attachments)] }
}

/**
 * Feeds of an edition, or of one of its categories (with descendants), tags or authors: the
 * newest published articles with full bodies, through the same article service as REST (so the
 * same visibility rule), plus what a feed reader shows about the feed itself.
 */
export function createFeedService (deps: FeedServiceDeps) {
  const { articles, editions, urls } = deps
  // RFC 4151: the authority is the domain the id is minted under — the host of the frontend URL
  // (so it follows per-edition domains) — and a date it was held: the creation day.
  const tagUri = (url: string, date: string, specific: string) => `tag:${hostOf(url)},${date}:${specific}`

  function siteSettings (edition: Edition): SiteSettings | null {
    try {
      return deps.settings.findByEdition(edition.code)
    } catch (error) {
      if (error instanceof NotFoundError) return null
      throw error
    }
  }

  /** The scope's name for the title, its frontend page, and the keys naming what selects its articles. */
  function describeScope (request: FeedRequest, edition: Edition): { name: string | null, homeUrl: string, keys: string[], path: string } {
    const slug = request.slug ?? ''
    switch (request.scope) {
      case 'edition':
        return { name: null, homeUrl: urls.edition(edition.code), keys: [], path: '' }
      case 'category': {
        const category = deps.categories.findBySlug(edition.code, slug)
        // moving a category in or out of this subtree changes the feed: every member is named
        const subtree = deps.categories.descendantIdsBySlug(slug, edition.id)
        return { name: category.name, homeUrl: category.url, keys: subtree.map((id) => entityKey('category', id)), path: `/categories/${encodeURIComponent(slug)}` }
      }
      case 'tag': {
        const id = deps.tags.idsBySlug(slug, edition.id)[0]
        if (id === undefined) throw new NotFoundError('tag', `${edition.code}/${slug}`)
        const tag = deps.tags.findById(id)
        return { name: tag.name, homeUrl: tag.url, keys: [entityKey('tag', id)], path: `/tags/${encodeURIComponent(slug)}` }
      }
      case 'author': {
        const author = deps.authors.findBySlug(slug, edition.code)
        return { name: author.name, homeUrl: urls.author(edition.code, author.slug), keys: [entityKey('author', author.id)], path: `/authors/${encodeURIComponent(slug)}` }
      }
    }
  }

  function toEntry (article: FeedArticle, edition: Edition): FeedEntry {
    const body = article.body ?? ''
    const media = typeof article.featuredMedia === 'object' ? article.featuredMedia : null
    return {
      id: tagUri(article.url ?? '', day(article.createdAt ?? ''), `articles/${article.id ?? 0}`),
      url: article.url ?? '',
      title: article.title ?? '',
      // the article's excerpt, derived from the body when none was written; an empty body has none
      summary: article.excerpt === undefined || article.excerpt === '' ? null : article.excerpt,
      contentHtml: edition.direction === 'rtl' ? `<div dir="rtl" lang="${edition.code}">${body}</div>` : body,
      published: Date.parse(article.publishedAt ?? ''),
      updated: Date.parse(article.updatedAt ?? ''),
      authors: objects<{ name: string }>(article.authors).map((a) => a.name),
      categories: [
        ...objects<{ name: string, url: string }>(article.categories).map((c) => ({ name: c.name, url: c.url })),
        ...objects<{ name: string, url: string }>(article.tags).map((t) => ({ name: t.name, url: t.url }))
      ],
      ...featuredAndAttached(media ?? null, article.attachments),
      commentCount: article.commentStatus === 'hidden' ? null : (article.commentCount ?? 0),
      source: article.source ?? null
    }
  }

  return {
    feed (request: FeedRequest): FeedDocument {
      const edition = editions.findByCode(request.edition)
      const scope = describeScope(request, edition)
      const page = articles.list({
        edition: edition.code,
        ...(request.scope === 'category' ? { category: request.slug } : {}),
        ...(request.scope === 'tag' ? { tag: request.slug } : {}),
        ...(request.scope === 'author' ? { author: request.slug } : {}),
        limit: request.limit
      }, { fields: entryFields, include: entryIncludes })
      const settings = siteSettings(edition)
      const site = settings?.title ?? edition.nativeName
      const entries = page.items.map((article) => toEntry(article, edition))
      const fallbackUpdated = Date.parse(settings?.updatedAt ?? edition.updatedAt)
      const keys = responseKeys('article', { data: page.items }, { edition: edition.code })
      for (const key of [...scope.keys, listKey('article', edition.code), entityKey('edition', edition.code), entityKey('settings', edition.code)]) keys.add(key)
      return {
        id: tagUri(scope.homeUrl, day(edition.createdAt), `feeds/${encodeURIComponent(edition.code)}${scope.path}`),
        title: scope.name === null ? site : `${site} – ${scope.name}`,
        description: settings?.tagline ?? site,
        language: edition.code,
        direction: edition.direction,
        homeUrl: scope.homeUrl,
        updated: entries.reduce((newest, entry) => Math.max(newest, entry.updated), entries.length === 0 ? fallbackUpdated : 0),
        publisher: site,
        copyright: settings?.copyright ?? null,
        entries,
        surrogateKeys: [...keys]
      }
    }
  }
}

export type FeedService = ReturnType<typeof createFeedService>
