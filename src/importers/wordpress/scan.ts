import { detached } from './detached.js'
import { contentHash } from './mappings.js'
import { readWxr } from './wxr-reader.js'
import type { WxrAuthor, WxrPost, WxrSite, WxrTerm } from './wxr-types.js'

export type EditionSource = 'polylang' | 'wpml' | 'none'

/** What the importer needs to know before it writes anything: small per item, never a body. */
export interface PostIndexEntry {
  postType: string
  lang: string | null
  group: string | null
  postName: string
  title: string
}

/**
 * An attachment as the import needs it. The scan holds every attachment until the posts come, so
 * it keeps these few fields and a digest of the whole item (its change detection), not the item.
 */
export interface AttachmentEntry {
  id: string
  title: string
  excerpt: string
  guid: string
  attachmentUrl: string
  meta: { _wp_attached_file?: string, _wp_attachment_metadata?: string, _wp_attachment_image_alt?: string }
  digest: string
}

/** Per post or page until the edition source is known: both plugins' readings, a few short strings. */
interface PendingEntry { id: string, postType: string, postName: string, title: string, paths: string[], polylang: [string | null, string | null], wpml: [string | null, string | null] }

export interface WxrScan {
  site: WxrSite
  authors: Map<string, WxrAuthor>
  terms: WxrTerm[]
  /** Polylang / WPML: the language (edition code) of each category by its WordPress term id, and its translation group. */
  termLanguages: Map<string, { lang: string, group: string }>
  /** Languages declared by Polylang (`language` terms): code → name. */
  languages: Map<string, string>
  posts: Map<string, PostIndexEntry>
  /** Attachments, what the import reads of them: imported before the posts that feature them. */
  attachments: AttachmentEntry[]
  menuItems: WxrPost[]
  /** Translation group → the WordPress ids of its posts and pages. */
  groups: Map<string, string[]>
  /** Old-site paths → WordPress post id, for rewriting links inside bodies. */
  linkIndex: Map<string, string>
  editionSource: EditionSource
  items: number
}

const detachedOrNull = (text: string | null | undefined): string | null => text == null ? null : detached(text)

/** `a:2:{s:2:"en";i:3;s:2:"ar";i:7;}` (PHP serialize, as Polylang stores translation groups) → { en: '3', ar: '7' }. */
export function parsePhpLangMap (serialized: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const m of serialized.matchAll(/s:\d+:"([a-zA-Z_-]{2,35})";i:(\d+);/g)) out[m[1]!] = m[2]!
  return out
}

const pathOf = (link: string): string | null => {
  try {
    const url = new URL(link)
    return decodeURIComponent(url.pathname).normalize('NFC').replace(/\/?$/, '/')
  } catch {
    return null
  }
}

export function languageOf (item: WxrPost, source: EditionSource): string | null {
  if (source === 'polylang') return item.terms.find((t) => t.domain === 'language')?.nicename ?? null
  if (source === 'wpml') return item.meta._wpml_language ?? item.terms.find((t) => t.domain === 'wpml_language')?.nicename ?? null
  return null
}

export function translationGroupOf (item: WxrPost, source: EditionSource): string | null {
  if (source === 'polylang') return item.terms.find((t) => t.domain === 'post_translations')?.nicename ?? null
  if (source === 'wpml') return item.meta._wpml_trid === undefined ? null : `trid-${item.meta._wpml_trid}`
  return null
}

/**
 * The first read of the export: checks the whole file is WXR and well-formed (a broken file is
 * refused before anything is written) and keeps the small indexes the import needs ahead of the
 * items — languages, translation groups, links, attachments and menu items. Bodies are not kept.
 */
export async function scanWxr (path: string, requested: EditionSource | 'auto'): Promise<WxrScan> {
  let site: WxrSite | null = null
  const authors = new Map<string, WxrAuthor>()
  const terms: WxrTerm[] = []
  const posts = new Map<string, PostIndexEntry>()
  const attachments: AttachmentEntry[] = []
  const menuItems: WxrPost[] = []
  // the edition source is known only at the end (WPML metadata can first appear on any item), so
  // both readings are kept per post: a few strings, never the item
  const pending: PendingEntry[] = []
  let sawPolylang = false
  let sawWpml = false
  let items = 0
  for await (const record of readWxr(path, { skipContent: true })) {
    if (record.type === 'site') site = record
    else if (record.type === 'author') authors.set(record.login, record)
    else if (record.type === 'term') {
      terms.push(record)
      if (record.taxonomy === 'language' || record.taxonomy === 'post_translations') sawPolylang = true
    } else {
      items++
      if (record.meta._wpml_language !== undefined) sawWpml = true
      if (record.postType === 'attachment') {
        const meta: AttachmentEntry['meta'] = {}
        for (const key of ['_wp_attached_file', '_wp_attachment_metadata', '_wp_attachment_image_alt'] as const) {
          const value = record.meta[key]
          if (value !== undefined) meta[key] = detached(value)
        }
        attachments.push({
          id: detached(record.id),
          title: detached(record.title),
          excerpt: detached(record.excerpt),
          guid: detached(record.guid),
          attachmentUrl: detached(record.attachmentUrl),
          meta,
          digest: contentHash({ ...record, comments: [], line: 0 })
        })
      } else if (record.postType === 'nav_menu_item') menuItems.push(record)
      else {
        pending.push({
          id: detached(record.id),
          postType: detached(record.postType),
          postName: detached(record.postName),
          title: detached(record.title),
          // old-site paths (permalink, GUID) for the link index, not the URLs
          paths: [pathOf(record.link), pathOf(record.guid)].flatMap((path, i) => path === null || (i === 1 && path === '/') ? [] : [detached(path)]),
          polylang: [detachedOrNull(languageOf(record, 'polylang')), detachedOrNull(translationGroupOf(record, 'polylang'))],
          wpml: [detachedOrNull(languageOf(record, 'wpml')), detachedOrNull(translationGroupOf(record, 'wpml'))]
        })
      }
    }
  }
  if (site === null) throw new Error('unreachable: the reader yields the site first')
  const editionSource: EditionSource = requested !== 'auto' ? requested : sawPolylang ? 'polylang' : sawWpml ? 'wpml' : 'none'

  const languages = new Map<string, string>()
  const termLanguages = new Map<string, { lang: string, group: string }>()
  for (const term of terms) {
    if (term.taxonomy === 'language') languages.set(term.slug, term.name)
    if (term.taxonomy === 'term_translations') {
      for (const [lang, id] of Object.entries(parsePhpLangMap(term.description))) termLanguages.set(id, { lang, group: term.slug })
    }
  }

  const linkIndex = new Map<string, string>()
  const groups = new Map<string, string[]>()
  for (const item of pending) {
    const [lang, group] = editionSource === 'polylang' ? item.polylang : editionSource === 'wpml' ? item.wpml : [null, null]
    if (group !== null) {
      const members = groups.get(group)
      if (members === undefined) groups.set(group, [item.id])
      else members.push(item.id)
    }
    posts.set(item.id, {
      postType: item.postType,
      lang,
      group,
      postName: item.postName,
      title: item.title
    })
    for (const path of item.paths) linkIndex.set(path, item.id)
  }
  return { site, authors, terms, termLanguages, languages, posts, attachments, menuItems, groups, linkIndex, editionSource, items }
}
