import { ATTR, buildXml, xmlText, type XmlNode } from '../xml.js'
import { creditOf, type FeedDocument, type FeedEntry } from './document.js'
import { MEDIA_RSS_NS, mediaContents, mediaThumbnail } from './media-rss.js'

/*
 * Atom 1.0 (RFC 4287). The language is the feed's xml:lang; Atom has no attribute for text
 * direction, so right-to-left content is HTML wrapped in dir="rtl" (see the service). A
 * feed-level author (the publisher) satisfies §4.1.1 for entries without a byline. Every file
 * (featured media, attachments) is a link rel="enclosure" — Atom allows several — and, with its
 * text in the feed's edition, Media RSS, which Atom readers understand as well. The comment count is RFC 4685's
 * thr:total, the Atom counterpart of RSS's slash:comments.
 */

const rfc3339 = (ms: number): string => new Date(ms).toISOString()

function entry (e: FeedEntry, language: string): XmlNode {
  return {
    id: xmlText(e.id),
    title: { [`${ATTR}type`]: 'text', '#text': xmlText(e.title) },
    link: [
      { [`${ATTR}rel`]: 'alternate', [`${ATTR}type`]: 'text/html', [`${ATTR}hreflang`]: language, [`${ATTR}href`]: xmlText(e.url) },
      ...e.enclosures.map((enclosure) => ({
        [`${ATTR}rel`]: 'enclosure',
        [`${ATTR}type`]: enclosure.mimeType,
        [`${ATTR}href`]: xmlText(enclosure.url),
        [`${ATTR}length`]: enclosure.length ?? undefined,
        [`${ATTR}title`]: enclosure.title !== null ? xmlText(enclosure.title) : undefined
      })),
      // RFC 4287 §4.2.7.2: rel=via names the source of the information
      ...(e.source?.url == null ? [] : [{ [`${ATTR}rel`]: 'via', [`${ATTR}href`]: xmlText(e.source.url), [`${ATTR}title`]: xmlText(creditOf(e.source)) }])
    ],
    published: rfc3339(e.published),
    updated: rfc3339(e.updated),
    author: e.authors.map((name) => ({ name: xmlText(name) })),
    category: e.categories.map((c) => ({ [`${ATTR}term`]: xmlText(c.name) })),
    summary: e.summary !== null ? { [`${ATTR}type`]: 'text', '#text': xmlText(e.summary) } : undefined,
    content: { [`${ATTR}type`]: 'html', '#text': xmlText(e.contentHtml) },
    // RFC 4685 §5: the approved comment count, as RSS carries slash:comments (none for a hidden section)
    'thr:total': e.commentCount ?? undefined,
    'media:content': mediaContents(e),
    'media:thumbnail': mediaThumbnail(e)
  }
}

export function renderAtom (feed: FeedDocument, selfUrl: string): string {
  return buildXml({
    feed: {
      [`${ATTR}xmlns`]: 'http://www.w3.org/2005/Atom',
      [`${ATTR}xmlns:media`]: MEDIA_RSS_NS,
      [`${ATTR}xmlns:thr`]: 'http://purl.org/syndication/thread/1.0',
      [`${ATTR}xml:lang`]: feed.language,
      id: xmlText(feed.id),
      title: { [`${ATTR}type`]: 'text', '#text': xmlText(feed.title) },
      subtitle: { [`${ATTR}type`]: 'text', '#text': xmlText(feed.description) },
      updated: rfc3339(feed.updated),
      // the alternate first: readers that take the first link take the website, not the feed itself
      link: [
        { [`${ATTR}rel`]: 'alternate', [`${ATTR}type`]: 'text/html', [`${ATTR}hreflang`]: feed.language, [`${ATTR}href`]: xmlText(feed.homeUrl) },
        { [`${ATTR}rel`]: 'self', [`${ATTR}type`]: 'application/atom+xml', [`${ATTR}href`]: xmlText(selfUrl) }
      ],
      author: { name: xmlText(feed.publisher) },
      rights: feed.copyright !== null ? xmlText(feed.copyright) : undefined,
      generator: 'Quire',
      entry: feed.entries.map((e) => entry(e, feed.language))
    }
  })
}
