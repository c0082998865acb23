import { openScratchDatabase, type ScratchDatabase } from '../../db/scratch.js'
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

/** The posts and pages of the export by WordPress id, read from the scan's scratch database. */
export interface PostIndex {
  get: (wpId: string) => PostIndexEntry | undefined
  /** How many posts and pages (distinct ids). */
  size: number
  /** Their languages (edition codes), in the order they first appear. */
  languages: () => string[]
}

/** The attachments in export order, read a page at a time. */
export interface AttachmentList extends Iterable<AttachmentEntry> {
  length: number
}

export interface WxrScan {
  site: WxrSite
  authors: Map<string, WxrAuthor>
  terms: WxrTerm[]
  /** Polylang / WPML: the language (edition code) of each category by its WordPress term id, and its translation group. */
  termLanguages: Map<string, { lang: string, group: string }>
  /** Languages declared by Polylang (`language` terms): code → name. */
  languages: Map<string, string>
  posts: PostIndex
  /** Attachments, what the import reads of them: imported before the posts that feature them. */
  attachments: AttachmentList
  menuItems: WxrPost[]
  /** Translation group → the WordPress ids of its posts and pages, in export order. */
  groupMembers: (group: string) => string[]
  /** Old-site path → WordPress post id, for rewriting links inside bodies. */
  linkTarget: (path: string) => string | undefined
  editionSource: EditionSource
  items: number
  /** Deletes the scratch database behind the indexes. */
  close: () => void
}

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

// The per-post indexes live in a scratch SQLite file, not in Maps: at 100,000 posts they were
// ~70 MB of live heap, and V8 lets the heap grow to a multiple of what is live. Both plugins'
// readings are stored per post because the edition source is known only at the end (WPML
// metadata can first appear on any item); the chosen one is copied into lang/grp then.
const scratchSchema = `
  create table posts (seq integer primary key, wp_id text not null unique, post_type text not null, post_name text not null, title text not null,
    pl_lang text, pl_group text, wpml_lang text, wpml_group text, lang text, grp text);
  create table links (path text primary key, wp_id text not null) without rowid;
  create table attachments (seq integer primary key, wp_id text not null, title text not null, excerpt text not null, guid text not null,
    attachment_url text not null, attached_file text, metadata text, alt text, digest text not null);`
const ATTACHMENT_PAGE = 500

interface AttachmentRow { seq: number, id: string, title: string, excerpt: string, guid: string, attachmentUrl: string, attachedFile: string | null, metadata: string | null, alt: string | null, digest: string }

/**
 * The first read of the export: checks the whole file is WXR and well-formed (a broken file is
 * refused before anything is written) and keeps the indexes the import needs ahead of the
 * items — languages, translation groups, links, attachments and menu items. Bodies are not kept.
 */
export async function scanWxr (path: string, requested: EditionSource | 'auto'): Promise<WxrScan> {
  const scratch = openScratchDatabase()
  try {
    return await scanInto(scratch, path, requested)
  } catch (error) {
    scratch.close()
    throw error
  }
}

