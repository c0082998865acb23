import { toIsoOrNull } from '../../time.js'
import { articles, type ArticleCommentStatus, type ContentStatus } from '../../db/schema.js'

/** Columns every article read selects; `body` is added only when asked for. */
export const recordColumns = {
  id: articles.id,
  editionId: articles.editionId,
  slug: articles.slug,
  title: articles.title,
  excerpt: articles.excerpt,
  publishedAt: articles.publishedAt,
  createdAt: articles.createdAt,
  updatedAt: articles.updatedAt,
  featured: articles.featured,
  featuredMediaId: articles.featuredMediaId,
  seoTitle: articles.seoTitle,
  seoDescription: articles.seoDescription,
  sourceName: articles.sourceName,
  sourceUrl: articles.sourceUrl,
  sourcePublishedAt: articles.sourcePublishedAt,
  sourceAuthor: articles.sourceAuthor,
  sourceTitle: articles.sourceTitle,
  translationGroup: articles.translationGroup,
  wordCount: articles.wordCount,
  readingTimeMinutes: articles.readingTimeMinutes,
  commentStatus: articles.commentStatus,
  commentCount: articles.commentCount
}

export const recordColumnsWithBody = { ...recordColumns, body: articles.body }

/**
 * Editorial reads also need the workflow state. `version` is stored after the body (added by
 * ALTER TABLE), so public reads never select it.
 */
export const editorialRecordColumns = { ...recordColumns, status: articles.status, version: articles.version, createdByKeyId: articles.createdByKeyId }
export const editorialRecordColumnsWithBody = { ...editorialRecordColumns, body: articles.body }

/** An article row as services hand it to REST shaping and GraphQL resolvers. */
export interface ArticleRecord {
  id: number
  editionId: number
  slug: string
  title: string
  excerpt: string | null
  body?: string
  publishedAt: number | null
  createdAt: number
  updatedAt: number
  featured: boolean
  featuredMediaId: number | null
  seoTitle: string | null
  seoDescription: string | null
  sourceName: string | null
  sourceUrl: string | null
  sourcePublishedAt: number | null
  sourceAuthor: string | null
  sourceTitle: string | null
  translationGroup: number | null
  wordCount: number
  readingTimeMinutes: number
  /** As stored: null follows the edition's default (see comment-policy.ts). */
  commentStatus: ArticleCommentStatus | null
  /** Approved comments. */
  commentCount: number
  /** Present on editorial reads and on the results of writes. */
  status?: ContentStatus
  version?: number
  createdByKeyId?: number | null
}

/** The attribution of a republished piece as every protocol serves it (REST, GraphQL, sync, feeds); null for original pieces. */
export function sourceOf (record: Pick<ArticleRecord, 'sourceName' | 'sourceUrl' | 'sourcePublishedAt' | 'sourceAuthor' | 'sourceTitle'>): ArticleSource | null {
  if (record.sourceName === null) return null
  return {
    name: record.sourceName,
    url: record.sourceUrl,
    publishedAt: toIsoOrNull(record.sourcePublishedAt),
    originalAuthor: record.sourceAuthor,
    originalTitle: record.sourceTitle
  }
}

export interface ArticleSource { name: string, url: string | null, publishedAt: string | null, originalAuthor: string | null, originalTitle: string | null }
