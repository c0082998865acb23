import transliterate from '@sindresorhus/transliterate'
import { MAX_SLUG_LENGTH } from './text-rules.js'

/**
 * A slug from a title, by the seed's rule (db/seed/text.ts slugify) with a real transliteration
 * table for Latin letters: `Straße` → `strasse`, `Łódź` → `lodz`, `Ærø` → `aero`, where Unicode
 * decomposition alone only strips accents. Arabic-script (and any other non-Latin) letters are
 * kept, so Arabic and Persian slugs stay readable; zero-width joiners, tatweel and nonspacing
 * marks (harakat) are dropped because they sit inside words. Whatever else is not in the slug
 * alphabet (editorial/text-rules.ts) becomes a hyphen, so the result always passes the slug rule.
 * Empty when the title has no letters or digits.
 */
export function slugFromTitle (title: string): string {
  let folded = ''
  for (const ch of title.normalize('NFC')) {
    folded += /\p{Script=Latin}/u.test(ch) ? transliterate(ch) : ch
  }
  const slug = folded
    .replace(/\u200c|\u200d|\u0640|\p{Mn}/gu, '')
    .toLowerCase()
    .normalize('NFC')
    .replace(/[^\p{L}\p{M}\p{Nd}]+/gu, '-')
    // a (spacing) mark needs a letter before it
    .replace(/(^|-)\p{M}+/gu, '$1')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '')
  return [...slug].slice(0, MAX_SLUG_LENGTH).join('').replace(/-+$/, '')
}

/**
 * The first of `base`, `base-2`, `base-3` … that `taken` does not report, for slugs generated from
 * titles (a slug the client chose is never altered: a clash is a 409).
 */
export function uniqueSlug (base: string, taken: (slug: string) => boolean): string {
  const root = base === '' ? 'untitled' : base
  if (!taken(root)) return root
  for (let n = 2; ; n++) {
    const candidate = `${[...root].slice(0, MAX_SLUG_LENGTH - String(n).length - 1).join('')}-${n}`
    if (!taken(candidate)) return candidate
  }
}
