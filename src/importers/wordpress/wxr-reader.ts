import { createReadStream } from 'node:fs'
import { SaxesParser } from 'saxes'
import { WxrFormatError, type WxrAuthor, type WxrComment, type WxrPost, type WxrRecord, type WxrTerm } from './wxr-types.js'

/**
 * A field longer than this is cut (and its true length kept), so one pathological post cannot
 * hold the whole file in memory; the importer refuses such a post with a message. WordPress'
 * own `longtext` allows 4 GB, but a body past a few megabytes is a broken export or an inlined
 * file, not an article.
 */
export const MAX_FIELD_CHARS = 8 * 1024 * 1024
const PARSE_PIECE_CHARS = 16 * 1024

const emptyPost = (line: number): WxrPost => ({
  type: 'post', id: '', postType: '', title: '', link: '', guid: '', creator: '', content: '', contentLength: 0, excerpt: '',
  date: '', dateGmt: '', postName: '', status: '', parentId: '', menuOrder: 0, sticky: false, commentStatus: '', attachmentUrl: '',
  terms: [], meta: {}, comments: [], line
})
const emptyComment = (): WxrComment => ({ id: '', author: '', authorEmail: '', authorUrl: '', dateGmt: '', date: '', content: '', approved: '', type: '', parentId: '' })

// channel-level term elements: <wp:category>, <wp:tag>, <wp:term> and their child fields
const termElements: Record<string, string> = { 'wp:category': 'category', 'wp:tag': 'post_tag', 'wp:term': '' }
const termFields: Record<string, keyof WxrTerm> = {
  'wp:term_id': 'id', 'wp:category_nicename': 'slug', 'wp:tag_slug': 'slug', 'wp:term_slug': 'slug', 'wp:term_taxonomy': 'taxonomy',
  'wp:category_parent': 'parentSlug', 'wp:term_parent': 'parentSlug', 'wp:cat_name': 'name', 'wp:tag_name': 'name', 'wp:term_name': 'name',
  'wp:category_description': 'description', 'wp:tag_description': 'description', 'wp:term_description': 'description'
}
const authorFields: Record<string, keyof WxrAuthor> = {
  'wp:author_id': 'id', 'wp:author_login': 'login', 'wp:author_email': 'email', 'wp:author_display_name': 'displayName',
  'wp:author_first_name': 'firstName', 'wp:author_last_name': 'lastName', 'wp:author_description': 'description'
}
const postFields: Record<string, keyof WxrPost> = {
  title: 'title', link: 'link', guid: 'guid', 'dc:creator': 'creator', 'content:encoded': 'content', 'excerpt:encoded': 'excerpt',
  'wp:post_id': 'id', 'wp:post_date': 'date', 'wp:post_date_gmt': 'dateGmt', 'wp:post_name': 'postName', 'wp:status': 'status',
  'wp:post_parent': 'parentId', 'wp:post_type': 'postType', 'wp:comment_status': 'commentStatus', 'wp:attachment_url': 'attachmentUrl'
}
const commentFields: Record<string, keyof WxrComment> = {
  'wp:comment_id': 'id', 'wp:comment_author': 'author', 'wp:comment_author_email': 'authorEmail', 'wp:comment_author_url': 'authorUrl',
  'wp:comment_date_gmt': 'dateGmt', 'wp:comment_date': 'date', 'wp:comment_content': 'content', 'wp:comment_approved': 'approved',
  'wp:comment_type': 'type', 'wp:comment_parent': 'parentId'
}

/**
 * Reads a WordPress eXtended RSS export (WXR 1.0–1.2) as a stream of records, never holding more
 * than one item: memory stays flat however large the file. The element names are the prefixed
 * ones WordPress writes (`wp:`, `content:`, `excerpt:`, `dc:`); every exporter in use keeps them.
 * Throws WxrFormatError for anything that is not a complete, well-formed WXR document — with
 * the line — so a caller that reads the file through once before writing writes nothing from a
 * broken one.
 */
