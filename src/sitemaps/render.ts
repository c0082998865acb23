import { ATTR, buildXml, xmlText } from '../xml.js'
import type { NewsSitemapUrl, SitemapUrl } from './service.js'

/*
 * sitemaps.org 0.9 documents, with Google's hreflang extension: each URL lists every language
 * version of itself (itself included) as <xhtml:link rel="alternate" hreflang="…">, and with
 * Google's image extension, each URL's images as <image:image>.
 */

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9'
const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9'
// Google's image extension. Google reads only image:loc today; caption and title (deprecated there)
// are kept for the other consumers of the sitemap, in the sitemap's edition.
const IMAGE_NS = 'http://www.google.com/schemas/sitemap-image/1.1'

/** W3C Datetime, seconds precision. */
const w3cDate = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')

export function renderUrlset (urls: readonly SitemapUrl[]): string {
  return buildXml({
    urlset: {
      [`${ATTR}xmlns`]: SITEMAP_NS,
      [`${ATTR}xmlns:xhtml`]: 'http://www.w3.org/1999/xhtml',
      [`${ATTR}xmlns:image`]: IMAGE_NS,
      url: urls.map((url) => ({
        loc: xmlText(url.loc),
        lastmod: w3cDate(url.lastmod),
        'xhtml:link': url.alternates.map((a) => ({ [`${ATTR}rel`]: 'alternate', [`${ATTR}hreflang`]: a.hreflang, [`${ATTR}href`]: xmlText(a.href) })),
        'image:image': url.images.map((image) => ({
          'image:loc': xmlText(image.loc),
          'image:caption': image.caption !== null ? xmlText(image.caption) : undefined,
          'image:title': image.title !== null ? xmlText(image.title) : undefined
        }))
      }))
    }
  })
}

export function renderIndex (files: ReadonlyArray<{ loc: string, lastmod: number | null }>): string {
  return buildXml({
    sitemapindex: {
      [`${ATTR}xmlns`]: SITEMAP_NS,
      sitemap: files.map((file) => ({ loc: xmlText(file.loc), lastmod: file.lastmod === null ? undefined : w3cDate(file.lastmod) }))
    }
  })
}

/** A Google News sitemap: a sitemaps.org urlset whose every URL carries one news:news element. */
export function renderNewsUrlset (urls: readonly NewsSitemapUrl[]): string {
  return buildXml({
    urlset: {
      [`${ATTR}xmlns`]: SITEMAP_NS,
      [`${ATTR}xmlns:news`]: NEWS_NS,
      url: urls.map((url) => ({
        loc: xmlText(url.loc),
        'news:news': {
          'news:publication': { 'news:name': xmlText(url.publicationName), 'news:language': url.language },
          'news:publication_date': w3cDate(url.publishedAt),
          'news:title': xmlText(url.title)
        }
      }))
    }
  })
}
