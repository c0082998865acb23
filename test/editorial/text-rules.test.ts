import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { slugFromTitle, uniqueSlug } from '../../src/editorial/slugs.js'
import { linkProblem, normalizeSlug, slugProblem, textProblem } from '../../src/editorial/text-rules.js'

/*
 * The reference the slug rule is checked against, written independently of its implementation:
 * words of letters, marks and decimal digits (a mark never first), joined by single hyphens; a
 * ZWNJ only between a letter (or its mark) and a letter.
 */
const word = String.raw`[\p{L}\p{Nd}](?:[\p{L}\p{M}\p{Nd}]|(?<=[\p{L}\p{M}])\u200c(?=\p{L}))*`
const reference = new RegExp(`^${word}(?:-${word})*$`, 'u')

// a deliberately mixed alphabet: good characters of several scripts and every bad class
const good = ['a', 'z', 'é', 'ß', 'Ω', 'ж', 'ع', 'ب', 'پ', 'گ', 'ی', 'ه', '字', 'ก', 'क', '\u093f', '\u0301', '\u064e', '0', '9', '٣', '۴', '-', '\u200c']
const bad = ['.', '/', '\\', ' ', '_', '%', '?', '#', '\u0000', '\u001f', '\u202e', '\u200b', '\u200d', '\u00ad', '\ufeff', '\u2066', '²', 'Ⅻ', '\ud800', '\udfff', '\ufffe', '😀']
const slugish = fc.array(fc.constantFrom(...good, ...good, ...bad), { minLength: 0, maxLength: 12 }).map((chars) => chars.join(''))

describe('the slug alphabet', () => {
  it('accepts exactly the reference language (property)', () => {
    fc.assert(fc.property(slugish, (slug) => {
      expect(slugProblem(slug) === null).toBe(reference.test(slug))
    }), { numRuns: 5000 })
  })

  it('accepts every well-formed word of the alphabet (property)', () => {
    const letters = fc.constantFrom('a', 'é', 'ж', 'ع', 'پ', '字', 'क', '٣', '7')
    const wordArb = fc.array(letters, { minLength: 1, maxLength: 6 }).map((c) => c.join(''))
    fc.assert(fc.property(fc.array(wordArb, { minLength: 1, maxLength: 5 }), (words) => {
      expect(slugProblem(words.join('-'))).toBeNull()
    }))
  })

  it('is closed under NFC: a slug stays a slug once normalized (property)', () => {
    fc.assert(fc.property(fc.oneof(slugish, fc.string({ unit: 'grapheme-composite' })), (slug) => {
      if (slugProblem(slug) === null) expect(slugProblem(normalizeSlug(slug))).toBeNull()
    }), { numRuns: 3000 })
  })

  it('generated slugs always obey it (property)', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), slugish), (title) => {
      const slug = uniqueSlug(slugFromTitle(title), () => false)
      expect(slugProblem(slug)).toBeNull()
      expect(slug).toBe(normalizeSlug(slug))
    }), { numRuns: 3000 })
  })

  it.each([
    ['Arabic', 'أخبار-عاجلة-من-غزة'],
    ['Persian with ZWNJ', 'گزارش-ویژه\u200cی-امروز'],
    ['Persian plural with ZWNJ', 'کتاب\u200cها'],
    ['Albanian', 'ëndërr-e-çmendur-në-tiranë'],
    ['Arabic-Indic digits', 'تقرير-٢٠٢٤'],
    ['Devanagari with spacing marks', 'हिन्दी-समाचार'],
    ['ASCII', 'floods-in-the-valley-2']
  ])('accepts %s', (_, slug) => {
    expect(slugProblem(slug)).toBeNull()
  })

  it.each([
    ['empty', ''],
    ['dot', '.'],
    ['dot-dot', '..'],
    ['a dot inside', 'a.b'],
    ['slash', 'a/b'],
    ['backslash', 'a\\b'],
    ['space', 'a b'],
    ['underscore', 'a_b'],
    ['NUL', 'a\u0000b'],
    ['bidi override U+202E', 'abc\u202egpj'],
    ['bidi isolate U+2066', '\u2066abc'],
    ['zero-width space', 'a\u200bb'],
    ['zero-width joiner', 'a\u200db'],
    ['soft hyphen', 'a\u00adb'],
    ['BOM', '\ufeffabc'],
    ['leading hyphen', '-abc'],
    ['trailing hyphen', 'abc-'],
    ['double hyphen', 'a--b'],
    ['ZWNJ first', '\u200cکتاب'],
    ['ZWNJ last', 'کتاب\u200c'],
    ['ZWNJ after a digit', '۴\u200cها'],
    ['ZWNJ before a hyphen', 'کتاب\u200c-ها'],
    ['double ZWNJ', 'کتاب\u200c\u200cها'],
    ['a mark first', '\u0301abc'],
    ['a mark after a hyphen', 'a-\u0301b'],
    ['superscript digit', 'x²'],
    ['emoji', 'a😀'],
    ['lone surrogate', 'a\ud800'],
    ['too long', 'a'.repeat(201)]
  ])('refuses %s', (_, slug) => {
    expect(slugProblem(slug)).not.toBeNull()
    expect(textProblem(slug, 'slug')).not.toBeNull()
  })
})

