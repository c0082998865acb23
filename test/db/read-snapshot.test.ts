import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCommitMemo, createCommitStamp } from '../../src/db/commit-memo.js'
import type { Db } from '../../src/db/connection.js'
import { readSnapshot, readsMayRollBack } from '../../src/db/read-snapshot.js'

let dir: string
let client: Database.Database
let other: Database.Database

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quire-read-snapshot-'))
  client = new Database(join(dir, 'snapshot.db'))
  client.pragma('journal_mode = WAL')
  client.exec("create table things (id integer primary key, name text not null); insert into things values (1, 'one')")
  other = new Database(join(dir, 'snapshot.db'))
})
afterEach(() => {
  client.close()
  other.close()
  rmSync(dir, { recursive: true, force: true })
})

const names = (db: Database.Database): string[] => (db.prepare('select name from things order by id').pluck().all() as string[])

describe('read snapshot', () => {
  it('shows every statement the same committed state, though another connection commits between them', () => {
    const seen = readSnapshot(client, () => {
      const first = names(client)
      other.prepare("insert into things values (2, 'two')").run()
      return [first, names(client)]
    })
    expect(seen).toEqual([['one'], ['one']])
    // closed at the end: the next read sees the commit
    expect(client.inTransaction).toBe(false)
    expect(names(client)).toEqual(['one', 'two'])
  })

  it('is closed when the read throws, and the error reaches the caller', () => {
    expect(() => readSnapshot(client, () => { throw new Error('not found') })).toThrow('not found')
    expect(client.inTransaction).toBe(false)
    expect(readsMayRollBack(client)).toBe(false)
  })

  it('runs inside a transaction already open, without closing it', () => {
    client.transaction(() => {
      client.prepare("insert into things values (3, 'three')").run()
      expect(readSnapshot(client, () => names(client))).toEqual(['one', 'three'])
      expect(client.inTransaction).toBe(true)
      expect(readsMayRollBack(client)).toBe(true)
    })()
    expect(names(other)).toEqual(['one', 'three'])
  })

  it('lets commit memos keep what they read, as a write transaction does not', () => {
    const loads: number[][] = []
    const byIds = client.prepare('select id, name from things where id in (select value from json_each(?))')
    const memo = createCommitMemo(createCommitStamp({ $client: client } as unknown as Db), (ids: number[]) => {
      loads.push(ids)
      return new Map((byIds.all(JSON.stringify(ids)) as Array<{ id: number, name: string }>).map((row) => [row.id, row]))
    })
    readSnapshot(client, () => memo([1]))
    expect(readsMayRollBack(client)).toBe(false)
    memo([1])
    expect(loads).toEqual([[1]])
    client.transaction(() => { memo([1]) })()
    expect(loads).toEqual([[1], [1]])
  })
})
