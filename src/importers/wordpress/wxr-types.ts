/** What the WXR reader yields, in document order: the channel's header records, then one record per `<item>`. */

export interface WxrSite { type: 'site', title: string, link: string, baseSiteUrl: string, wxrVersion: string, language: string }

export interface WxrAuthor {
  type: 'author'
  id: string
  login: string
  email: string
  displayName: string
  firstName: string
  lastName: string
  /** Not in WordPress' own export; read when an export plugin adds `wp:author_description`. */
  description: string
}

/** A category, tag or custom-taxonomy term (Polylang `language`, `post_translations`, `term_translations` …). */
export interface WxrTerm {
  type: 'term'
  taxonomy: string
  id: string
  slug: string
  parentSlug: string
  name: string
  description: string
}

export interface WxrItemTerm { domain: string, nicename: string, name: string }

export interface WxrComment {
  id: string
  author: string
  authorEmail: string
  authorUrl: string
  dateGmt: string
  date: string
  content: string
  approved: string
  type: string
  parentId: string
}

export interface WxrPost {
  type: 'post'
  id: string
  postType: string
  title: string
  link: string
  guid: string
  creator: string
  content: string
  /** Characters of content seen; larger than content.length when the body passed the reader's limit and was cut. */
  contentLength: number
  excerpt: string
  date: string
  dateGmt: string
  postName: string
  status: string
  parentId: string
  menuOrder: number
  sticky: boolean
  /** open or closed */
  commentStatus: string
  attachmentUrl: string
  terms: WxrItemTerm[]
  meta: Record<string, string>
  comments: WxrComment[]
  /** The line where the item starts, for messages. */
  line: number
}

export type WxrRecord = WxrSite | WxrAuthor | WxrTerm | WxrPost

/** The export cannot be read (not WXR, broken XML, cut off): nothing is written. */
export class WxrFormatError extends Error {
  override name = 'WxrFormatError'
}
