import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../src/db/connection.js'
import { openDatabase } from '../../src/database.js'
import { demoFacts, seedDemo } from '../../src/db/seed/demo.js'
import { seedSynthetic } from '../../src/db/seed/synthetic.js'
import { countWords, readingTimeMinutes } from '../../src/editorial/html-text.js'

const now = new Date('2026-03-15T09:30:00.000Z')
const nowMs = now.getTime()

const tables = [
  'editions', 'media', 'authors', 'categories', 'tags', 'articles', 'article_authors', 'article_categories',
  'article_tags', 'galleries', 'gallery_items', 'pages', 'menus', 'menu_items', 'site_settings'
]

describe('demo and synthetic seeds', () => {
  let dir: string
  let db: Db
  const all = <T>(sql: string, ...params: unknown[]): T[] => db.$client.prepare(sql).all(...params) as T[]
  const value = <T>(sql: string, ...params: unknown[]): T => db.$client.prepare(sql).pluck().get(...params) as T
  const counts = (): Record<string, number> => Object.fromEntries(tables.map((t) => [t, value<number>(`select count(*) from ${t}`)]))

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'quire-seed-'))
    db = openDatabase(join(dir, 'seed.db'))
  })

  afterAll(() => {
    db.$client.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('seeds once and leaves a seeded database untouched', () => {
    expect(seedDemo(db, { now })).toEqual({ seeded: true })
    const before = counts()
    expect(seedDemo(db, { now })).toEqual({ seeded: false })
    expect(counts()).toEqual(before)
  })

  it('is deterministic for a given clock', () => {
    const other = openDatabase(':memory:')
    try {
      seedDemo(other, { now })
      for (const table of ['articles', 'categories', 'media', 'menu_items', 'article_categories']) {
        const sql = `select * from ${table} order by 1, 2`
        expect(other.$client.prepare(sql).all(), table).toEqual(all(sql))
      }
    } finally {
      other.$client.close()
    }
  })

  it('creates four editions, two of them right-to-left, one default', () => {
    const editions = all<{ code: string, direction: string, is_default: number }>('select code, direction, is_default from editions order by position')
    expect(editions.map((e) => e.code)).toEqual([...demoFacts.editions])
    expect(editions.filter((e) => e.direction === 'rtl').map((e) => e.code).sort()).toEqual(['ar', 'fa'])
    expect(editions.filter((e) => e.is_default === 1).map((e) => e.code)).toEqual(['en'])
  })

  it('publishes at least 200 articles, none in the future, spread over every edition', () => {
    expect(value<number>("select count(*) from articles where status = 'published' and published_at <= ?", nowMs)).toBeGreaterThanOrEqual(200)
    expect(value<number>("select count(*) from articles where status = 'published' and (published_at is null or published_at > ?)", nowMs)).toBe(0)
    const perEdition = all<{ n: number }>("select count(*) n from articles where status = 'published' group by edition_id")
    expect(perEdition).toHaveLength(4)
    for (const { n } of perEdition) expect(n).toBeGreaterThanOrEqual(55)
  })

  it('keeps hidden articles of every status, each recognisable by title and slug', () => {
    const hidden = all<{ status: string, slug: string, title: string, published_at: number | null, edition_id: number }>(
      "select status, slug, title, published_at, edition_id from articles where status <> 'published'")
    const byStatus = (s: string) => hidden.filter((h) => h.status === s)
    expect(byStatus('draft').length).toBeGreaterThanOrEqual(3)
    expect(byStatus('scheduled').length).toBeGreaterThanOrEqual(3)
    expect(byStatus('archived').length).toBeGreaterThanOrEqual(3)
    expect(new Set(hidden.map((h) => h.edition_id)).size).toBeGreaterThanOrEqual(3)
    for (const h of byStatus('draft')) expect(h.published_at).toBeNull()
    for (const h of byStatus('scheduled')) expect(h.published_at).toBeGreaterThan(nowMs)
    for (const h of byStatus('archived')) expect(h.published_at).toBeLessThan(nowMs)
    for (const h of hidden) {
      expect(h.title.startsWith(demoFacts.hiddenTitlePrefix)).toBe(true)
      expect(h.slug.endsWith(demoFacts.hiddenSlugSuffix[h.status as 'draft' | 'scheduled' | 'archived'])).toBe(true)
    }
    // the markers must not leak onto public content
    expect(value<number>("select count(*) from articles where status = 'published' and (title like '[HIDDEN]%' or slug like '%-hidden-%')")).toBe(0)
    expect(value<number>("select count(*) from pages where status = 'draft' and title like '[HIDDEN]%'")).toBeGreaterThanOrEqual(1)
  })

  it('gives every article exactly one primary category, at least one author and at most three categories', () => {
    expect(value<number>(`select count(*) from articles a
      where (select count(*) from article_categories c where c.article_id = a.id and c.is_primary = 1) <> 1`)).toBe(0)
    expect(value<number>('select count(*) from articles a where not exists (select 1 from article_authors x where x.article_id = a.id)')).toBe(0)
    expect(value<number>('select count(*) from (select article_id from article_categories group by article_id having count(*) > 3)')).toBe(0)
  })

  it('links translations at most once per edition, in many groups', () => {
    for (const table of ['articles', 'categories', 'pages']) {
      expect(all(`select translation_group, edition_id from ${table} where translation_group is not null
        group by 1, 2 having count(*) > 1`), table).toEqual([])
    }
    expect(value<number>('select count(*) from articles where translation_group is not null')).toBeGreaterThanOrEqual(40)
    expect(value<number>('select count(*) from (select translation_group from articles group by 1 having count(*) = 4)')).toBeGreaterThanOrEqual(10)
  })

  it('uses each edition\'s own script, including in slugs', () => {
    const slugs = all<{ code: string, slug: string }>(`select e.code, c.slug from categories c join editions e on e.id = c.edition_id
      where c.translation_group = (select translation_group from categories where slug = 'human-rights')`)
    expect(Object.fromEntries(slugs.map((s) => [s.code, s.slug]))).toEqual({
      en: 'human-rights', ar: 'حقوق-الإنسان', fa: 'حقوق-بشر', sq: 'te-drejtat-e-njeriut'
    })
    const arabicScript = /^[\u0600-\u06ff0-9-]+$/
    for (const code of ['ar', 'fa']) {
      const articleSlugs = all<{ slug: string }>(`select a.slug from articles a join editions e on e.id = a.edition_id
        where e.code = ? and a.status = 'published'`, code)
      expect(articleSlugs.every((a) => arabicScript.test(a.slug)), code).toBe(true)
    }
    expect(value<number>('select count(*) from articles where title = ?', demoFacts.trickyTitle)).toBe(1)
  })

  it('derives word counts and reading times from the body', () => {
    const rows = all<{ body: string, word_count: number, reading_time_minutes: number }>('select body, word_count, reading_time_minutes from articles')
    for (const r of rows) {
      expect(r.word_count).toBe(countWords(r.body))
      expect(r.reading_time_minutes).toBe(readingTimeMinutes(r.word_count))
    }
    expect(new Set(rows.map((r) => r.reading_time_minutes)).size).toBeGreaterThan(1)
  })

  it('builds galleries, pages, menus and settings for every edition', () => {
    expect(value<number>('select count(*) from (select gallery_id from gallery_items group by 1 having count(*) >= 4)')).toBe(4)
    expect(value<number>("select count(*) from pages where status = 'published' and translation_group is not null")).toBe(8)
    expect(value<number>("select count(*) from menus where location = 'primary'")).toBe(4)
    expect(value<number>("select count(*) from menus where location = 'footer'")).toBe(4)
    const kinds = all<{ kind: string }>('select distinct kind from menu_items order by 1').map((k) => k.kind)
    expect(kinds).toEqual(['category', 'edition', 'page', 'url'])
    expect(value<number>('select count(*) from menu_items where parent_id is not null')).toBeGreaterThan(0)
    expect(value<number>("select count(*) from site_settings where json_array_length(social_links) > 0")).toBe(4)
  })

  it('passes the foreign key and integrity checks', () => {
    expect(db.$client.pragma('foreign_key_check')).toEqual([])
    expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok')
  })

  it('appends synthetic articles without breaking constraints, also when run twice', () => {
    const before = value<number>('select count(*) from articles')
    expect(seedSynthetic(db, { articles: 2000, now, batchSize: 700 })).toEqual({ inserted: 2000 })
    expect(seedSynthetic(db, { articles: 10, now })).toEqual({ inserted: 10 })
    expect(value<number>('select count(*) from articles')).toBe(before + 2010)
    expect(value<number>("select count(*) from articles where status = 'published' and published_at > ?", nowMs)).toBe(0)
    expect(value<number>(`select count(*) from articles a
      where (select count(*) from article_categories c where c.article_id = a.id and c.is_primary = 1) <> 1`)).toBe(0)
    expect(db.$client.pragma('foreign_key_check')).toEqual([])
    expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok')
  })
})
