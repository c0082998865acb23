import { decodeHTML } from 'entities'

// Block boundaries become spaces so `<p>a</p><p>b</p>` stays two words; inline tags vanish so a
// word split by markup (`<b>S</b>hqipëri`) stays one. graphql/text.ts formats paragraphs for
// reading; indexing every body on every write needs only the words, at a tenth of its cost.
const droppedElements = /<(script|style|template|noscript)\b[^>]*>[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->/gi
const blockBoundaries = /<\/?(?:p|div|h[1-6]|li|ul|ol|dl|dt|dd|blockquote|figure|figcaption|section|article|header|footer|aside|nav|pre|table|thead|tbody|tfoot|tr|td|th|caption|hr|br|img|iframe|video|audio|details|summary)\b[^>]*>/gi
const anyTag = /<[^>]*>/g

/** The words of an HTML body as one line of text: tags removed, entities decoded (all of HTML5's). */
export function htmlToSearchText (html: string): string {
  if (!html.includes('<') && !html.includes('&')) return html
  return decodeHTML(html.replace(droppedElements, ' ').replace(blockBoundaries, ' ').replace(anyTag, ''))
}
