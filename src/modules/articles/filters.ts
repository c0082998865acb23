import type { Visibility } from '../../auth/permissions.js'
import type { ContentStatus } from '../../db/schema.js'
import { UnauthenticatedError } from '../../errors.js'
import { requireInstant } from '../../time.js'
import type { AuthorService } from '../authors/index.js'
import type { CategoryService } from '../categories/index.js'
import type { EditionService } from '../editions/index.js'
import type { TagService } from '../tags/index.js'
import type { ArticleFilter } from './list-query.js'

/** The article filters as clients name them: REST query parameters, GraphQL filter inputs, search's filters. */
export interface ArticleFilterOptions {
  edition?: string
  category?: string
  tag?: string
  author?: string
  /** Author id: GraphQL's Author.articles and REST agree on one filter path. */
  authorId?: number
  featured?: boolean
  slug?: string
  publishedAfter?: string
  publishedBefore?: string
  /** Editorial reads only (the public sees published articles); `published` includes scheduled ones that are due. */
  status?: ContentStatus
}

export interface ArticleFilterDeps {
  editions: EditionService
  categories: CategoryService
  tags: TagService
  authors: AuthorService
}

/**
 * The one resolution of article filters, for the article list (REST and GraphQL) and search:
 * slugs become ids through their services, dates are read by the one date-time rule
 * (parseInstant), and the result is null when a named category, tag or author matches nothing
 * (an empty list, not an error, as WordPress answers an unknown term). A date that is not an
 * RFC 3339 date-time is a 400 naming the parameter.
 */
export function createArticleFilterResolver (deps: ArticleFilterDeps) {
  return function resolveFilter (options: ArticleFilterOptions, visibility: Visibility = 'public'): ArticleFilter | null {
    const filter: ArticleFilter = {}
    if (visibility === 'editorial') {
      filter.editorial = true
      if (options.status !== undefined) filter.status = options.status
    } else if (options.status !== undefined && options.status !== 'published') {
      throw new UnauthenticatedError(`Listing ${options.status} articles needs an API key.`)
    }
    // dates first: a malformed one is refused whatever the other filters match
    if (options.publishedAfter !== undefined) filter.publishedAfter = requireInstant(options.publishedAfter, 'query.publishedAfter')
    if (options.publishedBefore !== undefined) filter.publishedBefore = requireInstant(options.publishedBefore, 'query.publishedBefore')
    if (options.edition !== undefined) filter.editionId = deps.editions.resolveFilter(options.edition).id
    if (options.category !== undefined) {
      const categoryIds = deps.categories.descendantIdsBySlug(options.category, filter.editionId)
      if (categoryIds.length === 0) return null
      filter.categoryIds = categoryIds
    }
    if (options.tag !== undefined) {
      const tagIds = deps.tags.idsBySlug(options.tag, filter.editionId)
      if (tagIds.length === 0) return null
      filter.tagIds = tagIds
    }
    if (options.author !== undefined) {
      const authorId = deps.authors.idBySlug(options.author)
      if (authorId === null) return null
      filter.authorId = authorId
    }
    if (options.authorId !== undefined) {
      if (filter.authorId !== undefined && filter.authorId !== options.authorId) return null
      filter.authorId = options.authorId
    }
    if (options.featured !== undefined) filter.featured = options.featured
    if (options.slug !== undefined) filter.slug = options.slug
    return filter
  }
}

export type ArticleFilterResolver = ReturnType<typeof createArticleFilterResolver>
