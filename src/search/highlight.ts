import { escapeUTF8 } from 'entities'
import { normalizeSearchText, tokenPattern } from './normalize.js'
import { formTokens, stemsOf, type StemLanguage } from './word-forms.js'

/** Words and prefixes to mark, in normalized form (see query.ts), and stems whose forms to mark. */
export interface MarkTerms {
  words: ReadonlySet<string>
  prefixes: readonly string[]
  stems?: ReadonlySet<string>
  languages?: readonly StemLanguage[]
}

// A word of the original text as the reader sees it: combining marks (harakat, Latin diacritics)
// and joiners (ZWNJ, tatweel) stay inside it, as normalization folds them away inside the word.
const originalWord = /[\p{L}\p{N}\p{Co}\p{M}\p{Cf}]+/gu
const asciiOnly = /^\p{ASCII}*$/u

export const SNIPPET_WORDS = 30
const SNIPPET_LEAD = 8
// bodies are scanned this far for a match; past it the snippet is the excerpt or the body's start
const SNIPPET_SCAN_CHARS = 20_000

interface Word { start: number, end: number, marked: boolean }

/**
 * Marks, in HTML, the words of original text (with its diacritics, harakat and spelling variants)
 * whose normalized tokens match the query: each word is normalized on its own and compared with
 * the query's tokens, so the mark lands on the text as written, not on the index's folded copy
 * (FTS5's own snippet() could only show the folded copy). Everything else is HTML-escaped, so the
 * result is safe to insert as HTML. One instance serves one request: words seen in one result are
 * not normalized again for the next.
 */
export class Highlighter {
  readonly #terms: MarkTerms
  readonly #seen = new Map<string, boolean>()

  constructor (terms: MarkTerms) {
    this.#terms = terms
  }

  #matches (word: string): boolean {
    let known = this.#seen.get(word)
    if (known === undefined) {
      const tokens = asciiOnly.test(word) ? [word.toLowerCase()] : (normalizeSearchText(word).match(tokenPattern) ?? [])
      known = tokens.some((token) => this.#terms.words.has(token) || this.#terms.prefixes.some((p) => token.startsWith(p))) ||
        this.#hasStem(word)
      this.#seen.set(word, known)
    }
    return known
  }

  /** Whether the word is another form of a query word: one of its stems is one of the query's. */
  #hasStem (word: string): boolean {
    const { stems, languages } = this.#terms
    if (stems === undefined || stems.size === 0 || languages === undefined) return false
    return formTokens(word).some((token) => stemsOf(token, languages).some((stem) => stems.has(stem)))
  }

  /** The words of `text` up to `limit` characters, stopping after the first marked one when asked. */
  #words (text: string, limit = text.length, untilMarked = false): Word[] {
    const words: Word[] = []
    originalWord.lastIndex = 0
    for (let m = originalWord.exec(text); m !== null && m.index < limit; m = originalWord.exec(text)) {
      const marked = this.#matches(m[0])
      words.push({ start: m.index, end: m.index + m[0].length, marked })
      if (marked && untilMarked) break
    }
    return words
  }

  #render (text: string, words: readonly Word[], from: number, to: number): string {
    let html = ''
    let at = from
    for (const word of words) {
      if (!word.marked || word.start < from || word.end > to) continue
      html += `${escapeUTF8(text.slice(at, word.start))}<mark>${escapeUTF8(text.slice(word.start, word.end))}</mark>`
      at = word.end
    }
    return html + escapeUTF8(text.slice(at, to))
  }

  /** The whole text, escaped, matching words in `<mark>`. */
  mark (text: string): string {
    return this.#render(text, this.#words(text), 0, text.length)
  }

  /** Whether any word of the text matches. */
  has (text: string): boolean {
    return this.#words(text, SNIPPET_SCAN_CHARS, true).some((w) => w.marked)
  }

  /**
   * About SNIPPET_WORDS words of plain text around its first match (from a few words before it),
   * escaped and marked, with `…` where the text was cut; null when nothing in it matches.
   */
  snippet (text: string): string | null {
    const head = this.#words(text, SNIPPET_SCAN_CHARS, true)
    const first = head.findIndex((w) => w.marked)
    if (first === -1) return null
    return this.passage(text, Math.max(0, first - SNIPPET_LEAD))
  }

  /** SNIPPET_WORDS words of the text from word `fromWord`, escaped and marked. */
  passage (text: string, fromWord = 0): string {
    const words: Word[] = []
    originalWord.lastIndex = 0
    let index = 0
    for (let m = originalWord.exec(text); m !== null && words.length < SNIPPET_WORDS + 1; m = originalWord.exec(text), index++) {
      if (index >= fromWord) words.push({ start: m.index, end: m.index + m[0].length, marked: this.#matches(m[0]) })
    }
    if (words.length === 0) return ''
    const cutEnd = words.length > SNIPPET_WORDS
    const shown = cutEnd ? words.slice(0, SNIPPET_WORDS) : words
    const from = fromWord === 0 ? 0 : shown[0]!.start
    const to = cutEnd ? shown[shown.length - 1]!.end : text.length
    return `${fromWord > 0 ? '…' : ''}${this.#render(text, shown, from, to).trim()}${cutEnd ? '…' : ''}`
  }
}
