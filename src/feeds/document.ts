/**
 * A feed independent of its format: the service fills it from the content services, and each
 * renderer (rss.ts, atom.ts, json-feed.ts) writes it in its own syntax. Dates are epoch ms.
 */
export interface FeedDocument {
  /** Stable id of the feed itself (its Atom id); the renderers add their own self links. */
  id: string
  title: string
  description: string
  language: string
  direction: 'ltr' | 'rtl'
  /** The frontend page the feed mirrors: the edition's home page, or the category's page. */
  homeUrl: string
  /** The newest `updated` of its entries (or of its settings when empty): deterministic, never the clock. */
  updated: number
  /** Publisher name, the feed-level author Atom needs for entries without one. */
  publisher: string
  copyright: string | null
  entries: FeedEntry[]
  /** Surrogate keys of everything the feed shows (see cache-keys/surrogate-keys.ts). */
  surrogateKeys: string[]
}

export interface FeedEntry {
  /** A `tag:` URI (RFC 4151) from the article id: survives slug and title edits. */
  id: string
  url: string
  title: string
  summary: string | null
  /** The article's HTML body, wrapped with dir/lang for right-to-left editions. */
  contentHtml: string
  published: number
  updated: number
  authors: string[]
  categories: Array<{ name: string, url: string | null }>
  image: FeedImage | null
  /**
   * Files, in order: the featured media's own (a video, a document, and its downloadable
   * renditions), then the attachments'. RSS allows one <enclosure>: it gets the first.
   */
  enclosures: FeedEnclosure[]
  /** Approved comments; null when the article's comments are hidden (then feeds say nothing about them). */
  commentCount: number | null
  /** Where a republished piece first appeared, credited in every format; null for original pieces. */
  source: FeedSource | null
}

export interface FeedSource {
  name: string
  url: string | null
  publishedAt: string | null
  originalAuthor: string | null
  originalTitle: string | null
}

export interface FeedImage {
  url: string
  mimeType: string
  width: number | null
  height: number | null
  bytes: number | null
  alt: string | null
  /** Title, caption and credit in the feed's edition (media:title, media:description, media:credit). */
  text: FeedMediaText
}

export interface FeedMediaText {
  title: string | null
  description: string | null
  credit: string | null
}

export interface FeedEnclosure {
  url: string
  mimeType: string
  /** Bytes; null when the media record does not know. */
  length: number | null
  title: string | null
  durationSeconds: number | null
  /** Caption and credit in the feed's edition; the title is `title`. */
  text: FeedMediaText
}

/**
 * The one-line credit every feed format carries: publication, original byline, original headline,
 * joined by dashes. Words like "by" or "originally published in" would need translating per
 * edition, so the line uses none.
 */
export const creditOf = (source: FeedSource): string =>
  [source.name, source.originalAuthor, source.originalTitle].filter((part): part is string => part !== null).join(' — ')
