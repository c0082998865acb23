import type { ConnectionParent, EdgeParent } from '../graphql/connection-types.js'
import type { ArticleRecord } from '../modules/articles/parent-types.js'
import type { Page } from '../modules/pages/parent-types.js'

/*
 * What search answers and GraphQL hands its fields (codegen mappers, see codegen.ts). Types only,
 * so generated.ts can point here without importing the search service.
 */

export interface SearchHighlight {
  /** The title, HTML-escaped, matching words in `<mark>`. */
  title: string
  /** About 30 words around the first match in the excerpt or body, escaped and marked the same way. */
  snippet: string
}

/** A result: an article or a page, with its highlights. */
export type SearchHit =
  | { type: 'article', record: ArticleRecord, highlight: SearchHighlight }
  | { type: 'page', record: Page, highlight: SearchHighlight }

export interface Suggestion { record: ArticleRecord, highlight: string }

export type SearchConnectionParent = ConnectionParent<SearchHit>
export type SearchEdgeParent = EdgeParent<SearchHit>
