import { NotFoundError } from '../errors.js'
import type { FrontendUrls } from '../frontend-urls.js'
import type { ArticleService } from '../modules/articles/index.js'
import type { CategoryService } from '../modules/categories/index.js'
import type { EditionService } from '../modules/editions/index.js'
import type { MediaService } from '../modules/media/index.js'
import type { PageService } from '../modules/pages/index.js'
import type { EntityState } from './change-events.js'
import type { WebhookEntityType } from './event-types.js'

export interface EntityStateDeps {
  articles: ArticleService
  pages: PageService
  categories: CategoryService
  media: MediaService
  editions: EditionService
  urls: FrontendUrls
}

export type EntityStateReader = (type: WebhookEntityType, id: number, summary: Record<string, unknown>) => EntityState | null

const text = (value: unknown): string | null => typeof value === 'string' ? value : null

/**
 * Read model: the state of articles, pages, categories, media and editions for webhook payloads
 * (sanctioned in .dependency-cruiser.cjs), through each module's service, never its tables.
 * The entity as it stands inside the write's transaction, read through its module's service.
 * A deleted row may already be gone (the article and page commands record the change before
 * deleting, other modules may not): then the change's summary says what it was, where it can.
 */
export function createEntityStateReader ({ articles, pages, categories, media, editions, urls }: EntityStateDeps): EntityStateReader {
  const readers: Record<WebhookEntityType, (id: number) => EntityState> = {
    article (id) {
      const record = articles.findRecordById(id, 'editorial')
      const edition = editions.findById(record.editionId).code
      const status = record.status ?? 'published'
      return { edition, slug: record.slug, title: record.title, status, publishedAt: record.publishedAt, url: articles.urlFor(edition, record.slug) }
    },
    page (id) {
      const page = pages.findById(id, 'editorial')
      const status = page.status ?? 'published'
      // a draft's publishedAt field is its creation time (pages/service.ts): not a publication
      const publishedAt = status === 'published' || status === 'scheduled' ? Date.parse(page.publishedAt) : null
      return { edition: page.edition, slug: page.slug, title: page.title, status, publishedAt, url: urls.page(page.edition, page.slug) }
    },
    category (id) {
      const category = categories.findById(id)
      return { edition: category.edition, slug: category.slug, title: category.name, status: null, publishedAt: null, url: urls.category(category.edition, category.slug) }
    },
    media (id) {
      const item = media.findById(id)
      return { edition: null, slug: null, title: item.altText, status: null, publishedAt: null, url: item.url }
    }
  }
  const urlOf: Record<WebhookEntityType, (edition: string | null, slug: string | null, summary: Record<string, unknown>) => string | null> = {
    article: (edition, slug) => edition !== null && slug !== null ? articles.urlFor(edition, slug) : null,
    page: (edition, slug) => edition !== null && slug !== null ? urls.page(edition, slug) : null,
    category: (edition, slug) => edition !== null && slug !== null ? urls.category(edition, slug) : null,
    media: (_edition, _slug, summary) => text(summary.url)
  }
  return (type, id, summary) => {
    try {
      return readers[type](id)
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error
      // the snapshots the write side keeps in deleted changes (edition, slug, title or name, url)
      const edition = text(summary.edition)
      const slug = text(summary.slug)
      const url = urlOf[type](edition, slug, summary)
      const title = text(summary.title) ?? text(summary.name) ?? text(summary.altText)
      if (edition === null && slug === null && url === null) return null
      return { edition, slug, title, status: null, publishedAt: null, url }
    }
  }
}
