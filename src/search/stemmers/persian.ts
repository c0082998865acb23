/*
 * Persian word forms by affix stripping (no Snowball stemmer exists for Persian). Input is a
 * normalized token: ی is ي, ک is ك, ZWNJ removed, so کتاب‌ها arrives as كتابها. Forms that
 * separate ones written apart have already been joined (joinPersianAffixes, word-forms.ts).
 * Removed, in order, each at most once and only while the stem keeps enough letters:
 * - the verbal prefixes نمی / می (می‌خواهم, نمی‌روند) and then a personal ending (م ی یم ید ند د);
 * - plural ها / های / هایی (the ezafe or indefinite ی after ها included), or the plurals ان / ات
 *   of longer words (کودکان, ناشران, محصولات);
 * - comparative and superlative تر / ترین;
 * - ezafe or indefinite ی (کتابی, خانه‌ی, نانوایی‌ها).
 * ان also ends words that are no plurals (ایران, تابستان): they lose it too, at index and query time
 * alike, so they still find themselves; broken Arabic plurals are left alone.
 */

const verbPrefixes = ['نمي', 'مي']
const personalEndings = ['يم', 'يد', 'ند', 'م', 'ي', 'د']
const plurals = ['هايي', 'هاي', 'ها']
const degrees = ['ترين', 'تر']

function strip (word: string, affixes: readonly string[], keep: number): string {
  const affix = affixes.find((a) => word.endsWith(a) && word.length - a.length >= keep)
  return affix === undefined ? word : word.slice(0, -affix.length)
}

export function stemPersian (token: string): string {
  let word = token
  const prefix = verbPrefixes.find((p) => word.startsWith(p) && word.length - p.length >= 2)
  if (prefix !== undefined) return strip(word.slice(prefix.length), personalEndings, 2)
  const withoutHa = strip(word, plurals, 2)
  word = withoutHa !== word ? withoutHa : strip(word, ['ان', 'ات'], 3)
  word = strip(word, degrees, 3)
  return strip(word, ['ي'], 3)
}

/** Words written apart from their stem, by a space where a ZWNJ belongs (می خواهم, کتاب ها). */
export const persianPrefixWords: ReadonlySet<string> = new Set(verbPrefixes)
export const persianSuffixWords: ReadonlySet<string> = new Set([...plurals, ...degrees])
