import { createServices } from '../../../src/services.js'
import { testConfig } from '../../helpers/app.js'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src/database.js'
import { InvalidInputError, NotFoundError } from '../../../src/errors.js'
import { createCursorCodec } from '../../../src/pagination/cursor.js'
import type { Page } from '../../../src/pagination/page.js'
import { createCategoryService, type CategoryService } from '../../../src/modules/categories/service.js'
import { createEditionService } from '../../../src/modules/editions/service.js'
import { createChangeLog } from '../../../src/editorial/changes.js'

const T = Date.UTC(2025, 0, 2, 3, 4, 5)
// [id, editionId, parentId, slug, name, position, translationGroup]
const fixture: Array<[number, number, number | null, string, string, number, number | null]> = [
  [1, 1, null, 'news', 'News', 0, 100],
  [2, 1, 1, 'world', 'World', 1, 200],
  [3, 1, 2, 'europe', 'Europe', 0, null],
  [4, 1, 1, 'local', 'Local', 0, null],
  [5, 1, null, 'sport', 'Sport', 1, null],
  [6, 1, null, 'opinion', 'Opinion', 1, null],
  [7, 2, null, 'akhbar', 'أخبار', 0, 100],
  [8, 2, 7, 'world', 'العالم', 0, 200],
  [9, 2, 8, 'europa', 'أوروبا', 0, null],
  // bad data the schema allows: a parent in another edition, and a two-row parent cycle (11 ⇄ 12)
  [10, 3, 5, 'sport', 'Sport', 0, null],
  [11, 3, null, 'loop-a', 'Loop A', 1, null],
  [12, 3, 11, 'loop-b', 'Loop B', 0, null]
]

let categories: CategoryService

beforeAll(() => {
  const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'quire-')), 'test.db'))
  const edition = db.$client.prepare(`insert into editions (id, code, name, native_name, direction, is_default, position, created_at, updated_at)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  edition.run(1, 'en', 'English', 'English', 'ltr', 1, 0, T, T)
  edition.run(2, 'ar', 'Arabic', 'العربية', 'rtl', 0, 1, T, T)
  edition.run(3, 'de', 'German', 'Deutsch', 'ltr', 0, 2, T, T)
  const category = db.$client.prepare(`insert into categories (id, edition_id, parent_id, slug, name, description, position, translation_group, created_at, updated_at)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  for (const [id, editionId, parentId, slug, name, position, group] of fixture) {
    category.run(id, editionId, parentId, slug, name, id === 1 ? 'All the news' : null, position, group, T, T + id)
  }
  db.$client.prepare('update categories set parent_id = 12 where id = 11').run()
  const clock = () => new Date(T)
  categories = createServices({ db, clock, config: testConfig() }).categories
})

/** Walks forward with nextCursor, then back from the last page with prevCursor; both walks must agree. */
function walk (list: (cursor?: string) => Page<{ id: number }>): number[] {
  let page = list()
  const pages = [page]
  while (page.nextCursor !== null) pages.push(page = list(page.nextCursor))
  for (let i = pages.length - 1; i > 0; i--) {
    const back = list(pages[i]?.prevCursor ?? 'missing prevCursor')
    expect(back.items.map((c) => c.id)).toEqual(pages[i - 1]?.items.map((c) => c.id))
    expect(back.prevCursor === null).toBe(i === 1)
  }
  expect(pages[0]?.prevCursor).toBeNull()
  return pages.flatMap((p) => p.items.map((c) => c.id))
}

const byPositionThenId = (rows: typeof fixture) => [...rows].sort((a, b) => a[5] - b[5] || a[0] - b[0]).map((row) => row[0])

