import { Type, type Static } from '@sinclair/typebox'
import { Cursor, DateTime, Direction, EditionCode, Id, Limit, Slug } from '../schemas/common.js'
import { DEFAULT_SUGGESTIONS, MAX_RESULTS, MAX_SUGGESTIONS } from './limits.js'
import { searchSorts, searchTypes } from './statements.js'

const q = Type.String({
  description: 'What the reader typed. Words must all match (case, diacritics and Arabic/Persian spelling variants folded); ' +
    '"quoted words" match as a phrase; the last word also matches as a prefix unless the query ends with a space. ' +
    'Operators and punctuation are plain text.',
  examples: ['shqiperi', 'أسعار الخبز', '"press freedom"']
})

export const SearchQuery = Type.Object({
  q,
  edition: Type.Optional(EditionCode),
  category: Type.Optional(Type.String({ ...Slug, description: 'Category slug; articles in its descendant categories are included' })),
  tag: Type.Optional(Type.String({ ...Slug, description: 'Tag slug' })),
  author: Type.Optional(Type.String({ ...Slug, description: 'Author slug' })),
  publishedAfter: Type.Optional(Type.String({ format: 'date-time', description: 'Only articles published at or after this instant' })),
  publishedBefore: Type.Optional(Type.String({ format: 'date-time', description: 'Only articles published before this instant' })),
  type: Type.Optional(Type.Union(searchTypes.map((t) => Type.Literal(t)), {
    description: 'Only articles or only pages; both when absent. Pages pass the edition and date filters; category, tag and author filters leave them out'
  })),
  sort: Type.Optional(Type.Union(searchSorts.map((s) => Type.Literal(s)), {
    default: 'relevance', description: 'relevance (bm25, title above excerpt above body; ties newest first) or -publishedAt (newest first)'
  })),
  limit: Type.Optional(Limit),
  cursor: Type.Optional(Type.String({ ...Cursor, description: `Opaque cursor from meta.nextCursor or meta.prevCursor; pages reach the first ${MAX_RESULTS} results` }))
}, { additionalProperties: false })
export type SearchQuery = Static<typeof SearchQuery>

export const SuggestQuery = Type.Object({
  q,
  edition: Type.Optional(EditionCode),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_SUGGESTIONS, default: DEFAULT_SUGGESTIONS, description: `Number of suggestions (1–${MAX_SUGGESTIONS})` }))
}, { additionalProperties: false })
export type SuggestQuery = Static<typeof SuggestQuery>

const markedHtml = (what: string) => Type.String({ description: `${what}: HTML-escaped text with matching words in <mark>, safe to insert as HTML` })

export const SearchHit = Type.Object({
  type: Type.Union([Type.Literal('article'), Type.Literal('page')], { description: 'What `id` is the id of: an article (/v1/articles/{id}) or a page (/v1/pages/{id})' }),
  id: Id,
  edition: EditionCode,
  direction: Direction,
  slug: Type.String(),
  title: Type.String(),
  excerpt: Type.String({ description: 'The stored excerpt, or when that is empty, the start of the body as plain text (as in the article)' }),
  publishedAt: DateTime,
  url: Type.String({ description: 'Canonical public URL on the frontend' }),
  highlight: Type.Object({
    title: markedHtml('The title'),
    snippet: markedHtml('About 30 words around the first match in the excerpt or body (the excerpt or the body\'s start when only the title matches)')
  }, { additionalProperties: false })
}, { $id: 'SearchHit', additionalProperties: false, description: 'A published article or page matching a search, with highlights' })
export type SearchHit = Static<typeof SearchHit>

export const SearchSuggestion = Type.Object({
  id: Id,
  edition: EditionCode,
  slug: Type.String(),
  title: Type.String(),
  url: Type.String(),
  publishedAt: DateTime,
  highlight: markedHtml('The title')
}, { $id: 'SearchSuggestion', additionalProperties: false, description: 'An article title for search-as-you-type' })
export type SearchSuggestion = Static<typeof SearchSuggestion>

/** Schemas routes `$ref` by name; OpenAPI lists them as components. */
export const searchComponents = [SearchHit, SearchSuggestion]
