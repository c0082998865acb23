import { BoundedMap } from '../bounded-map.js'
import { normalizeSearchText, searchTokens, tokenPattern } from './normalize.js'
import { lightStemArabic } from './stemmers/arabic.js'
import { stemAlbanian } from './stemmers/albanian.js'
import { stemEnglish } from './stemmers/english.js'
import { persianPrefixWords, persianSuffixWords, stemPersian } from './stemmers/persian.js'

/*
 * Word forms: beside the exact (normalized) words, the index holds each word's stem in the
 * language of its edition, and a query word also matches the stems of its forms. The same
 * functions run at index time (through the SQL function quire_search_forms, sql-functions.ts) and
 * at query time (query.ts), so a form matches another exactly when both reduce to one stem.
 * Hamza is one letter here whatever its seat (normalize.ts), so مسئول finds مسؤول.
 */

export const stemLanguages = ['ar', 'fa', 'sq', 'en'] as const
export type StemLanguage = typeof stemLanguages[number]

// A text repeats its words (Zipf): remembering each token's stem spares most stemmer calls, which
// were the largest share of indexing's JS time. Bounded: a few MB per language.
const STEM_MEMO_SIZE = 20_000

function memoized (stem: (token: string) => string): (token: string) => string {
  const memo = new BoundedMap<string, string>(STEM_MEMO_SIZE)
  return (token) => {
    let result = memo.get(token)
    if (result === undefined) {
      result = stem(token)
      memo.set(token, result)
    }
    return result
  }
}

const stemmers: Record<StemLanguage, (token: string) => string> = {
  ar: memoized(lightStemArabic),
  fa: memoized(stemPersian),
  sq: memoized(stemAlbanian),
  en: memoized(stemEnglish)
}

/**
 * The stemmer's language of an edition: the language subtag of its code (`fa`, `sq-XK` → sq), null
 * for a language without one (its words are still indexed with hamza folded, unstemmed).
 */
export function languageOfEdition (code: string): StemLanguage | null {
  const language = code.split('-')[0]!.toLowerCase()
  return (stemLanguages as readonly string[]).includes(language) ? language as StemLanguage : null
}

const arabicScript = /\p{Script=Arabic}/u
const latinScript = /\p{Script=Latin}/u

/** The languages a word may be in, judged by its script, among those a query is limited to. */
export function languagesOfWord (word: string, languages: readonly StemLanguage[]): StemLanguage[] {
  const script = arabicScript.test(word) ? ['ar', 'fa'] : latinScript.test(word) ? ['en', 'sq'] : []
  return languages.filter((language) => script.includes(language))
}

/**
 * Joins Persian affixes written apart with a space where a ZWNJ belongs (می خواهم → میخواهم,
 * کتاب ها → کتابها), as normalization joins those written with a ZWNJ. `key` gives the normalized
 * form of an item; items are joined with `glue`.
 */
export function joinPersianAffixes<T> (items: readonly T[], key: (item: T) => string, glue: (a: T, b: T) => T): T[] {
  const joined: T[] = []
  for (let i = 0; i < items.length; i++) {
    let item: T = items[i] as T
    if (persianPrefixWords.has(key(item)) && i + 1 < items.length && arabicScript.test(key(items[i + 1]!))) item = glue(item, items[++i]!)
    const previous = joined[joined.length - 1]
    if (persianSuffixWords.has(key(item)) && previous !== undefined && arabicScript.test(key(previous)) && !persianPrefixWords.has(key(previous))) {
      joined[joined.length - 1] = glue(previous, item)
    } else {
      joined.push(item)
    }
  }
  return joined
}

/** Hamza-folded tokens of a text: what stems are taken from. */
export function formTokens (text: string): string[] {
  return normalizeSearchText(text, { hamza: 'letter' }).match(tokenPattern) ?? []
}

/** The stems of one hamza-folded token in each of `languages` (the token itself with none). */
export function stemsOf (token: string, languages: readonly StemLanguage[]): string[] {
  const candidates = languagesOfWord(token, languages)
  if (candidates.length === 0) return [token]
  return [...new Set(candidates.map((language) => stemmers[language](token)))]
}

/**
 * The word-form text the index holds for a text of an edition in `language`: the stem of each
 * word, except stems that are already words of the text's exact column. A query looks its stems
 * up in every column (query.ts), so those would only be found twice — and every indexed token
 * lengthens the document, which bm25 charges to all its matches.
 */
export function indexedForms (text: string, language: StemLanguage | null): string {
  const exact = new Set(searchTokens(text))
  let tokens = formTokens(text)
  if (language === 'fa') tokens = joinPersianAffixes(tokens, (t) => t, (a, b) => a + b)
  const forms: string[] = []
  for (const token of tokens) {
    // a word in another script (a Latin name in Arabic text) is kept whole
    const form = language !== null && languagesOfWord(token, [language]).length > 0 ? stemmers[language](token) : token
    if (!exact.has(form)) forms.push(form)
  }
  return forms.join(' ')
}
