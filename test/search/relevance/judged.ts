/** One document of the relevance corpus, written through the API into a fresh database. */
export interface JudgedDocument {
  key: string
  type: 'article' | 'page'
  title: string
  excerpt?: string
  body: string
}

/**
 * A judged query: what a reader of the edition types, the documents they expect to find (all of
 * them within the first 20 results) and the one that should come first.
 */
export interface JudgedQuery {
  q: string
  first: string
  relevant: string[]
}

export interface JudgedSet {
  edition: 'en' | 'ar' | 'fa' | 'sq'
  documents: JudgedDocument[]
  queries: JudgedQuery[]
}

/** A query whose only relevant document is the one that should come first. */
export const only = (q: string, key: string): JudgedQuery => ({ q, first: key, relevant: [key] })