export async function * readWxr (path: string, options: { skipContent?: boolean } = {}): AsyncGenerator<WxrRecord> {
  const parser = new SaxesParser({ position: true })
  const out: WxrRecord[] = []
  const stack: string[] = []
  let text = ''
  let textLength = 0
  let failure: Error | null = null
  let sawRss = false
  let wxrVersion = ''
  const site = { type: 'site' as const, title: '', link: '', baseSiteUrl: '', wxrVersion: '', language: '' }
  let siteSent = false
  let author: WxrAuthor | null = null
  let term: WxrTerm | null = null
  let post: WxrPost | null = null
  let comment: WxrComment | null = null
  let metaKey = ''
  let metaValue = ''
  let itemTerm: { domain: string, nicename: string } | null = null

  const sendSite = () => {
    if (siteSent) return
    if (wxrVersion === '') throw new WxrFormatError('This is an RSS feed but not a WordPress export: the channel has no <wp:wxr_version> (export with Tools → Export in WordPress).')
    siteSent = true
    out.push({ ...site, wxrVersion })
  }

  parser.on('error', (error) => { failure ??= error })
  parser.on('opentag', (tag) => {
    const name = tag.name
    if (stack.length === 0) {
      if (name !== 'rss') throw new WxrFormatError(`This is not a WordPress export (WXR): the document starts with <${name}>, not <rss>.`)
      sawRss = true
    }
    stack.push(name)
    text = ''
    textLength = 0
    const parent = stack[stack.length - 2]
    if (name === 'item' && parent === 'channel') {
      sendSite()
      post = emptyPost(parser.line)
    } else if (parent === 'channel' && name === 'wp:author') {
      author = { type: 'author', id: '', login: '', email: '', displayName: '', firstName: '', lastName: '', description: '' }
    } else if (parent === 'channel' && name in termElements) {
      term = { type: 'term', taxonomy: termElements[name]!, id: '', slug: '', parentSlug: '', name: '', description: '' }
    } else if (post !== null && name === 'wp:comment') {
      comment = emptyComment()
    } else if (post !== null && name === 'category' && parent === 'item') {
      const attribute = (name: string): string => { const value = tag.attributes[name]; return typeof value === 'string' ? value : '' }
      itemTerm = { domain: attribute('domain'), nicename: attribute('nicename') }
    }
  })
  const onText = (chunk: string) => {
    textLength += chunk.length
    if (text.length < MAX_FIELD_CHARS) text += chunk.length + text.length > MAX_FIELD_CHARS ? chunk.slice(0, MAX_FIELD_CHARS - text.length) : chunk
  }
  parser.on('text', onText)
  parser.on('cdata', onText)
  parser.on('closetag', (tag) => {
    const name = tag.name
    stack.pop()
    const parent = stack[stack.length - 1]
    const value = text
    text = ''
    if (parent === 'channel') {
      if (name === 'wp:wxr_version') wxrVersion = value.trim()
      else if (name === 'title') site.title = value.trim()
      else if (name === 'link') site.link = value.trim()
      else if (name === 'language') site.language = value.trim()
      else if (name === 'wp:base_site_url') site.baseSiteUrl = value.trim()
      else if (name === 'wp:author' && author !== null) { sendSite(); out.push(author); author = null } else if (name in termElements && term !== null) { sendSite(); out.push(term); term = null } else if (name === 'item' && post !== null) { out.push(post); post = null }
      return
    }
    if (author !== null && parent === 'wp:author' && name in authorFields) author[authorFields[name] as 'id'] = value.trim()
    else if (term !== null && name in termFields) term[termFields[name] as 'id'] = name.endsWith('description') || name.endsWith('name') ? value : value.trim()
    else if (comment !== null) {
      if (name === 'wp:comment') { post!.comments.push(comment); comment = null } else if (name in commentFields) comment[commentFields[name]!] = name === 'wp:comment_content' ? value : value.trim()
    } else if (post !== null) {
      if (parent === 'wp:postmeta') {
        if (name === 'wp:meta_key') metaKey = value.trim()
        else if (name === 'wp:meta_value') metaValue = value
      } else if (name === 'wp:postmeta') {
        if (metaKey !== '') post.meta[metaKey] = metaValue
        metaKey = ''
        metaValue = ''
      } else if (name === 'category' && itemTerm !== null) {
        post.terms.push({ ...itemTerm, name: value })
        itemTerm = null
      } else if (parent === 'item') {
        if (name === 'wp:is_sticky') post.sticky = value.trim() === '1'
        else if (name === 'wp:menu_order') post.menuOrder = Number.parseInt(value, 10) || 0
        else if (name === 'content:encoded') {
          post.contentLength = textLength
          if (options.skipContent !== true) post.content = value
        } else if (name in postFields) post[postFields[name] as 'id'] = name === 'title' || name === 'excerpt:encoded' ? value : value.trim()
      }
    }
  })

  const fail = (error: Error): never => {
    if (error instanceof WxrFormatError) throw error
    // saxes messages start "file:line:column: …"; entity and truncation errors are the common ones
    const message = error.message.replace(/^(?:[^:\d][^:]*:)?(\d+):(\d+): /, 'line $1, column $2: ').replace(/\.$/, '')
    throw new WxrFormatError(`The export is not well-formed XML (${message}).`)
  }

  let started = false
  // 32 KB reads: a larger read decodes to a string past V8's regular object size (128 KB as UTF-16),
  // which goes to the large-object space and is freed only by a full collection, not the young one
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 32 * 1024 })
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      if (!started) {
        started = true
        if (/^\s*(<!doctype html|<html)/i.test(chunk)) throw new WxrFormatError('This is not a WordPress export (WXR): it is an HTML page.')
      }
      // fed in small pieces, each piece's records handed on before the next: records waiting for
      // the consumer outlive young-generation collections and land in the old one (a heap that
      // grows with the file) — a 32 KB read holds ~10 posts, a piece a handful
      for (let at = 0; at < chunk.length;) {
        let end = Math.min(at + PARSE_PIECE_CHARS, chunk.length)
        // never split a surrogate pair between two writes
        if (end < chunk.length && (chunk.charCodeAt(end - 1) & 0xfc00) === 0xd800) end--
        try {
          parser.write(chunk.slice(at, end))
        } catch (error) {
          fail(error as Error)
        }
        if (failure !== null) fail(failure)
        while (out.length > 0) yield out.shift()!
        at = end
      }
    }
    if (!started) throw new WxrFormatError('The export is empty.')
    const lastLine = parser.line
    try {
      parser.close()
    } catch (error) {
      failure ??= error as Error
    }
    if (failure !== null) {
      const f = failure
      if (/unclosed|unexpected end/i.test(f.message)) throw new WxrFormatError(`The export is truncated: it ends inside <${stack[stack.length - 1] ?? 'rss'}> at line ${lastLine}. Export again and copy the whole file.`)
      fail(f)
    }
    if (!sawRss) throw new WxrFormatError('This is not a WordPress export (WXR): no <rss> element.')
    if (stack.length > 0) throw new WxrFormatError(`The export is truncated: it ends inside <${stack[stack.length - 1]}> at line ${lastLine}. Export again and copy the whole file.`)
    sendSite()
    while (out.length > 0) yield out.shift()!
  } finally {
    stream.destroy()
  }
}