async function scanInto (scratch: ScratchDatabase, path: string, requested: EditionSource | 'auto'): Promise<WxrScan> {
  const client = scratch.client
  client.exec(scratchSchema)
  const insertPost = client.prepare(`insert into posts (wp_id, post_type, post_name, title, pl_lang, pl_group, wpml_lang, wpml_group) values (?, ?, ?, ?, ?, ?, ?, ?)
    on conflict (wp_id) do update set post_type = excluded.post_type, post_name = excluded.post_name, title = excluded.title,
      pl_lang = excluded.pl_lang, pl_group = excluded.pl_group, wpml_lang = excluded.wpml_lang, wpml_group = excluded.wpml_group`)
  const insertLink = client.prepare('insert into links (path, wp_id) values (?, ?) on conflict (path) do update set wp_id = excluded.wp_id')
  const insertAttachment = client.prepare(`insert into attachments (wp_id, title, excerpt, guid, attachment_url, attached_file, metadata, alt, digest)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  let site: WxrSite | null = null
  const authors = new Map<string, WxrAuthor>()
  const terms: WxrTerm[] = []
  const menuItems: WxrPost[] = []
  let attachmentCount = 0
  let sawPolylang = false
  let sawWpml = false
  let items = 0
  // one transaction for the whole scan: the file has no journal, and a statement each would lock it each time
  client.exec('begin')
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
        attachmentCount++
        insertAttachment.run(record.id, record.title, record.excerpt, record.guid, record.attachmentUrl, record.meta._wp_attached_file ?? null,
          record.meta._wp_attachment_metadata ?? null, record.meta._wp_attachment_image_alt ?? null, contentHash({ ...record, comments: [], line: 0 }))
      } else if (record.postType === 'nav_menu_item') menuItems.push(record)
      else {
        insertPost.run(record.id, record.postType, record.postName, record.title, languageOf(record, 'polylang'), translationGroupOf(record, 'polylang'),
          languageOf(record, 'wpml'), translationGroupOf(record, 'wpml'))
        // old-site paths (permalink, GUID) for the link index, not the URLs
        const paths = [pathOf(record.link), pathOf(record.guid)]
        if (paths[0] != null) insertLink.run(paths[0], record.id)
        if (paths[1] != null && paths[1] !== '/') insertLink.run(paths[1], record.id)
      }
    }
  }
  if (site === null) throw new Error('unreachable: the reader yields the site first')
  const editionSource: EditionSource = requested !== 'auto' ? requested : sawPolylang ? 'polylang' : sawWpml ? 'wpml' : 'none'
  if (editionSource !== 'none') client.exec(editionSource === 'polylang' ? 'update posts set lang = pl_lang, grp = pl_group' : 'update posts set lang = wpml_lang, grp = wpml_group')
  client.exec('create index posts_group on posts (grp, seq) where grp is not null')
  client.exec('commit')

  const languages = new Map<string, string>()
  const termLanguages = new Map<string, { lang: string, group: string }>()
  for (const term of terms) {
    if (term.taxonomy === 'language') languages.set(term.slug, term.name)
    if (term.taxonomy === 'term_translations') {
      for (const [lang, id] of Object.entries(parsePhpLangMap(term.description))) termLanguages.set(id, { lang, group: term.slug })
    }
  }

  const postById = client.prepare<[string], PostIndexEntry>('select post_type as postType, lang, grp as "group", post_name as postName, title from posts where wp_id = ?')
  const postLanguages = client.prepare<[], string>('select lang from posts where lang is not null group by lang order by min(seq)').pluck()
  const members = client.prepare<[string], string>('select wp_id from posts where grp = ? order by seq').pluck()
  const linkTarget = client.prepare<[string], string>('select wp_id from links where path = ?').pluck()
  const attachmentPage = client.prepare<[number], AttachmentRow>(`select seq, wp_id as id, title, excerpt, guid, attachment_url as attachmentUrl,
    attached_file as attachedFile, metadata, alt, digest from attachments where seq > ? order by seq limit ${ATTACHMENT_PAGE}`)
  const postCount = client.prepare('select count(*) from posts').pluck().get() as number
  const attachmentOf = (row: AttachmentRow): AttachmentEntry => {
    const meta: AttachmentEntry['meta'] = {}
    if (row.attachedFile !== null) meta._wp_attached_file = row.attachedFile
    if (row.metadata !== null) meta._wp_attachment_metadata = row.metadata
    if (row.alt !== null) meta._wp_attachment_image_alt = row.alt
    return { id: row.id, title: row.title, excerpt: row.excerpt, guid: row.guid, attachmentUrl: row.attachmentUrl, meta, digest: row.digest }
  }
  return {
    site,
    authors,
    terms,
    termLanguages,
    languages,
    posts: {
      get: (wpId) => postById.get(wpId),
      size: postCount,
      languages: () => postLanguages.all()
    },
    attachments: {
      length: attachmentCount,
      * [Symbol.iterator] () {
        // a page at a time: an open cursor would lock the scratch connection while the import reads it elsewhere
        for (let after = 0; ;) {
          const rows = attachmentPage.all(after)
          if (rows.length === 0) return
          after = rows[rows.length - 1]!.seq
          for (const row of rows) yield attachmentOf(row)
        }
      }
    },
    menuItems,
    groupMembers: (group) => members.all(group),
    linkTarget: (path) => linkTarget.get(path),
    editionSource,
    items,
    close: scratch.close
  }
}
