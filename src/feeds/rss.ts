import { ATTR, buildXml, xmlText, type XmlNode } from '../xml.js'
import { creditOf, type FeedDocument, type FeedEntry } from './document.js'
import { MEDIA_RSS_NS, mediaContents, mediaThumbnail } from './media-rss.js'

/*
 * RSS 2.0 (rssboard.org/rss-specification) with the modules readers expect: content:encoded for
 * the full HTML body, dc:creator for author names (RSS <author> must be an e-mail address),
 * atom:link rel=self, and Media RSS for the featured image and every file. RSS allows one
 * <enclosure> per item in practice, so it carries the first file — the featured video's or
 * document's own, else the first attachment; Media RSS lists them all (media-rss.ts).
 * RSS has no element for text direction; the HTML content carries dir="rtl" (see the service).
 */

/** RFC 822 dates, as RSS 2.0 requires (with a four-digit year, per RFC 1123). */
const rfc822 = (ms: number): string => new Date(ms).toUTCString()

function item (entry: FeedEntry): XmlNode {
  const first = entry.enclosures[0]
  return {
    title: xmlText(entry.title),
    link: xmlText(entry.url),
    guid: { [`${ATTR}isPermaLink`]: 'false', '#text': xmlText(entry.id) },
    description: entry.summary !== null ? xmlText(entry.summary) : undefined,
    'content:encoded': xmlText(entry.contentHtml),
    'dc:creator': entry.authors.map(xmlText),
    category: entry.categories.map((c) => c.url === null
      ? xmlText(c.name)
      : { [`${ATTR}domain`]: xmlText(c.url), '#text': xmlText(c.name) }),
    pubDate: rfc822(entry.published),
    // the Slash module's comment count, as WordPress feeds carry it
    'slash:comments': entry.commentCount ?? undefined,
    // RSS 2.0 <source>: the publication a republished item came from (its url attribute is required);
    // the original's byline and headline ride along as Dublin Core
    source: entry.source?.url == null ? undefined : { [`${ATTR}url`]: xmlText(entry.source.url), '#text': xmlText(entry.source.name) },
    'dc:source': entry.source === null ? undefined : xmlText(creditOf(entry.source)),
    // RSS requires length; 0 is the RSS Advisory Board's value for an unknown size
    enclosure: first === undefined
      ? undefined
      : { [`${ATTR}url`]: xmlText(first.url), [`${ATTR}length`]: first.length ?? 0, [`${ATTR}type`]: first.mimeType },
    'media:content': mediaContents(entry),
    'media:thumbnail': mediaThumbnail(entry)
  }
}

export function renderRss (feed: FeedDocument, selfUrl: string): string {
  return buildXml({
    rss: {
      [`${ATTR}version`]: '2.0',
      [`${ATTR}xmlns:atom`]: 'http://www.w3.org/2005/Atom',
      [`${ATTR}xmlns:content`]: 'http://purl.org/rss/1.0/modules/content/',
      [`${ATTR}xmlns:dc`]: 'http://purl.org/dc/elements/1.1/',
      [`${ATTR}xmlns:media`]: MEDIA_RSS_NS,
      [`${ATTR}xmlns:slash`]: 'http://purl.org/rss/1.0/modules/slash/',
      channel: {
        title: xmlText(feed.title),
        link: xmlText(feed.homeUrl),
        description: xmlText(feed.description),
        language: feed.language,
        copyright: feed.copyright !== null ? xmlText(feed.copyright) : undefined,
        lastBuildDate: rfc822(feed.updated),
        generator: 'Quire',
        docs: 'https://www.rssboard.org/rss-specification',
        'atom:link': { [`${ATTR}href`]: xmlText(selfUrl), [`${ATTR}rel`]: 'self', [`${ATTR}type`]: 'application/rss+xml' },
        item: feed.entries.map(item)
      }
    }
  })
}
