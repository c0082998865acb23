import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src/database.js'
import { InvalidInputError, NotFoundError } from '../../../src/errors.js'
import type { Page } from '../../../src/pagination/page.js'
import type { AuthorService } from '../../../src/modules/authors/index.js'
import { createServices } from '../../../src/services.js'
import { testConfig } from '../../helpers/app.js'

const T = Date.UTC(2025, 0, 2, 3, 4, 5)
// [id, slug, name, avatarMediaId]; names sort by SQLite's binary collation, equal names by id
const fixture: Array<[number, string, string, number | null]> = [
  [1, 'zed', 'Zed', 1],
  [2, 'amal', 'Amal', null],
  [3, 'mona-a', 'Mona', 2],
  [4, 'mona-b', 'Mona', 1],
  [5, 'lower', 'amal', null]
]
const expectedOrder = [2, 3, 4, 1, 5]

let authors: AuthorService
let statements: string[] = []

beforeAll(() => {
  const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'quire-')), 'test.db'), { onQuery: (sql) => statements.push(sql) })
  const media = db.$client.prepare(`insert into media (id, kind, url, mime_type, width, height, alt_text, renditions, created_at, updated_at)
    values (?, 'image', ?, 'image/jpeg', ?, ?, ?, ?, ?, ?)`)
  media.run(1, 'https://cdn.example/1.jpg', 800, 800, 'Zed', JSON.stringify([{ name: 'thumb', url: 'https://cdn.example/1-t.jpg', width: 100, height: 100, mimeType: 'image/jpeg', bytes: null }]), T, T)
  media.run(2, 'https://cdn.example/2.jpg', null, null, null, '[]', T, T)
  const author = db.$client.prepare('insert into authors (id, slug, name, bio, avatar_media_id, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)')
  for (const [id, slug, name, avatar] of fixture) author.run(id, slug, name, id === 1 ? 'Writes about cities.' : null, avatar, T, T + id)
  authors = createServices({ db, clock: () => new Date(T), config: testConfig() }).authors
})

function walk (list: (cursor?: string) => Page<{ id: number }>): number[] {
  let page = list()
  const pages = [page]
  while (page.nextCursor !== null) pages.push(page = list(page.nextCursor))
  for (let i = pages.length - 1; i > 0; i--) {
    expect(list(pages[i]?.prevCursor ?? 'missing').items.map((a) => a.id)).toEqual(pages[i - 1]?.items.map((a) => a.id))
  }
  expect(pages[0]?.prevCursor).toBeNull()
  return pages.flatMap((p) => p.items.map((a) => a.id))
}

describe('authors service', () => {
  it('pages through every author once, in (name, id) order, forwards and backwards', () => {
    expect(walk((cursor) => authors.list({ limit: 2, cursor }))).toEqual(expectedOrder)
    expect(authors.list({ limit: 2 }).total).toBe(fixture.length)
  })

  it('refuses a tampered cursor', () => {
    const next = authors.list({ limit: 2 }).nextCursor as string
    const tampered = next.slice(0, 5) + (next[5] === 'A' ? 'B' : 'A') + next.slice(6)
    expect(() => authors.list({ limit: 2, cursor: tampered })).toThrow(InvalidInputError)
  })

  it('embeds the avatar media, or null', () => {
    const zed = authors.findBySlug('zed')
    expect(zed).toMatchObject({ id: 1, slug: 'zed', name: 'Zed', bio: 'Writes about cities.', createdAt: '2025-01-02T03:04:05.000Z', updatedAt: '2025-01-02T03:04:05.001Z' })
    expect(zed.avatar).toMatchObject({ id: 1, url: 'https://cdn.example/1.jpg', srcset: 'https://cdn.example/1-t.jpg 100w, https://cdn.example/1.jpg 800w' })
    expect(authors.findById(2)).toMatchObject({ bio: null, avatar: null })
    expect(() => authors.findById(999)).toThrow(NotFoundError)
    expect(() => authors.findBySlug('nobody')).toThrow(NotFoundError)
    expect(authors.idBySlug('mona-b')).toBe(4)
    expect(authors.idBySlug('nobody')).toBeNull()
  })

  it('answers batch finders in key order with null for missing ids, avatars and translations in one extra statement each', () => {
    statements = []
    const found = authors.findByIds([4, 999, 3, 1, 4, 2])
    // authors and translations; the avatars too, unless the media were read since the last write (db/commit-memo.ts)
    expect(statements.length).toBeGreaterThanOrEqual(2)
    expect(statements.length).toBeLessThanOrEqual(3)
    expect(found.map((a) => a === null ? null : [a.id, a.avatar?.id ?? null])).toEqual([[4, 1], null, [3, 2], [1, 1], [4, 1], [2, null]])
    statements = []
    authors.list({ limit: 5 })
    // the page, its count, translations, and the avatars unless already in memory
    expect(statements.length).toBeGreaterThanOrEqual(3)
    expect(statements.length).toBeLessThanOrEqual(4)
    expect(authors.findRefsByIds([5, 999, 5])).toEqual([{ id: 5, slug: 'lower', name: 'amal' }, null, { id: 5, slug: 'lower', name: 'amal' }])
    expect(authors.findByIds([])).toEqual([])
  })
})
