import { decodeHTML } from 'entities'

/*
 * The one converter from stored HTML bodies to text, for every reader of it: search indexing and
 * highlighting (the words), the word count and reading time of every write and of the seed, the
 * excerpt fallback of articles and `body(format: TEXT)`. Bodies are sanitized editor HTML, not
 * arbitrary markup, so a tag-level pass is enough. Inline tags vanish so a word split by markup
 * (`<b>S</b>hqipëri`) stays one word; block boundaries separate words (`<p>a</p><p>b</p>` is two);
 * entities are decoded, all of HTML5's, by the `entities` package.
 */
const droppedElements = /<(script|style|template|noscript)\b[^>]*>[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->/gi
const lineBreaks = /<br\b[^>]*>/gi
const blockBoundaries = /<\/?(?:p|div|h[1-6]|li|ul|ol|dl|dt|dd|blockquote|figure|figcaption|section|article|header|footer|aside|nav|pre|table|thead|tbody|tfoot|tr|td|th|caption|hr|details|summary)\b[^>]*>/gi
// embedded media separate the words around them without breaking the paragraph
const embeds = /<\/?(?:img|iframe|video|audio)\b[^>]*>/gi
const anyTag = /<[^>]*>/g

/**
 * The words of a body as one line: what search indexes and counts. Indexing runs on every write,
 * so this skips the paragraph formatting of htmlToText (a tenth of its cost).
 */
export function htmlToWords (html: string): string {
  if (!html.includes('<') && !html.includes('&')) return html
  return decodeHTML(html.replace(droppedElements, ' ').replace(lineBreaks, ' ').replace(blockBoundaries, ' ').replace(embeds, ' ').replace(anyTag, ''))
}

/** A body as readable plain text: paragraphs separated by one blank line, `<br>` kept as a line break, whitespace inside collapsed. */
export function htmlToText (html: string): string {
  const marked = html
    .replace(droppedElements, ' ')
    .replace(lineBreaks, '\n')
    .replace(blockBoundaries, '\n\n')
    .replace(embeds, ' ')
    .replace(anyTag, '')
  return decodeHTML(marked)
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

/** Words in a body, as search sees them; one definition for writes and the seed, so both count alike. */
export function countWords (html: string): number {
  const text = htmlToWords(html).trim()
  return text === '' ? 0 : text.split(/\s+/).length
}

/** At 200 words a minute, never less than one minute. */
export function readingTimeMinutes (words: number): number {
  return Math.max(1, Math.ceil(words / 200))
}
