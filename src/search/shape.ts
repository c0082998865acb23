import type { EditionService } from '../modules/editions/index.js'
import { articleExcerpt } from '../modules/articles/index.js'
import { toIso } from '../time.js'
import type { SearchHit as SearchHitDto, SearchSuggestion as SearchSuggestionDto } from './schemas.js'
import type { SearchHit, Suggestion } from './service.js'

/** Search results as REST sends them: a summary of the article beside its highlights. */
export function createSearchShaper (deps: { editions: EditionService, urlFor: (edition: string, slug: string) => string }) {
  const { editions, urlFor } = deps
  return {
    hit ({ record, highlight }: SearchHit): SearchHitDto {
      const edition = editions.findById(record.editionId)
      return {
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
