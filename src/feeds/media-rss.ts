import { ATTR, xmlText, type XmlNode } from '../xml.js'
import type { FeedEntry, FeedMediaText } from './document.js'

/*
 * Media RSS (rssboard.org/media-rss), shared by the RSS and Atom renderers: one <media:content>
 * per file of the entry — the featured image, then every enclosure (the featured media's files and
 * the attachments) — each with its text in the feed's edition as media:title, media:description
 * and media:credit, so a reader shows an Arabic caption in the Arabic feed.
 */

export const MEDIA_RSS_NS = 'http://search.yahoo.com/mrss/'

const mediumOf = (mimeType: string): string => {
  const family = mimeType.split('/')[0]
  return family === 'image' || family === 'video' || family === 'audio' ? family : 'document'
}

function textElements (text: FeedMediaText, title: string | null): XmlNode {
  return {
    // plain text is Media RSS's default type, so no type attribute
    ...(title !== null ? { 'media:title': xmlText(title) } : {}),
    ...(text.description !== null ? { 'media:description': xmlText(text.description) } : {}),
    ...(text.credit !== null ? { 'media:credit': xmlText(text.credit) } : {})
  }
}

export function mediaContents (entry: FeedEntry): XmlNode[] {
  const contents: XmlNode[] = []
  if (entry.image !== null) {
    contents.push({
      [`${ATTR}url`]: xmlText(entry.image.url),
      [`${ATTR}type`]: entry.image.mimeType,
      [`${ATTR}medium`]: 'image',
      [`${ATTR}fileSize`]: entry.image.bytes ?? undefined,
      [`${ATTR}width`]: entry.image.width ?? undefined,
      [`${ATTR}height`]: entry.image.height ?? undefined,
      ...textElements(entry.image.text, entry.image.text.title)
    })
  }
  for (const enclosure of entry.enclosures) {
    contents.push({
      [`${ATTR}url`]: xmlText(enclosure.url),
      [`${ATTR}type`]: enclosure.mimeType,
      [`${ATTR}medium`]: mediumOf(enclosure.mimeType),
      [`${ATTR}fileSize`]: enclosure.length ?? undefined,
      [`${ATTR}duration`]: enclosure.durationSeconds ?? undefined,
      ...textElements(enclosure.text, enclosure.title)
    })
  }
  return contents
}

export function mediaThumbnail (entry: FeedEntry): XmlNode | undefined {
  return entry.image === null
    ? undefined
    : { [`${ATTR}url`]: xmlText(entry.image.url), [`${ATTR}width`]: entry.image.width ?? undefined, [`${ATTR}height`]: entry.image.height ?? undefined }
}
