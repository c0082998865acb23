import { XMLBuilder } from 'fast-xml-parser'

/*
 * XML documents (feeds, sitemaps) are built as plain objects and serialized by fast-xml-parser's
 * XMLBuilder, which escapes &, <, >, " and ' in text and attributes — so `]]>` and markup in a
 * title arrive as text. It does not drop characters XML 1.0 forbids (C0 controls, lone
 * surrogates, U+FFFE/U+FFFF), which would make the document unparseable; xmlText does.
 * (xmlbuilder2 strips them itself but took ~20 s for a 50,000-URL sitemap; this takes ~1.5 s.)
 */

// XML 1.0 §2.2 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
const notXmlChar = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

/** Text safe to put in an XML 1.0 document; markup escaping is left to the builder. */
export const xmlText = (value: string): string => value.replace(notXmlChar, '')

/** Attribute names in the object model carry this prefix; `#text` is an element's text. */
export const ATTR = '@_'

const builder = new XMLBuilder({
  attributeNamePrefix: ATTR,
  ignoreAttributes: false,
  processEntities: true,
  suppressEmptyNode: true,
  // `isPermaLink="true"` is an attribute value, not a flag
  suppressBooleanAttributes: false
})

export type XmlNode = { [name: string]: XmlValue }
export type XmlValue = string | number | XmlNode | XmlValue[] | undefined

/** Serializes one root element with the XML declaration; undefined children are left out. */
export function buildXml (root: XmlNode): string {
  return builder.build({ '?xml': { [`${ATTR}version`]: '1.0', [`${ATTR}encoding`]: 'UTF-8' }, ...root })
}
