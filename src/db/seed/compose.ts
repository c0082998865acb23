import { placeCount, subjectTopics, type ArticleFormat, type EditionContent, type TopicKey } from './content/types.js'
import { escapeHtml, slugify } from './text.js'

/** Distinct headlines a phrase bank can produce; indexes beyond this repeat. */
export const headlineCount = subjectTopics.length * placeCount

export interface Headline {
  title: string
  slug: string
  excerpt: string
  topic: TopicKey
}

function parts (c: EditionContent, k: number): { subject: string, place: string, topic: TopicKey } {
  const s = k % subjectTopics.length
  const p = Math.floor(k / subjectTopics.length) % placeCount
  return { subject: c.subjects[s] ?? '', place: c.places[p] ?? '', topic: subjectTopics[s] ?? 'politics' }
}

/** Headline number k of an edition; the same k in two editions is the same story translated. */
export function headline (c: EditionContent, k: number, format: ArticleFormat = 'news'): Headline {
  const { subject, place, topic } = parts(c, k)
  const base = c.headline(subject, place)
  const title = format === 'news' ? base : `${c.formatPrefixes[format]} ${base}`
  return { title, slug: slugify(title), excerpt: c.excerpt(subject, place), topic }
}

/** A fixed mix of formats, so every Media and Publications category gets a few articles. */
export function formatOf (i: number): ArticleFormat {
  if (i % 12 === 5) return 'video'
  if (i % 12 === 9) return 'pictures'
  if (i % 20 === 7) return 'cartoon'
  if (i % 15 === 11) return 'brief'
  if (i === 13 || i === 43) return 'book'
  if (i === 19 || i === 49) return 'newsletter'
  if (i === 31) return 'gallery'
  return 'news'
}

export interface Figure {
  url: string
  width: number | null
  height: number | null
  caption: string
}

export interface BodyExtras {
  figures?: readonly Figure[]
  videoUrl?: string
  documentUrl?: string
  reportHref: string
}

export function figureHtml (f: Figure): string {
  const size = f.width !== null && f.height !== null ? ` width="${f.width}" height="${f.height}"` : ''
  const caption = escapeHtml(f.caption)
  return `<figure><img src="${f.url}" alt="${caption}"${size}><figcaption>${caption}</figcaption></figure>`
}

/**
 * Body for headline k; `variant` decides which optional blocks appear so that
 * bodies differ in structure, not only in wording.
 */
export function articleBody (c: EditionContent, k: number, variant: number, extras: BodyExtras): string {
  const { subject, place } = parts(c, k)
  const para = (n: number): string => `<p>${c.paragraphs[n % c.paragraphs.length] ?? ''}</p>`
  const html = [`<p>${c.lead(subject, place)}</p>`]
  if (extras.videoUrl !== undefined) html.push(`<p><a href="${extras.videoUrl}">${c.labels.watchVideo}</a></p>`)
  html.push(para(k + variant))
  if (variant % 3 === 0) html.push(`<h2>${c.subheads[k % c.subheads.length] ?? ''}</h2>`)
  html.push(para(k + variant + 3))
  for (const f of extras.figures ?? []) html.push(figureHtml(f))
  if (variant % 4 === 1) html.push(`<blockquote><p>${c.quotes[(k + variant) % c.quotes.length] ?? ''}</p></blockquote>`)
  if (variant % 5 === 2) {
    const items = [0, 1, 2].map((j) => `<li>${c.keyPoints.items[(k + j) % c.keyPoints.items.length] ?? ''}</li>`)
    html.push(`<p>${c.keyPoints.intro}</p><ul>${items.join('')}</ul>`)
  }
  if (variant % 2 === 0) html.push(`<h2>${c.subheads[(k + 2) % c.subheads.length] ?? ''}</h2>`)
  html.push(para(k + variant + 5))
  // a few long reads, so reading times are not all one minute
  const more = variant % 6 === 0 ? 6 : variant % 17 === 4 ? 24 : 0
  if (more > 0) html.push(`<h2>${c.subheads[(k + 3) % c.subheads.length] ?? ''}</h2>`)
  for (let j = 0; j < more; j++) html.push(para(k + variant + 6 + j))
  if (extras.documentUrl !== undefined) html.push(`<p><a href="${extras.documentUrl}">${c.labels.downloadDocument}</a></p>`)
  html.push(`<p>${c.reportLink(extras.reportHref)}</p>`)
  return html.join('')
}
