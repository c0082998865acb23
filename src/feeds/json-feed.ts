import { creditOf, type FeedDocument, type FeedEntry } from './document.js'

/*
 * JSON Feed 1.1 (jsonfeed.org/version/1.1). Optional members are left out rather than null, as
 * the spec's readers expect. Text direction has no member of its own, so the feed carries the
 * `_quire` extension (spec §"Extensions": an underscore-prefixed object):
 *   "_quire": { "edition": "ar", "direction": "rtl" }
 * and right-to-left content_html is wrapped in dir="rtl" as in the XML feeds.
 */

const rfc3339 = (ms: number): string => new Date(ms).toISOString()

function item (entry: FeedEntry, language: string) {
  const tags = entry.categories.map((c) => c.name)
  return {
    id: entry.id,
    url: entry.url,
    title: entry.title,
    summary: entry.summary ?? undefined,
    content_html: entry.contentHtml,
    image: entry.image?.url,
    date_published: rfc3339(entry.published),
    date_modified: rfc3339(entry.updated),
    authors: entry.authors.length > 0 ? entry.authors.map((name) => ({ name })) : undefined,
    tags: tags.length > 0 ? tags : undefined,
    language,
    attachments: entry.enclosures.length > 0
      ? entry.enclosures.map((e) => ({
        url: e.url,
        mime_type: e.mimeType,
        title: e.title ?? undefined,
        size_in_bytes: e.length ?? undefined,
        duration_in_seconds: e.durationSeconds ?? undefined
      }))
      : undefined,
    _quire: entry.commentCount === null && entry.source === null
      ? undefined
      : { commentCount: entry.commentCount ?? undefined, source: entry.source === null ? undefined : { ...entry.source, credit: creditOf(entry.source) } }
  }
}

export function renderJsonFeed (feed: FeedDocument, selfUrl: string): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: feed.homeUrl,
    feed_url: selfUrl,
    description: feed.description,
    language: feed.language,
    authors: [{ name: feed.publisher }],
    _quire: { edition: feed.language, direction: feed.direction },
    items: feed.entries.map((entry) => item(entry, feed.language))
  })
}
