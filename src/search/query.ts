import { searchTokens } from './normalize.js'

/** Terms after the 32nd are ignored: no reader types more, and each one costs a doclist. */
export const MAX_QUERY_TERMS = 32

export interface ParsedQuery {
  /**
   * The FTS5 MATCH expression, or null when the query holds nothing searchable (`*`, `-`, only
   * punctuation). It is built only of double-quoted strings of normalized tokens — FTS5 reads
   * nothing inside quotes as syntax — so no input can produce an operator, a column filter or a
   * syntax error.
   */
  match: string | null
  /** Whole tokens to mark in results. */
  words: ReadonlySet<string>
  /** Token beginnings to mark (the last term, searched as a prefix). */
  prefixes: readonly string[]
}

interface Term { tokens: string[], phrase: boolean }

// ASCII and typographic double quotes delimit phrases; an unpaired one is ignored.
const quote = /["“”„]/g

/** Splits a query into phrases (between paired quotes) and words (everything else, at whitespace). */
function termsOf (query: string): Term[] {
  const quotes = [...query.matchAll(quote)].map((m) => m.index)
  const terms: Term[] = []
  const addWords = (text: string) => {
    for (const chunk of text.split(/\s+/u)) {
      // `women's` or `e-mail` is one term of two tokens, matched as a phrase of them
      const tokens = searchTokens(chunk)
      if (tokens.length > 0) terms.push({ tokens, phrase: false })
    }
  }
  let from = 0
  for (let i = 0; i + 1 < quotes.length; i += 2) {
    const open = quotes[i]!
    const close = quotes[i + 1]!
    addWords(query.slice(from, open))
    const tokens = searchTokens(query.slice(open + 1, close))
    if (tokens.length > 0) terms.push({ tokens, phrase: true })
    from = close + 1
  }
  addWords(query.slice(from).replace(quote, ' '))
  return terms
}

/**
 * Reads what a reader typed. Every term must match (implicit AND); a quoted phrase must match in
 * order. The last term is also a prefix (`shqip` finds Shqipëri) while the reader is still typing
 * it — when the query does not end in a space — and it has at least `minPrefix` characters:
 * shorter prefixes would read a large share of the index for little meaning.
 */
export function parseSearchQuery (query: string, options: { minPrefix: number }): ParsedQuery {
  const all = termsOf(query)
  const terms = all.slice(0, MAX_QUERY_TERMS)
  const last = terms[terms.length - 1]
  const lastToken = last?.tokens[last.tokens.length - 1]
  const prefix = last !== undefined && lastToken !== undefined && !last.phrase && all.length === terms.length &&
    !/\s$/u.test(query) && Array.from(lastToken).length >= options.minPrefix
  const words = new Set<string>()
  for (const term of terms) for (const token of term.tokens) words.add(token)
  if (prefix) words.delete(lastToken)
  const match = terms.length === 0
    ? null
    : terms.map((term, index) => `"${term.tokens.join(' ')}"${prefix && index === terms.length - 1 ? '*' : ''}`).join(' ')
  return { match, words, prefixes: prefix ? [lastToken] : [] }
}
