import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/database.js'

const dir = mkdtempSync(join(tmpdir(), 'quire-migrations-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('migrations', () => {
  it('apply to an empty database, twice without effect, with every pragma set on each open', () => {
    const path = join(dir, 'empty.db')
    openDatabase(path).$client.close()
    const db = openDatabase(path)
    const tables = (db.$client.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`).all() as Array<{ name: string }>).map((t) => t.name)
    expect(tables).toEqual(expect.arrayContaining(['articles', 'article_authors', 'article_categories', 'article_tags', 'authors', 'categories', 'editions', 'galleries', 'gallery_items', 'media', 'menu_items', 'menus', 'pages', 'site_settings', 'tags']))
    const applied = db.$client.prepare('select count(*) n from __drizzle_migrations').get() as { n: number }
    expect(applied.n).toBeGreaterThan(0)
    expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.$client.pragma('busy_timeout', { simple: true })).toBe(5000)
    // FULL (2) unless asked for NORMAL (1): SQLITE_SYNCHRONOUS
    expect(db.$client.pragma('synchronous', { simple: true })).toBe(2)
    db.$client.close()
    const normal = openDatabase(path, { synchronous: 'normal' })
    expect(normal.$client.pragma('synchronous', { simple: true })).toBe(1)
    normal.$client.close()
  })

  it('enforce invariants in the database itself', () => {
    const path = join(dir, 'constraints.db')
    openDatabase(path).$client.close()
    const db = new Database(path)
    db.pragma('foreign_keys = ON')
    const now = Date.now()
    db.prepare(`insert into editions (id, code, name, native_name, direction, is_default, position, created_at, updated_at) values (1, 'en', 'English', 'English', 'ltr', 1, 0, ?, ?)`).run(now, now)
    const fails = (statement: string, ...args: unknown[]) => expect(() => db.prepare(statement).run(...args)).toThrow()
    fails(`insert into editions (code, name, native_name, direction, is_default, position, created_at, updated_at) values ('ar', 'Arabic', 'عربي', 'up', 0, 1, ?, ?)`, now, now)
    fails(`insert into editions (code, name, native_name, direction, is_default, position, created_at, updated_at) values ('fa', 'Persian', 'فارسی', 'rtl', 1, 2, ?, ?)`, now, now)
    db.prepare(`insert into articles (id, edition_id, slug, title, status, published_at, created_at, updated_at) values (1, 1, 'a', 'A', 'published', ?, ?, ?)`).run(now, now, now)
    fails(`insert into articles (edition_id, slug, title, status, published_at, created_at, updated_at) values (1, 'a', 'Duplicate slug', 'draft', null, ?, ?)`, now, now)
    fails(`insert into articles (edition_id, slug, title, status, published_at, created_at, updated_at) values (1, 'b', 'B', 'published', null, ?, ?)`, now, now)
    fails(`insert into articles (edition_id, slug, title, status, published_at, created_at, updated_at) values (1, 'c', 'C', 'live', ?, ?, ?)`, now, now, now)
    fails(`insert into articles (edition_id, slug, title, status, published_at, created_at, updated_at) values (9, 'd', 'D', 'draft', null, ?, ?)`, now, now)
    db.prepare(`insert into categories (id, edition_id, slug, name, position, created_at, updated_at) values (1, 1, 'news', 'News', 0, ?, ?), (2, 1, 'world', 'World', 1, ?, ?)`).run(now, now, now, now)
    db.prepare(`insert into article_categories (article_id, category_id, is_primary, position) values (1, 1, 1, 0)`).run()
    fails(`insert into article_categories (article_id, category_id, is_primary, position) values (1, 2, 1, 1)`)
    db.prepare(`insert into menus (id, edition_id, location, name, created_at, updated_at) values (1, 1, 'primary', 'Main', ?, ?)`).run(now, now)
    fails(`insert into menu_items (menu_id, position, label, kind, url) values (1, 0, 'Broken', 'category', 'https://x')`)
    db.close()
  })
})
