import { searchTokens } from './normalize.js'
import { formTokens, joinPersianAffixes, stemLanguages, stemsOf, type StemLanguage } from './word-forms.js'

/** Terms after the 32nd are ignored: no reader types more, and each one costs a doclist. */
export const MAX_QUERY_TERMS = 32

/** The index columns (migration 0007): exact words, then the same fields' word forms (word-forms.ts). */
export const exactColumns = ['title', 'excerpt', 'body'] as const
export const formColumns = ['title_forms', 'excerpt_forms', 'body_forms'] as const

export interface ParsedQuery {
  /**
   * The FTS5 MATCH expression, or null when the query holds nothing searchable (`*`, `-`, only
   * punctuation). It is built only of double-quoted strings of normalized tokens and column
   * filters of its own — FTS5 reads nothing inside quotes as syntax — so no input can produce an
   * operator, a column filter or a syntax error.
   */
  match: string | null
  /** Whole tokens to mark in results. */
  words: ReadonlySet<string>
  /** Token beginnings to mark (the last term, searched as a prefix). */
  prefixes: readonly string[]
  /** Stems of the query's words: a word of a result whose stem is one of them is marked too. */
  stems: ReadonlySet<string>
  /** The languages the query's words were stemmed in. */
  languages: readonly StemLanguage[]
}

interface Term { tokens: string[], phrase: boolean, stems: string[] }

// ASCII and typographic double quotes delimit phrases; an unpaired one is ignored.
const quote = /["“”„]/g
const ZWNJ = '\u200c'

/** Splits a query into phrases (between paired quotes) and words (everything else, at whitespace). */
function termsOf (query: string, languages: readonly StemLanguage[]): Term[] {
  const quotes = [...query.matchAll(quote)].map((m) => m.index)
  const terms: Term[] = []
  const addWords = (text: string) => {
    let chunks = text.split(/\s+/u).filter((chunk) => chunk !== '')
    // a space where Persian writes a ZWNJ (می خواهم, کتاب ها) reads as the ZWNJ
    if (languages.includes('fa')) chunks = joinPersianAffixes(chunks, (chunk) => searchTokens(chunk).join(' '), (a, b) => a + ZWNJ + b)
    for (const chunk of chunks) {
      // `women's` or `e-mail` is one term of two tokens, matched as a phrase of them
      const tokens = searchTokens(chunk)
      if (tokens.length === 0) continue
      const forms = formTokens(chunk)
      const stems = tokens.length === 1 && forms.length === 1 && languages.length > 0 ? stemsOf(forms[0]!, languages) : []
      terms.push({ tokens, phrase: false, stems })
    }
  }
  let from = 0
  for (let i = 0; i + 1 < quotes.length; i += 2) {
    const open = quotes[i]!
    const close = quotes[i + 1]!
    addWords(query.slice(from, open))
    const tokens = searchTokens(query.slice(open + 1, close))
    if (tokens.length > 0) terms.push({ tokens, phrase: true, stems: [] })
    from = close + 1
  }
  addWords(query.slice(from).replace(quote, ' '))
  return terms
}

const exactColumnFilter = `{${exactColumns.join(' ')}}`

/**
 * One term as FTS5 reads it. A phrase (or a word of several tokens) matches the exact columns
 * only: phrases stay exact. A word matches its exact form in the exact columns, or any of its
 * stems in any column: the form columns hold only stems that differ from the document's words
 * (word-forms.ts), so a stem that is itself a word is found among the exact ones. When a word's
 * only stem is itself, one unfiltered string says both.
 */
function termExpression (term: Term, prefix: boolean, columns: boolean): string {
  const exact = `"${term.tokens.join(' ')}"${prefix ? '*' : ''}`
  if (!columns) return exact
  if (term.stems.length === 0) return `${exactColumnFilter} : ${exact}`
  if (!prefix && term.stems.length === 1 && term.stems[0] === term.tokens[0]) return exact
  return `(${exactColumnFilter} : ${exact} OR ${term.stems.map((stem) => `"${stem}"`).join(' OR ')})`
}

/**
 * Reads what a reader typed. Every term must match (AND); a quoted phrase must match in order.
 * The last term is also a prefix (`shqip` finds Shqipëri) while the reader is still typing it —
 * when the query does not end in a space — and it has at least `minPrefix` characters: shorter
 * prefixes would read a large share of the index for little meaning. Words are stemmed in
 * `languages` (an edition's language when the search names one, else every language of the
 * word's script). `exactOnly` is for the title index of suggestions, which holds no word forms.
 * `anyTerm` asks for any of the terms instead (similar articles: ranked by how well they match).
 */
export function parseSearchQuery (query: string, options: { minPrefix: number, languages?: readonly StemLanguage[], exactOnly?: boolean, anyTerm?: boolean }): ParsedQuery {
  const languages = options.exactOnly === true ? [] : options.languages ?? stemLanguages
  const all = termsOf(query, languages)
  const terms = all.slice(0, MAX_QUERY_TERMS)
  const last = terms[terms.length - 1]
  const lastToken = last?.tokens[last.tokens.length - 1]
  const prefix = last !== undefined && lastToken !== undefined && !last.phrase && all.length === terms.length &&
    !/\s$/u.test(query) && Array.from(lastToken).length >= options.minPrefix
  const words = new Set<string>()
  const stems = new Set<string>()
  for (const term of terms) {
    for (const token of term.tokens) words.add(token)
    for (const stem of term.stems) stems.add(stem)
  }
  if (prefix) words.delete(lastToken)
  const match = terms.length === 0
    ? null
    : terms.map((term, index) => termExpression(term, prefix && index === terms.length - 1, options.exactOnly !== true)).join(options.exactOnly === true ? ' ' : options.anyTerm === true ? ' OR ' : ' AND ')
  return { match, words, prefixes: prefix ? [lastToken] : [], stems, languages }
}
