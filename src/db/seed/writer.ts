import type Database from 'better-sqlite3'
import type { Rendition, SocialLink } from '../schema.js'
import type { MediaSpec } from './content/media.js'
import { countWords, readingTimeMinutes } from '../../editorial/html-text.js'

export interface ArticleInput {
  editionId: number
  slug: string
  title: string
  excerpt: string | null
  body: string
  status: 'draft' | 'scheduled' | 'published' | 'archived'
  publishedAt: number | null
  featured: boolean
  featuredMediaId: number | null
  seoTitle: string | null
  seoDescription: string | null
  sourceName: string | null
  sourceUrl: string | null
  sourcePublishedAt: number | null
  /** The original's byline and headline, for republished pieces. */
  sourceAuthor?: string | null
  sourceTitle?: string | null
  translationGroup: number | null
  createdAt: number
  updatedAt: number
  authorIds: readonly number[]
  /** The first is the primary category. */
  categoryIds: readonly number[]
  tagIds: readonly number[]
}

export interface MenuItemInput {
  menuId: number
  parentId: number | null
  position: number
  label: string
  target:
  | { kind: 'category', id: number }
  | { kind: 'page', id: number }
  | { kind: 'article', id: number }
  | { kind: 'edition', id: number }
  | { kind: 'url', url: string }
}

/**
 * Prepared inserts for the demo seed. better-sqlite3 binds no booleans or objects,
 * so flags become 0/1 and JSON columns are serialised here, in one place.
 * `now` stamps the reference rows (editions, media, taxonomy) that predate all content.
 */
