import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Db } from '../../src/db/connection.js'
import { createContentVersion, type ContentVersion } from '../../src/db/content-version.js'

// only the columns the version reads: the visibility instants of articles and pages
let dir: string
let client: Database.Database
let other: Database.Database
let version: ContentVersion

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quire-version-'))
  client = new Database(join(dir, 'version.db'))
  client.pragma('journal_mode = WAL')
  client.exec('create table articles (visible_from integer); create table pages (visible_from integer); insert into articles values (100), (300); insert into pages values (50)')
  other = new Database(join(dir, 'version.db'))
  version = createContentVersion({ $client: client } as unknown as Db)
})
afterEach(() => {
  client.close()
  other.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('content version', () => {
  it('moves when a scheduled item falls due, though nothing was written, and only then', () => {
    expect(version.read(150)).toMatchObject({ articles: 100, pages: 50 })
    const before = version.at(150)
    expect(version.at(299)).toBe(before)
    expect(version.read(300)).toMatchObject({ articles: 300 })
    expect(version.at(300)).not.toBe(before)
    // a clock set back (a test's, an operator's) is answered for that instant, not from what was kept
    expect(version.read(120)).toMatchObject({ articles: 100 })
    expect(version.read(10)).toMatchObject({ articles: 0, pages: 0 })
  })

  it('moves with a write on its own connection, at once', () => {
    const before = version.at(150)
    client.prepare('insert into articles values (140)').run()
    expect(version.read(150)).toMatchObject({ articles: 140 })
    expect(version.at(150)).not.toBe(before)
  })

  it('moves with another connection\'s commit from the next stretch of work on', async () => {
    const before = version.at(150)
    other.prepare('insert into pages values (120)').run()
    await Promise.resolve()
    expect(version.read(150)).toMatchObject({ pages: 120 })
    expect(version.at(150)).not.toBe(before)
  })

  it('keeps nothing read inside a transaction, which may roll back', () => {
    version.at(150)
    try {
      client.transaction(() => {
        client.prepare('insert into articles values (149)').run()
        expect(version.read(150)).toMatchObject({ articles: 149 })
        throw new Error('roll back')
      })()
    } catch { /* rolled back */ }
    expect(version.read(150)).toMatchObject({ articles: 100 })
  })
})
