/**
 * Plain text from stored HTML bodies, for `body(format: TEXT)` and the excerpt fallback. Bodies
 * are editor-produced HTML, not arbitrary markup, so a tag-level pass is enough: block elements
 * become paragraph breaks, everything else inline, entities decoded.
 */
const droppedElements = /<(script|style|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi
const comments = /<!--[\s\S]*?-->/g
const lineBreaks = /<br\s*\/?>/gi
const blockBoundaries = /<\/?(p|div|h[1-6]|li|ul|ol|blockquote|figure|figcaption|section|article|header|footer|aside|pre|table|tr|hr)\b[^>]*>/gi
const anyTag = /<[^>]*>/g

const namedEntities: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ndash: '–', mdash: '—',
  hellip: '…', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', zwnj: '\u200c', zwj: '\u200d'
}

function decodeEntities (text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10)
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole
    }
    return namedEntities[name.toLowerCase()] ?? whole
  })
}

/** Paragraphs separated by one blank line, whitespace inside each collapsed. */
export function htmlToText (html: string): string {
  const marked = html
    .replace(droppedElements, ' ')
    .replace(comments, ' ')
    .replace(lineBreaks, '\n')
    .replace(blockBoundaries, '\n\n')
    .replace(anyTag, '')
  return decodeEntities(marked)
    .split(/\n{2,}/)
    .map((block) => block.split('\n').map((line) => line.replace(/[ \t\r\f\v\u00a0]+/g, ' ').trim()).filter((line) => line !== '').join('\n'))
    .filter((block) => block !== '')
    .join('\n\n')
}

export const EXCERPT_LENGTH = 200

/**
 * The start of a body as one line of plain text, cut at a word boundary near `length` characters
 * (counted in code points, so no script is cut inside a character) and marked with an ellipsis.
 */
export function excerptFromHtml (html: string, length = EXCERPT_LENGTH): string {
  const text = htmlToText(html).replace(/\s+/g, ' ').trim()
  const chars = Array.from(text)
  if (chars.length <= length) return text
  const cut = chars.slice(0, length).join('')
  const boundary = cut.lastIndexOf(' ')
  const head = boundary >= length * 0.6 ? cut.slice(0, boundary) : cut
  return `${head.replace(/[\s,.;:!?،؛]+$/u, '')}…`
}