export function prepareWriters (client: Database.Database, now: number) {
  const run = (sql: string) => {
    const stmt = client.prepare(sql)
    return (params: Record<string, unknown>): number => Number(stmt.run(params).lastInsertRowid)
  }
  const edition = run(`insert into editions (code, name, native_name, direction, is_default, position, created_at, updated_at)
    values (@code, @name, @nativeName, @direction, @isDefault, @position, @now, @now)`)
  const media = run(`insert into media (kind, url, mime_type, bytes, width, height, duration_seconds, alt_text, caption, credit, renditions, created_at, updated_at)
    values (@kind, @url, @mimeType, @bytes, @width, @height, @durationSeconds, @altText, @caption, @credit, @renditions, @now, @now)`)
  const author = run(`insert into authors (slug, name, bio, avatar_media_id, created_at, updated_at)
    values (@slug, @name, @bio, @avatarMediaId, @now, @now)`)
  const category = run(`insert into categories (edition_id, parent_id, slug, name, description, position, translation_group, created_at, updated_at)
    values (@editionId, @parentId, @slug, @name, @description, @position, @translationGroup, @now, @now)`)
  const tag = run(`insert into tags (edition_id, slug, name, created_at, updated_at) values (@editionId, @slug, @name, @now, @now)`)
  const article = run(`insert into articles (edition_id, slug, title, excerpt, body, status, published_at, featured, featured_media_id,
      seo_title, seo_description, source_name, source_url, source_published_at, source_author, source_title, translation_group, word_count, reading_time_minutes, created_at, updated_at)
    values (@editionId, @slug, @title, @excerpt, @body, @status, @publishedAt, @featured, @featuredMediaId,
      @seoTitle, @seoDescription, @sourceName, @sourceUrl, @sourcePublishedAt, @sourceAuthor, @sourceTitle, @translationGroup, @wordCount, @readingTimeMinutes, @createdAt, @updatedAt)`)
  const articleAuthor = client.prepare('insert into article_authors (article_id, author_id, position) values (?, ?, ?)')
  const articleCategory = client.prepare('insert into article_categories (article_id, category_id, is_primary, position) values (?, ?, ?, ?)')
  const articleTag = client.prepare('insert into article_tags (article_id, tag_id, position) values (?, ?, ?)')
  const gallery = run(`insert into galleries (edition_id, slug, title, description, created_at, updated_at)
    values (@editionId, @slug, @title, @description, @now, @now)`)
  const galleryItem = client.prepare('insert into gallery_items (gallery_id, media_id, position, caption) values (?, ?, ?, ?)')
  const page = run(`insert into pages (edition_id, slug, title, body, status, published_at, seo_title, seo_description, translation_group, created_at, updated_at)
    values (@editionId, @slug, @title, @body, @status, @publishedAt, @seoTitle, @seoDescription, @translationGroup, @createdAt, @updatedAt)`)
  const menu = run('insert into menus (edition_id, location, name, created_at, updated_at) values (@editionId, @location, @name, @now, @now)')
  const menuItem = run(`insert into menu_items (menu_id, parent_id, position, label, kind, category_id, page_id, article_id, target_edition_id, url)
    values (@menuId, @parentId, @position, @label, @kind, @categoryId, @pageId, @articleId, @targetEditionId, @url)`)
  const settings = client.prepare(`insert into site_settings (edition_id, title, tagline, copyright, social_links, updated_at)
    values (?, ?, ?, ?, ?, ?)`)

  return {
    edition: (e: { code: string, name: string, nativeName: string, direction: 'ltr' | 'rtl', isDefault: boolean, position: number }) =>
      edition({ ...e, isDefault: e.isDefault ? 1 : 0, now }),
    media: (m: MediaSpec) => {
      const { key: _key, renditions, ...rest } = m
      return media({ ...rest, renditions: JSON.stringify(renditions satisfies Rendition[]), now })
    },
    author: (a: { slug: string, name: string, bio: string, avatarMediaId: number | null }) => author({ ...a, now }),
    category: (c: { editionId: number, parentId: number | null, slug: string, name: string, description: string, position: number, translationGroup: number }) =>
      category({ ...c, now }),
    tag: (t: { editionId: number, slug: string, name: string }) => tag({ ...t, now }),
    article: (a: ArticleInput): number => {
      const { authorIds, categoryIds, tagIds, ...row } = a
      const wordCount = countWords(row.body)
      const id = article({ ...row, sourceAuthor: row.sourceAuthor ?? null, sourceTitle: row.sourceTitle ?? null, featured: row.featured ? 1 : 0, wordCount, readingTimeMinutes: readingTimeMinutes(wordCount) })
      authorIds.forEach((authorId, position) => articleAuthor.run(id, authorId, position))
      categoryIds.forEach((categoryId, position) => articleCategory.run(id, categoryId, position === 0 ? 1 : 0, position))
      tagIds.forEach((tagId, position) => articleTag.run(id, tagId, position))
      return id
    },
    gallery: (g: { editionId: number, slug: string, title: string, description: string, items: ReadonlyArray<{ mediaId: number, caption: string }> }) => {
      const { items, ...row } = g
      const id = gallery({ ...row, now })
      items.forEach((item, position) => galleryItem.run(id, item.mediaId, position, item.caption))
      return id
    },
    page: (p: { editionId: number, slug: string, title: string, body: string, status: 'draft' | 'published', publishedAt: number | null,
      seoTitle: string | null, seoDescription: string | null, translationGroup: number | null, createdAt: number, updatedAt: number }) => page(p),
    menu: (m: { editionId: number, location: string, name: string }) => menu({ ...m, now }),
    menuItem: (item: MenuItemInput): number => {
      const t = item.target
      return menuItem({
        menuId: item.menuId,
        parentId: item.parentId,
        position: item.position,
        label: item.label,
        kind: t.kind,
        categoryId: t.kind === 'category' ? t.id : null,
        pageId: t.kind === 'page' ? t.id : null,
        articleId: t.kind === 'article' ? t.id : null,
        targetEditionId: t.kind === 'edition' ? t.id : null,
        url: t.kind === 'url' ? t.url : null
      })
    },
    siteSettings: (s: { editionId: number, title: string, tagline: string, copyright: string, socialLinks: SocialLink[] }) => {
      settings.run(s.editionId, s.title, s.tagline, s.copyright, JSON.stringify(s.socialLinks), now)
    }
  }
}

export type Writers = ReturnType<typeof prepareWriters>
