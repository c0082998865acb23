import sanitizeHtml from 'sanitize-html'

/** Video hosts whose players may be embedded when VIDEO_EMBED_HOSTS is not set. */
export const defaultVideoEmbedHosts = ['youtube.com', 'www.youtube-nocookie.com', 'player.vimeo.com'] as const

const blocks = ['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'figure', 'figcaption', 'pre', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption']
const inline = ['a', 'img', 'em', 'strong', 'b', 'i', 'u', 's', 'sub', 'sup', 'code', 'br', 'hr', 'span', 'iframe']
// `dir` and `lang` let one body mix scripts (an English quote inside an Arabic article)
const direction = 'dir'
const directions = new Set(['ltr', 'rtl', 'auto'])
const linkTarget = /^(https?:\/\/|mailto:|#)/i
const imageSource = /^https?:\/\//i

/** Attribute rules that sanitize-html cannot express, applied to the parsed (entity-decoded) attributes before its own checks. */
function refine (tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Attributes {
  const out: sanitizeHtml.Attributes = { ...attribs }
  if (out.dir !== undefined && !directions.has(out.dir.trim().toLowerCase())) delete out.dir
  if (tagName === 'a') {
    // absolute http(s), mailto: or an in-page #fragment; relative paths would resolve against whatever site renders the body
    if (out.href !== undefined && !linkTarget.test(out.href.trim())) delete out.href
    if (out.target === '_blank') out.rel = 'noopener noreferrer'
    else delete out.target
  }
  if (tagName === 'img' && out.src !== undefined && !imageSource.test(out.src.trim())) delete out.src
  return out
}

/**
 * The allowlist for rich-text bodies, applied on every write. Anything not listed is dropped:
 * scripts and styles with their content, other elements keeping their text; every attribute not
 * listed (event handlers, `style`, `class`, `srcset` …); URLs that are not http(s) (links: also mailto:
 * and #fragments) — `javascript:`, `data:`, `vbscript:`, relative paths — also when hidden with
 * entities or whitespace, since the parser decodes them before they are checked. Links opening a
 * new tab get `rel="noopener noreferrer"`; `dir` keeps only ltr, rtl or auto. Iframes stay only when their `src` is https on a configured video host (or a
 * subdomain of one).
 */
export function createRichTextSanitizer ({ videoEmbedHosts }: { videoEmbedHosts: readonly string[] }) {
  const options: sanitizeHtml.IOptions = {
    allowedTags: [...blocks, ...inline],
    allowedAttributes: {
      ...Object.fromEntries(blocks.map((tag) => [tag, [direction, 'lang']])),
      span: [direction, 'lang'],
      a: ['href', 'title', 'target', 'rel', 'hreflang', direction, 'lang'],
      img: ['src', 'alt', 'title', 'width', 'height', 'loading'],
      iframe: ['src', 'title', 'width', 'height', 'allow', 'allowfullscreen', 'loading', 'referrerpolicy'],
      ol: ['start', 'reversed', direction, 'lang'],
      th: ['colspan', 'rowspan', 'scope', direction, 'lang'],
      td: ['colspan', 'rowspan', direction, 'lang']
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'], iframe: ['https'] },
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
    allowProtocolRelative: false,
    allowedIframeDomains: [...videoEmbedHosts],
    allowIframeRelativeUrls: false,
    disallowedTagsMode: 'discard',
    // <math>/<svg> and friends are not in the list; their content goes too, not just the tag
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'svg', 'math', 'template', 'xmp', 'noembed', 'noframes', 'iframe', 'object', 'embed'],
    transformTags: { '*': (tagName, attribs) => ({ tagName, attribs: refine(tagName, attribs) }) },
    // an image or embed whose source was refused is removed rather than left empty
    exclusiveFilter: (frame) => (frame.tag === 'iframe' || frame.tag === 'img') && (frame.attribs.src === undefined || frame.attribs.src === '')
  }
  return (html: string): string => sanitizeHtml(html, options)
}

export type RichTextSanitizer = ReturnType<typeof createRichTextSanitizer>