describe('categories service', () => {
  it('pages through every category once, in (position, id) order, forwards and backwards', () => {
    const ids = walk((cursor) => categories.list({ limit: 2, cursor }))
    expect(ids).toEqual(byPositionThenId(fixture))
    expect(categories.list({ limit: 2 }).total).toBe(fixture.length)
  })

  it('filters by edition and parent, counting only matching rows', () => {
    const roots = walk((cursor) => categories.list({ edition: 'en', parent: 'root', limit: 2, cursor }))
    expect(roots).toEqual([1, 5, 6])
    expect(categories.list({ edition: 'en', parent: 'root', limit: 2 }).total).toBe(3)
    expect(categories.list({ parent: 1, limit: 20 }).items.map((c) => c.id)).toEqual([4, 2])
    expect(walk((cursor) => categories.list({ edition: 'ar', limit: 1, cursor }))).toEqual([7, 8, 9])
  })

  it('refuses an unknown edition filter and a tampered or foreign cursor', () => {
    expect(() => categories.list({ edition: 'fr', limit: 2 })).toThrow(InvalidInputError)
    const next = categories.list({ limit: 2 }).nextCursor as string
    const tampered = next.slice(0, 5) + (next[5] === 'A' ? 'B' : 'A') + next.slice(6)
    expect(() => categories.list({ limit: 2, cursor: tampered })).toThrow(InvalidInputError)
    const foreign = createCursorCodec('x'.repeat(32)).encode({ sort: 'name', value: 'a', id: 1, direction: 'after' })
    expect(() => categories.list({ limit: 2, cursor: foreign })).toThrow(InvalidInputError)
  })

  it('maps a row with its translations and ISO timestamps', () => {
    expect(categories.findBySlug('en', 'news')).toEqual({
      id: 1,
      edition: 'en',
      parentId: null,
      slug: 'news',
      name: 'News',
      description: 'All the news',
      position: 0,
      translations: [{ id: 7, edition: 'ar', slug: 'akhbar', name: 'أخبار', url: 'https://example.org/ar/category/akhbar' }],
      url: 'https://example.org/en/category/news',
      articleCount: 0,
      createdAt: '2025-01-02T03:04:05.000Z',
      updatedAt: '2025-01-02T03:04:05.001Z'
    })
    expect(categories.findById(3).translations).toEqual([])
    expect(() => categories.findById(999)).toThrow(NotFoundError)
    expect(() => categories.findBySlug('en', 'akhbar')).toThrow(NotFoundError)
    expect(() => categories.findBySlug('fr', 'news')).toThrow(NotFoundError)
  })

  it('nests the tree of one edition by parent, children in (position, id) order', () => {
    const shape = (nodes: ReturnType<CategoryService['tree']>): unknown =>
      nodes.map((node) => node.children.length === 0 ? node.slug : { [node.slug]: shape(node.children) })
    expect(shape(categories.tree('en'))).toEqual([{ news: ['local', { world: ['europe'] }] }, 'sport', 'opinion'])
    expect(shape(categories.tree('ar'))).toEqual([{ akhbar: [{ world: ['europa'] }] }])
    expect(categories.tree('en')[0]?.children[1]?.translations).toEqual([{ id: 8, edition: 'ar', slug: 'world', name: 'العالم', url: 'https://example.org/ar/category/world' }])
    expect(() => categories.tree('fr')).toThrow(NotFoundError)
  })

  it('survives bad parent links: a parent in another edition makes a root, a cycle is left out', () => {
    expect(categories.tree('de').map((node) => [node.id, node.children.length])).toEqual([[10, 0]])
    expect(categories.descendantIdsBySlug('loop-a')).toEqual([11, 12])
  })

  it('collects descendants by slug, within one edition or across all', () => {
    expect(categories.descendantIdsBySlug('news', 1)).toEqual([1, 2, 3, 4])
    expect(categories.descendantIdsBySlug('world', 1)).toEqual([2, 3])
    expect(categories.descendantIdsBySlug('world', 2)).toEqual([8, 9])
    expect(categories.descendantIdsBySlug('world')).toEqual([2, 3, 8, 9])
    expect(categories.descendantIdsBySlug('sport')).toEqual([5, 10])
    expect(categories.descendantIdsBySlug('news', 2)).toEqual([])
    expect(categories.descendantIdsBySlug('missing')).toEqual([])
  })

  it('answers batch finders in key order, with null for missing ids and repeats kept', () => {
    expect(categories.findRefsByIds([3, 999, 1, 3])).toEqual([
      { id: 3, edition: 'en', slug: 'europe', name: 'Europe', parentId: 2, url: 'https://example.org/en/category/europe' },
      null,
      { id: 1, edition: 'en', slug: 'news', name: 'News', parentId: null, url: 'https://example.org/en/category/news' },
      { id: 3, edition: 'en', slug: 'europe', name: 'Europe', parentId: 2, url: 'https://example.org/en/category/europe' }
    ])
    expect(categories.findByIds([8, 999, 8, 2]).map((c) => c?.id ?? null)).toEqual([8, null, 8, 2])
    expect(categories.findByIds([])).toEqual([])
    expect(categories.childrenByParentIds([2, 1, 999, 1]).map((group) => group.map((c) => c.id)))
      .toEqual([[3], [4, 2], [], [4, 2]])
  })
})
