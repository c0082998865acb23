import { autop } from '@wordpress/autop'
import { attrs as shortcodeAttrs, replace as replaceShortcode } from '@wordpress/shortcode'

export interface ContentContext {
  /** Hosts whose https players the sanitizer keeps (config.videoEmbedHosts). */
  embedHosts: readonly string[]
  /** A link's new URL; null when it points into the old site at something not imported (a broken link); undefined when it is not the old site's. */
  rewriteLink: (href: string) => string | null | undefined
}

export interface ConvertedContent {
  html: string
  /** Shortcodes left as text, by name. */
  unknownShortcodes: Record<string, number>
  /** Old-site links that lead to nothing imported (kept as they were). */
  brokenLinks: string[]
}

const escapeHtml = (value: string): string => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** The player URL of a video page on a known host (YouTube, Vimeo), or null. */
export function embedUrlOf (url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url.trim())
  } catch {
    return null
  }
  const host = parsed.hostname.replace(/^www\.|^m\./, '')
  if (host === 'youtube.com' && parsed.pathname === '/watch') {
    const id = parsed.searchParams.get('v')
    return id !== null && /^[\w-]{6,20}$/.test(id) ? `https://www.youtube.com/embed/${id}` : null
  }
  if (host === 'youtu.be') {
    const id = parsed.pathname.slice(1)
    return /^[\w-]{6,20}$/.test(id) ? `https://www.youtube.com/embed/${id}` : null
  }
  if (host === 'vimeo.com') {
    const id = parsed.pathname.slice(1)
    return /^\d{1,12}$/.test(id) ? `https://player.vimeo.com/video/${id}` : null
  }
  return null
}

const hostAllowed = (src: string, hosts: readonly string[]): boolean => {
  const host = new URL(src).hostname
  return hosts.some((allowed) => host === allowed || host.endsWith(`.${allowed}`))
}

/** A figure with the player when its host may be embedded, else a plain link (the sanitizer would drop the iframe). */
function embed (url: string, hosts: readonly string[]): string | null {
  const src = embedUrlOf(url)
  if (src === null || !hostAllowed(src, hosts)) return null
  return `<figure><iframe src="${escapeHtml(src)}" width="640" height="360" allowfullscreen loading="lazy" title="Video"></iframe></figure>`
}

const fileLink = (url: string, label: string): string => `<p><a href="${escapeHtml(url)}">${escapeHtml(label)}: ${escapeHtml(decodeURIComponent(url.split('/').pop() ?? url))}</a></p>`

/**
 * WordPress post HTML → the rich text Quire stores (still sanitized by the article and page
 * commands on write). In WordPress' own order: block comments go; classic content (no blocks)
 * gets `wpautop` paragraphs; the shortcodes Quire can express become HTML — `[caption]` a
 * figure, `[embed]` and bare video URLs on their own line an iframe of an allowed host (else a
 * link), `[video]`/`[audio]` a link to the file — and every other shortcode stays as text and
 * is counted. Links into the old site are rewritten to the new frontend URLs.
 */
export function convertContent (raw: string, context: ContentContext): ConvertedContent {
  const hasBlocks = /<!--\s*wp:/.test(raw)
  let html = raw.replace(/<!--\s*\/?wp:[\s\S]*?-->/g, '')

  html = replaceShortcode('caption', html, (code) => {
    const inner = code.content ?? ''
    // the caption is what follows the image (or the image link); a caption="" attribute is the older form
    const media = /^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*<\/a>)?)([\s\S]*)$/i.exec(inner)
    const caption = (code.attrs.named.caption ?? media?.[2] ?? '').trim()
    const image = media?.[1] ?? inner
    return `<figure>${image}${caption === '' ? '' : `<figcaption>${caption}</figcaption>`}</figure>`
  })
  html = replaceShortcode('embed', html, (code) => {
    const url = (code.content ?? '').trim()
    return embed(url, context.embedHosts) ?? `<p><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>`
  })
  for (const [tag, label] of [['video', 'Video'], ['audio', 'Audio']] as const) {
    html = replaceShortcode(tag, html, (code) => {
      const named = code.attrs.named
      const url = named.src ?? named.mp4 ?? named.webm ?? named.mp3 ?? named.m4a ?? named.ogg ?? Object.values(named).find((v) => v !== undefined && /^https?:\/\//.test(v))
      return url === undefined ? '' : fileLink(url, label)
    })
  }
  // WordPress turns a video URL alone on its line into a player (oEmbed)
  html = html.replace(/^[ \t]*(https?:\/\/[^\s<]+)[ \t]*$/gm, (line, url: string) => embed(url, context.embedHosts) ?? line)

  // a block embed wraps the URL in its own figure: keep one figure around the player
  html = html.replace(/<figure\b[^>]*>\s*(?:<div\b[^>]*>\s*)?(<figure><iframe[\s\S]*?<\/iframe><\/figure>)\s*(?:<\/div>\s*)?<\/figure>/g, '$1')
  if (!hasBlocks) html = autop(html)

  const unknownShortcodes: Record<string, number> = {}
  for (const match of html.matchAll(/\[([a-zA-Z][\w-]*)(?=[\s\]/])[^\]]*\]/g)) {
    const name = match[1]!.toLowerCase()
    unknownShortcodes[name] = (unknownShortcodes[name] ?? 0) + 1
  }

  const brokenLinks: string[] = []
  html = html.replace(/(<a\b[^>]*?\bhref\s*=\s*)(["'])([^"']*)\2/gi, (whole, before: string, quote: string, href: string) => {
    const target = context.rewriteLink(href.replace(/&amp;/g, '&'))
    if (target === undefined) return whole
    if (target === null) {
      brokenLinks.push(href)
      return whole
    }
    return `${before}${quote}${escapeHtml(target)}${quote}`
  })
  // the shortcode parser memoizes attribute strings; one post's strings are no use for the next
  shortcodeAttrs.clear()
  return { html: html.trim(), unknownShortcodes, brokenLinks }
}
