import { escapeUTF8 } from 'entities'
import { excerptFromHtml } from '../editorial/html-text.js'
import type { Article } from '../modules/articles/index.js'
import type { Author } from '../modules/authors/index.js'
import type { Category } from '../modules/categories/index.js'
import type { Media } from '../modules/media/index.js'
import type { Page } from '../modules/pages/index.js'
import type { Tag } from '../modules/tags/index.js'

/*
 * Quire's content in WordPress's REST shapes (wp/v2, `view` context). Ids are Quire's own
 * integer ids: every table numbers its rows, so a post and a page can share an id, which
 * WordPress (one wp_posts table) never shows — a client that keys caches by id alone must key
 * by type too (docs/wordpress-api.md).
 */

export type WpObject = Record<string, unknown> & { id: number, _links: WpLinks }
export type WpLinks = Record<string, Array<Record<string, unknown>>>

/** `2026-05-31T09:30:00`: WordPress's date format, without zone; the site zone here is UTC, so `date` equals `date_gmt`. */
export const wpDate = (iso: string): string => iso.slice(0, 19)

/** Titles are plain text in Quire; WordPress's `rendered` forms are HTML. */
const rendered = (text: string) => ({ rendered: escapeUTF8(text) })
const renderedExcerpt = (text: string) => ({ rendered: text === '' ? '' : `<p>${escapeUTF8(text)}</p>\n`, protected: false })

