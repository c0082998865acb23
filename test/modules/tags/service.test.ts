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
import { createEditionService } from '../../../src/modules/editions/service.js'
import { createChangeLog } from '../../../src/editorial/changes.js'
import { createTagService, type TagService } from '../../../src/modules/tags/service.js'

const T = Date.UTC(2025, 0, 2, 3, 4, 5)
// [id, editionId, slug, name]
const fixture: Array<[number, number, string, string]> = [
  [1, 1, 'elections', 'Elections'],
  [2, 1, 'climate', 'Climate'],
  [3, 2, 'climate', 'مناخ'],
  [4, 1, 'economy', 'Economy'],
  [5, 1, 'economics', 'Economy'],
  [6, 2, 'economy', 'اقتصاد']
]

let tags: TagService

beforeAll(() => {
  const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'quire-')), 'test.db'))
  const edition = db.$client.prepare(`insert into editions (id, code, name, native_name, direction, is_default, position, created_at, updated_at)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  edition.run(1, 'en', 'English', 'English', 'ltr', 1, 0, T, T)
  edition.run(2, 'ar', 'Arabic', 'العربية', 'rtl', 0, 1, T, T)
  const tag = db.$client.prepare('insert into tags (id, edition_id, slug, name, created_at, updated_at) values (?, ?, ?, ?, ?, ?)')
  for (const [id, editionId, slug, name] of fixture) tag.run(id, editionId, slug, name, T, T + id)
  tags = createServices({ db, clock: () => new Date(T), config: testConfig() }).tags
})

function walk (list: (cursor?: string) => Page<{ id: number }>): number[] {
  let page = list()
  const pages = [page]
  while (page.nextCursor !== null) pages.push(page = list(page.nextCursor))
  for (let i = pages.length - 1; i > 0; i--) {
    expect(list(pages[i]?.prevCursor ?? 'missing').items.map((t) => t.id)).toEqual(pages[i - 1]?.items.map((t) => t.id))
  }
  expect(pages[0]?.prevCursor).toBeNull()
  return pages.flatMap((p) => p.items.map((t) => t.id))
}

describe('tags service', () => {
  it('pages through every tag once, in (name, id) order, forwards and backwards', () => {
    expect(walk((cursor) => tags.list({ limit: 2, cursor }))).toEqual([2, 4, 5, 1, 6, 3])
    expect(tags.list({ limit: 2 }).total).toBe(6)
  })

  it('filters by edition, counting only that edition', () => {
    expect(walk((cursor) => tags.list({ edition: 'en', limit: 2, cursor }))).toEqual([2, 4, 5, 1])
    expect(tags.list({ edition: 'ar', limit: 2 })).toMatchObject({ total: 2, nextCursor: null, prevCursor: null })
    expect(() => tags.list({ edition: 'fr', limit: 2 })).toThrow(InvalidInputError)
  })

  it('refuses a tampered cursor', () => {
    const next = tags.list({ limit: 2 }).nextCursor as string
    const tampered = next.slice(0, 5) + (next[5] === 'A' ? 'B' : 'A') + next.slice(6)
    expect(() => tags.list({ limit: 2, cursor: tampered })).toThrow(InvalidInputError)
  })

  it('finds by id and resolves slugs per edition or across editions', () => {
    expect(tags.findById(3)).toEqual({ id: 3, edition: 'ar', slug: 'climate', name: 'مناخ', url: 'https://example.org/ar/tag/climate', articleCount: 0, createdAt: '2025-01-02T03:04:05.000Z', updatedAt: '2025-01-02T03:04:05.003Z' })
    expect(() => tags.findById(999)).toThrow(NotFoundError)
    expect(tags.idsBySlug('climate')).toEqual([2, 3])
    expect(tags.idsBySlug('climate', 2)).toEqual([3])
    expect(tags.idsBySlug('economics', 2)).toEqual([])
  })

  it('answers batch finders in key order with null for missing ids and repeats kept', () => {
    expect(tags.findRefsByIds([6, 999, 2, 6])).toEqual([
      { id: 6, edition: 'ar', slug: 'economy', name: 'اقتصاد', url: 'https://example.org/ar/tag/economy' },
      null,
      { id: 2, edition: 'en', slug: 'climate', name: 'Climate', url: 'https://example.org/en/tag/climate' },
      { id: 6, edition: 'ar', slug: 'economy', name: 'اقتصاد', url: 'https://example.org/ar/tag/economy' }
    ])
    expect(tags.findByIds([5, 999, 1, 5]).map((t) => t?.id ?? null)).toEqual([5, null, 1, 5])
    expect(tags.findByIds([])).toEqual([])
  })
})
