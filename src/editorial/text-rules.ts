/*
 * What text Quire stores: the one rule for every string a client writes, whatever the protocol.
 * The request validators (src/schemas/text-validation.ts) apply it to every string of every write
 * body by its kind; the slug generator produces only slugs it accepts.
 *
 * - line (the default): well-formed UTF-16 (no lone surrogate), no control character (C0, DEL,
 *   C1), no noncharacter (U+FDD0–U+FDEF, U+xxFFFE, U+xxFFFF). Format characters such as the
 *   right-to-left mark stay allowed: mixed-direction titles need them.
 * - multiline (bodies, excerpts, descriptions, bios): the same, with tab, line feed and carriage return.
 * - slug: NFC-normalized first (the stored form), then letters and marks of any script, decimal
 *   digits and single hyphens between them; a zero-width non-joiner (U+200C) only between letters,
 *   where Persian spelling needs it. So no `.`/`..`, no bidi overrides, no zero-width or
 *   invisible characters, nothing a URL or a file path treats specially.
 * - url: an absolute http(s) URL (a file, a source, a profile) — see linkProblem.
 * - link: what a menu may point at — a path on the site itself, or an absolute http(s) or mailto URL.
 */

export const textKinds = ['line', 'multiline', 'slug', 'url', 'link'] as const
export type TextKind = typeof textKinds[number]

export const MAX_SLUG_LENGTH = 200

const ZWNJ = '\u200c'
const slugLetter = /^[\p{L}\p{Nd}]$/u
const slugMark = /^\p{M}$/u
const letter = /^\p{L}$/u
const letterOrMark = /^[\p{L}\p{M}]$/u
const control = /\p{Cc}/u
const controlOtherThanLineBreaks = /(?![\t\n\r])\p{Cc}/u

const codePoint = (ch: string): string => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
const isNonCharacter = (cp: number): boolean => (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe

function wellFormedProblem (value: string): string | null {
  if (!(value as string & { isWellFormed: () => boolean }).isWellFormed()) return 'must be well-formed Unicode (it contains a lone surrogate)'
  for (const ch of value) {
    if (isNonCharacter(ch.codePointAt(0)!)) return `must not contain the Unicode noncharacter ${codePoint(ch)}`
  }
  return null
}

/** Why `value` is not acceptable text of this kind, or null when it is. Slugs are checked as given: normalize them first (normalizeSlug). */
export function textProblem (value: string, kind: TextKind): string | null {
  const malformed = wellFormedProblem(value)
  if (malformed !== null) return malformed
  switch (kind) {
    case 'multiline': {
      const found = controlOtherThanLineBreaks.exec(value)
      return found === null ? null : `must not contain control characters other than tab, line feed and carriage return (found ${codePoint(found[0])})`
    }
    case 'slug': return slugProblem(value)
    case 'url': return linkProblem(value, { paths: false, mailto: false })
    case 'link': return linkProblem(value, { paths: true, mailto: true })
    case 'line': {
      const found = control.exec(value)
      return found === null ? null : `must not contain control characters (found ${codePoint(found[0])}); it is a single line of text`
    }
  }
}

/** The stored form of a slug: NFC, so one spelling of a word is one slug (and one URL). */
export const normalizeSlug = (slug: string): string => slug.normalize('NFC')

/** Why `slug` is not a slug (see the rule at the top), or null when it is. */
export function slugProblem (slug: string): string | null {
  const chars = [...slug]
  if (chars.length === 0) return 'must not be empty'
  if (chars.length > MAX_SLUG_LENGTH) return `must be at most ${MAX_SLUG_LENGTH} characters`
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!
    const before = chars[i - 1]
    const after = chars[i + 1]
    if (ch === '-') {
      if (before === undefined || after === undefined) return 'must not start or end with a hyphen'
      if (after === '-') return 'must not contain two hyphens in a row'
    } else if (ch === ZWNJ) {
      if (before === undefined || after === undefined || !letterOrMark.test(before) || !letter.test(after)) {
        return 'may contain a zero-width non-joiner (U+200C) only between two letters'
      }
    } else if (slugMark.test(ch)) {
      if (before === undefined || before === '-' || before === ZWNJ) return `must not start a word with the combining mark ${codePoint(ch)}`
    } else if (!slugLetter.test(ch)) {
      return `may contain only letters, marks, digits and hyphens; ${ch === ' ' ? 'a space' : codePoint(ch)} is not allowed`
    }
  }
  return null
}

const PROBE_ORIGIN = 'https://origin.invalid'

/**
 * Why `value` may not be stored as a link that frontends render, or null when it may. Parsed as a
 * browser parses an href (WHATWG URL), so what is checked is what a reader's browser will follow:
 * `/\evil.example` and `//evil.example` resolve to another host and are refused, as are
 * backslashes anywhere (browsers read them as slashes), whitespace, credentials in the URL and
 * any scheme but http(s) (and mailto where allowed).
 */
export function linkProblem (value: string, allow: { paths: boolean, mailto: boolean }): string | null {
  const wanted = allow.paths ? 'an http(s) or mailto URL or a path starting with a single /' : 'an absolute http(s) URL'
  if (/[\s\\]/u.test(value) || control.test(value)) return `must be ${wanted}, without whitespace, control characters or backslashes`
  if (value.startsWith('/')) {
    if (!allow.paths) return `must be ${wanted}`
    let resolved: URL
    try { resolved = new URL(value, `${PROBE_ORIGIN}/`) } catch { return `must be ${wanted}` }
    if (value.startsWith('//') || resolved.origin !== PROBE_ORIGIN) return 'must be a path on this site (starting with a single /), not a link to another host'
    return null
  }
  let url: URL
  try { url = new URL(value) } catch { return `must be ${wanted}` }
  if (url.protocol === 'mailto:' && allow.mailto) return url.pathname === '' ? `must be ${wanted}` : null
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `must be ${wanted}`
  if (!/^https?:\/\/[^/]/iu.test(value) || url.hostname === '') return `must be ${wanted}`
  if (url.username !== '' || url.password !== '') return 'must not contain credentials (user:password@)'
  return null
}