export function createWpShapes (apiBase: string) {
  const v2 = `${apiBase}/wp/v2`
  const href = (path: string, extra: Record<string, unknown> = {}) => ({ ...extra, href: `${v2}${path}` })

  /** An article as the article shaper gives it (which always sets `id`). */
  function post (a: Partial<Article>): WpObject {
    const id = a.id ?? 0
    const authors = (a.authors ?? []) as number[]
    const categories = (a.categories ?? []) as number[]
    const tags = (a.tags ?? []) as number[]
    const featured = typeof a.featuredMedia === 'number' ? a.featuredMedia : 0
    const translations = (a.translations ?? []) as Array<{ id: number, edition: string }>
    const links: WpLinks = {
      self: [href(`/posts/${id}`)],
      collection: [href('/posts')],
      author: authors.map((id) => href(`/users/${id}`, { embeddable: true })),
      replies: [href(`/comments?post=${id}`, { embeddable: true })],
      'wp:term': [
        href(`/categories?post=${id}`, { taxonomy: 'category', embeddable: true }),
        href(`/tags?post=${id}`, { taxonomy: 'post_tag', embeddable: true })
      ]
    }
    if (featured !== 0) links['wp:featuredmedia'] = [href(`/media/${featured}`, { embeddable: true })]
    return {
      id,
      date: wpDate(a.publishedAt ?? ''),
      date_gmt: wpDate(a.publishedAt ?? ''),
      guid: { rendered: a.url ?? '' },
      modified: wpDate(a.updatedAt ?? ''),
      modified_gmt: wpDate(a.updatedAt ?? ''),
      slug: a.slug,
      status: 'publish',
      type: 'post',
      link: a.url,
      title: rendered(a.title ?? ''),
      content: { rendered: a.body ?? '', protected: false },
      excerpt: renderedExcerpt(a.excerpt ?? ''),
      author: authors[0] ?? 0,
      featured_media: featured,
      // Quire's `hidden` (no comments shown at all) is closed to WordPress clients
      comment_status: a.commentStatus === 'open' ? 'open' : 'closed',
      ping_status: 'closed',
      sticky: a.featured ?? false,
      template: '',
      format: 'standard',
      meta: [],
      categories,
      tags,
      // Polylang's REST fields: the language and the ids of the translations by language
      lang: a.edition,
      translations: Object.fromEntries([[a.edition, id], ...translations.map((t) => [t.edition, t.id])]),
      _links: links
    }
  }

  function page (p: Page, link: string): WpObject {
    return {
      id: p.id,
      date: wpDate(p.publishedAt),
      date_gmt: wpDate(p.publishedAt),
      guid: { rendered: link },
      modified: wpDate(p.updatedAt),
      modified_gmt: wpDate(p.updatedAt),
      slug: p.slug,
      status: 'publish',
      type: 'page',
      link,
      title: rendered(p.title),
      content: { rendered: p.body, protected: false },
      excerpt: renderedExcerpt(excerptFromHtml(p.body)),
      author: 0,
      featured_media: 0,
      parent: 0,
      menu_order: 0,
      comment_status: 'closed',
      ping_status: 'closed',
      template: '',
      meta: [],
      lang: p.edition,
      translations: Object.fromEntries([[p.edition, p.id], ...p.translations.map((t) => [t.edition, t.id])]),
      _links: {
        self: [href(`/pages/${p.id}`)],
        collection: [href('/pages')],
        replies: [href(`/comments?post=${p.id}`, { embeddable: true })]
      }
    }
  }

  function category (c: Category, link: string, count: number): WpObject {
    const links: WpLinks = {
      self: [href(`/categories/${c.id}`)],
      collection: [href('/categories')],
      'wp:post_type': [href(`/posts?categories=${c.id}`)]
    }
    if (c.parentId !== null) links.up = [href(`/categories/${c.parentId}`, { embeddable: true })]
    return {
      id: c.id,
      count,
      description: c.description ?? '',
      link,
      name: c.name,
      slug: c.slug,
      taxonomy: 'category',
      parent: c.parentId ?? 0,
      meta: [],
      lang: c.edition,
      translations: Object.fromEntries([[c.edition, c.id], ...c.translations.map((t) => [t.edition, t.id])]),
      _links: links
    }
  }

  function tag (t: Tag, count: number): WpObject {
    return {
      id: t.id,
      count,
      description: '',
      // Quire has no tag archive URL template; a frontend builds tag pages from the slug
      link: '',
      name: t.name,
      slug: t.slug,
      taxonomy: 'post_tag',
      meta: [],
      lang: t.edition,
      _links: {
        self: [href(`/tags/${t.id}`)],
        collection: [href('/tags')],
        'wp:post_type': [href(`/posts?tags=${t.id}`)]
      }
    }
  }

  function user (u: Author): WpObject {
    const avatar = u.avatar?.url
    return {
      id: u.id,
      name: u.name,
      url: '',
      description: u.bio ?? '',
      link: '',
      slug: u.slug,
      avatar_urls: avatar === undefined ? {} : { 24: avatar, 48: avatar, 96: avatar },
      meta: [],
      _links: { self: [href(`/users/${u.id}`)], collection: [href('/users')] }
    }
  }

  function media (m: Media): WpObject {
    const mediaType = m.kind === 'image' ? 'image' : 'file'
    return {
      id: m.id,
      date: wpDate(m.createdAt),
      date_gmt: wpDate(m.createdAt),
      guid: { rendered: m.url },
      modified: wpDate(m.updatedAt),
      modified_gmt: wpDate(m.updatedAt),
      slug: String(m.id),
      status: 'inherit',
      type: 'attachment',
      link: m.url,
      title: rendered(m.altText ?? m.caption ?? ''),
      author: 0,
      comment_status: 'closed',
      ping_status: 'closed',
      template: '',
      meta: [],
      description: { rendered: '' },
      caption: renderedExcerpt(m.caption ?? ''),
      alt_text: m.altText ?? '',
      media_type: mediaType,
      mime_type: m.mimeType,
      media_details: {
        width: m.width ?? undefined,
        height: m.height ?? undefined,
        filesize: m.bytes ?? undefined,
        sizes: Object.fromEntries(m.renditions.map((r) => [r.name, {
          file: r.url.split('/').pop() ?? '', width: r.width, height: r.height, mime_type: r.mimeType, source_url: r.url
        }]))
      },
      post: null,
      source_url: m.url,
      _links: { self: [href(`/media/${m.id}`)], collection: [href('/media')] }
    }
  }

  function comment (c: { id: number, articleId: number, parentId: number | null, authorName: string, authorUrl: string | null, bodyHtml: string, createdAt: string }, articleLink: string): WpObject {
    const links: WpLinks = {
      self: [href(`/comments/${c.id}`)],
      collection: [href('/comments')],
      up: [href(`/posts/${c.articleId}`, { embeddable: true, post_type: 'post' })]
    }
    if (c.parentId !== null) links['in-reply-to'] = [href(`/comments/${c.parentId}`, { embeddable: true })]
    return {
      id: c.id,
      post: c.articleId,
      parent: c.parentId ?? 0,
      author: 0,
      author_name: c.authorName,
      author_url: c.authorUrl ?? '',
      date: wpDate(c.createdAt),
      date_gmt: wpDate(c.createdAt),
      content: { rendered: c.bodyHtml },
      link: `${articleLink}#comment-${c.id}`,
      status: 'approved',
      type: 'comment',
      author_avatar_urls: {},
      meta: [],
      _links: links
    }
  }

  return { post, page, category, tag, user, media, comment }
}

export type WpShapes = ReturnType<typeof createWpShapes>
