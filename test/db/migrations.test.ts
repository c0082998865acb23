import Database from 'better-sqlite3'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/database.js'
import { defaultMigrationsFolder } from '../../src/db/connection.js'

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

describe('the menu items rebuild (label items, gallery, tag and author targets)', () => {
  it('keeps every item, nested ones included, its foreign keys and its index, and checks the new kinds', () => {
    // the migrations up to the one before the rebuild, then the rebuild over a database holding a nested menu
    const folder = join(dir, 'before-rebuild')
    mkdirSync(join(folder, 'meta'), { recursive: true })
    const journal = JSON.parse(readFileSync(join(defaultMigrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> }
    const rebuild = journal.entries.findIndex((entry) => entry.tag.endsWith('page_elements_menus_authors_identity'))
    expect(rebuild).toBeGreaterThan(0)
    const before = journal.entries.slice(0, rebuild)
    writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: before }))
    for (const entry of before) copyFileSync(join(defaultMigrationsFolder, `${entry.tag}.sql`), join(folder, `${entry.tag}.sql`))

    const path = join(dir, 'rebuild.db')
    const old = openDatabase(path, { migrationsFolder: folder })
    const now = Date.now()
    old.$client.exec(`
      insert into editions (id, code, name, native_name, direction, is_default, position, created_at, updated_at) values (1, 'en', 'English', 'English', 'ltr', 1, 0, ${now}, ${now});
      insert into menus (id, edition_id, location, name, created_at, updated_at) values (1, 1, 'primary', 'Main', ${now}, ${now});
      insert into menu_items (id, menu_id, parent_id, position, label, kind, url) values (1, 1, null, 0, 'Top', 'url', '/top');
      insert into menu_items (id, menu_id, parent_id, position, label, kind, url) values (2, 1, 1, 0, 'Child', 'url', '/child');
      insert into menu_items (id, menu_id, parent_id, position, label, kind, target_edition_id) values (3, 1, 2, 0, 'Grandchild', 'edition', 1);
    `)
    old.$client.close()

    const db = openDatabase(path)
    const client = db.$client
    expect(client.prepare('select id, parent_id parentId, label, kind, url, target_edition_id targetEditionId from menu_items order by id').all()).toEqual([
      { id: 1, parentId: null, label: 'Top', kind: 'url', url: '/top', targetEditionId: null },
      { id: 2, parentId: 1, label: 'Child', kind: 'url', url: '/child', targetEditionId: null },
      { id: 3, parentId: 2, label: 'Grandchild', kind: 'edition', url: null, targetEditionId: 1 }
    ])
    const references = (client.prepare(`select "table", "from", on_delete onDelete from pragma_foreign_key_list('menu_items') order by "from"`).all() as Array<{ table: string, from: string, onDelete: string }>)
    expect(references.map((r) => `${r.from}->${r.table}:${r.onDelete}`)).toEqual([
      'article_id->articles:CASCADE', 'author_id->authors:CASCADE', 'category_id->categories:CASCADE', 'gallery_id->galleries:CASCADE',
      'menu_id->menus:CASCADE', 'page_id->pages:CASCADE', 'parent_id->menu_items:CASCADE', 'tag_id->tags:CASCADE', 'target_edition_id->editions:CASCADE'
    ])
    expect(client.prepare(`select name from sqlite_master where type = 'index' and tbl_name = 'menu_items' and name not like 'sqlite_%'`).all()).toEqual([{ name: 'menu_items_menu_idx' }])
    expect(client.prepare(`select count(*) n from sqlite_master where name like '%old_menu_items%' or name like '%new_menu_items%'`).get()).toEqual({ n: 0 })
    expect(client.pragma('foreign_key_check')).toEqual([])

    const fails = (statement: string) => expect(() => client.prepare(statement).run()).toThrow()
    client.prepare(`insert into menu_items (menu_id, position, label, kind) values (1, 1, 'Media', 'label')`).run()
    fails(`insert into menu_items (menu_id, position, label, kind, url) values (1, 2, 'Media', 'label', '#')`)
    fails(`insert into menu_items (menu_id, position, label, kind) values (1, 2, 'Gallery', 'gallery')`)
    fails(`insert into menu_items (menu_id, position, label, kind, gallery_id) values (1, 2, 'Gallery', 'gallery', 999)`)
    fails(`insert into menu_items (menu_id, position, label, kind, url) values (1, 2, 'Other', 'widget', '/x')`)
    // the parent cascade still holds in the rebuilt table
    client.prepare('delete from menu_items where id = 1').run()
    expect(client.prepare('select count(*) n from menu_items').get()).toEqual({ n: 1 })
    client.close()
  })
})