describe('text of a line and of several lines', () => {
  const classes: Array<[string, string]> = [
    ['a lone high surrogate', '\ud83d'],
    ['a lone low surrogate', '\ude00'],
    ['NUL', '\u0000'],
    ['BEL', '\u0007'],
    ['ESC', '\u001b'],
    ['DEL', '\u007f'],
    ['a C1 control (NEL)', '\u0085'],
    ['noncharacter U+FFFE', '\ufffe'],
    ['noncharacter U+FFFF', '\uffff'],
    ['noncharacter U+FDD0', '\ufdd0'],
    ['noncharacter U+1FFFF', '\u{1ffff}']
  ]
  it.each(classes)('refuses %s in both', (_, ch) => {
    expect(textProblem(`Title ${ch} here`, 'line')).not.toBeNull()
    expect(textProblem(`Body ${ch} here`, 'multiline')).not.toBeNull()
  })

  it.each([['tab', '\t'], ['line feed', '\n'], ['carriage return', '\r']])('%s: only in multi-line text', (_, ch) => {
    expect(textProblem(`a${ch}b`, 'line')).not.toBeNull()
    expect(textProblem(`a${ch}b`, 'multiline')).toBeNull()
  })

  it('keeps what real text needs: every script, emoji, direction marks, ZWNJ', () => {
    for (const text of ['أخبار عاجلة من غزة', 'گزارش ویژه\u200cی امروز', 'Ëndërr e çmendur', 'English \u200fمختلط\u200e text', 'Flood 🌊 warning', '“Quotes” — dashes']) {
      expect(textProblem(text, 'line')).toBeNull()
    }
  })
})

describe('links and URLs', () => {
  it.each([
    '/about', '/ar/أخبار', '/search?q=a%20b#top', '/', 'https://example.org', 'http://example.org/path?x=1', 'HTTPS://EXAMPLE.ORG/',
    'mailto:desk@example.org', 'https://xn--mgbh0fb.example/مقالة'
  ])('a link may be %s', (link) => {
    expect(linkProblem(link, { paths: true, mailto: true })).toBeNull()
  })

  it.each([
    ['a backslash path browsers read as //host', '/\\evil.example'],
    ['protocol-relative', '//evil.example'],
    ['protocol-relative with backslashes', '\\\\evil.example'],
    ['a slash then backslash inside', '/a\\b'],
    ['tab inside the slashes', '/\t/evil.example'],
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['vbscript:', 'vbscript:msgbox'],
    ['relative without slash', 'about'],
    ['a fragment only', '#top'],
    ['a query only', '?q=1'],
    ['http without host', 'http:/example.org'],
    ['https with a backslash authority', 'https:\\\\evil.example'],
    ['credentials', 'https://trusted.example@evil.example/'],
    ['whitespace', 'https://example.org/a b'],
    ['leading space', ' https://example.org'],
    ['NUL', '/a\u0000'],
    ['an empty mailto', 'mailto:'],
    ['ftp', 'ftp://example.org/file']
  ])('a link may not be %s', (_, link) => {
    expect(linkProblem(link, { paths: true, mailto: true })).not.toBeNull()
  })

  it('a URL (media, sources, social links) is absolute http(s) only', () => {
    expect(linkProblem('https://cdn.example/a.jpg', { paths: false, mailto: false })).toBeNull()
    expect(linkProblem('/a.jpg', { paths: false, mailto: false })).not.toBeNull()
    expect(linkProblem('mailto:a@example.org', { paths: false, mailto: false })).not.toBeNull()
  })
})
