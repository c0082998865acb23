import type { EditionService } from '../modules/editions/index.js'
import { articleExcerpt } from '../modules/articles/index.js'
import { toIso } from '../time.js'
import type { SearchHit as SearchHitDto, SearchSuggestion as SearchSuggestionDto } from './schemas.js'
import type { SearchHit, Suggestion } from './service.js'

/** Search results as REST sends them: a summary of the article or page beside its highlights. */
export function createSearchShaper (deps: { editions: EditionService, urlFor: (edition: string, slug: string) => string, pageUrlFor: (edition: string, slug: string) => string }) {
  const { editions, urlFor, pageUrlFor } = deps
  return {
    hit (hit: SearchHit): SearchHitDto {
      const { highlight } = hit
      if (hit.type === 'page') {
        const page = hit.record
        const edition = editions.findByCode(page.edition)
        return {
          type: 'page',
          id: page.id,
          edition: edition.code,
          direction: edition.direction,
          slug: page.slug,
          title: page.title,
          // pages have no excerpt field: the start of the body, as an article without one
          excerpt: articleExcerpt({ excerpt: null }, () => page.body),
          publishedAt: page.publishedAt,
          url: pageUrlFor(edition.code, page.slug),
          highlight
        }
      }
      const record = hit.record
      const edition = editions.findById(record.editionId)
      return {
        type: 'article',
        id: record.id,
        edition: edition.code,
        direction: edition.direction,
        slug: record.slug,
        title: record.title,
        excerpt: articleExcerpt(record, () => record.body ?? ''),
        // visible articles always have one; createdAt mirrors the article list's fallback
        publishedAt: toIso(record.publishedAt ?? record.createdAt),
        url: urlFor(edition.code, record.slug),
        highlight
      }
    },
    suggestion ({ record, highlight }: Suggestion): SearchSuggestionDto {
      const edition = editions.findById(record.editionId)
      return {
        id: record.id,
        edition: edition.code,
        slug: record.slug,
        title: record.title,
        url: urlFor(edition.code, record.slug),
        publishedAt: toIso(record.publishedAt ?? record.createdAt),
        highlight
      }
    }
  }
}

export type SearchShaper = ReturnType<typeof createSearchShaper>
