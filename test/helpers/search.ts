import Database from 'better-sqlite3'
import type { Writer } from './db.js'
import type { TestApp } from './app.js'
import { TEST_NOW } from './clock.js'

export { openWriter, type Writer } from './db.js'

/** A connection without Quire's SQL functions, like the sqlite3 shell: its writes are only queued. */
export function openForeignWriter (app: Pick<TestApp, 'databasePath'>): Writer {
  return new Database(app.databasePath)
}

export interface ArticleFields {
  title: string
  excerpt?: string | null
  body?: string
  edition?: string
  status?: 'draft' | 'scheduled' | 'published' | 'archived'
  publishedAt?: number | null
  categoryIds?: number[]
  authorIds?: number[]
  tagIds?: number[]
}

let counter = 0

/** Inserts an article with plain SQL, as any writer could; published an hour before TEST_NOW unless told otherwise. */
export function insertArticle (db: Writer, fields: ArticleFields): number {
  const edition = db.prepare('select id from editions where code = ?').pluck().get(fields.edition ?? 'en') as number
  const status = fields.status ?? 'published'
  const publishedAt = fields.publishedAt !== undefined ? fields.publishedAt : status === 'draft' ? null : TEST_NOW.getTime() - 3_600_000
  const created = TEST_NOW.getTime() - 86_400_000
  const id = Number(db.prepare(`insert into articles (edition_id, slug, title, excerpt, body, status, published_at, created_at, updated_at)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(edition, `search-test-${process.pid}-${++counter}`, fields.title, fields.excerpt ?? null,
    fields.body ?? '', status, publishedAt, created, created).lastInsertRowid)
  fields.categoryIds?.forEach((categoryId, position) => {
    db.prepare('insert into article_categories (article_id, category_id, is_primary, position) values (?, ?, ?, ?)').run(id, categoryId, position === 0 ? 1 : 0, position)
  })
  fields.authorIds?.forEach((authorId, position) => {
    db.prepare('insert into article_authors (article_id, author_id, position) values (?, ?, ?)').run(id, authorId, position)
  })
  fields.tagIds?.forEach((tagId, position) => {
    db.prepare('insert into article_tags (article_id, tag_id, position) values (?, ?, ?)').run(id, tagId, position)
  })
  return id
}

export interface SearchHitBody { id: number, title: string, highlight: { title: string, snippet: string } }

export async function search (app: TestApp, q: string, params: Record<string, string> = {}) {
  const query = new URLSearchParams({ q, ...params })
  const res = await app.inject(`/v1/search?${query.toString()}`)
  if (res.statusCode !== 200) throw new Error(`GET /v1/search?${query.toString()} → ${res.statusCode} ${res.body}`)
  return res.json() as { data: SearchHitBody[], meta: { total: number, limit: number, nextCursor: string | null, prevCursor: string | null }, links: { next: string | null, prev: string | null } }
}

export async function searchIds (app: TestApp, q: string, params: Record<string, string> = {}): Promise<number[]> {
  return (await search(app, q, params)).data.map((hit) => hit.id)
}
