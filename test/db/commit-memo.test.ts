import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCommitMemo, createCommitStamp } from '../../src/db/commit-memo.js'
import type { Db } from '../../src/db/connection.js'

let dir: string
let client: Database.Database
let other: Database.Database
let loads: number[][]
let memo: (keys: readonly number[]) => Array<{ id: number, name: string } | null>

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quire-memo-'))
  client = new Database(join(dir, 'memo.db'))
  client.pragma('journal_mode = WAL')
  client.exec("create table things (id integer primary key, name text not null); insert into things values (1, 'one'), (2, 'two')")
  other = new Database(join(dir, 'memo.db'))
  const byIds = client.prepare('select id, name from things where id in (select value from json_each(?))')
  loads = []
  memo = createCommitMemo(createCommitStamp({ $client: client } as unknown as Db), (ids: number[]) => {
    loads.push(ids)
    return new Map((byIds.all(JSON.stringify(ids)) as Array<{ id: number, name: string }>).map((row) => [row.id, row]))
  })
})
afterEach(() => {
  client.close()
  other.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('commit memo', () => {
  it('answers in key order, null for missing keys, and reads only keys it has not seen since the last change', () => {
    expect(memo([2, 9, 1, 2])).toEqual([{ id: 2, name: 'two' }, null, { id: 1, name: 'one' }, { id: 2, name: 'two' }])
    expect(memo([1, 9])).toEqual([{ id: 1, name: 'one' }, null])
    expect(loads).toEqual([[2, 9, 1]])
  })

  it('reads again after a write on its own connection', () => {
    memo([1])
    client.prepare("update things set name = 'uno' where id = 1").run()
    expect(memo([1])).toEqual([{ id: 1, name: 'uno' }])
    expect(loads).toHaveLength(2)
  })

  it('reads again after another connection committed, from the next stretch of work on', async () => {
    memo([1, 3])
    other.prepare("insert into things values (3, 'three')").run()
    other.prepare("update things set name = 'uno' where id = 1").run()
    // another process's commit is noticed once per synchronous stretch (db/change-probe.ts)
    await Promise.resolve()
    expect(memo([1, 3])).toEqual([{ id: 1, name: 'uno' }, { id: 3, name: 'three' }])
  })

  it('keeps nothing read inside a transaction, which may roll back', () => {
    memo([1])
    try {
      client.transaction(() => {
        client.prepare("update things set name = 'never' where id = 1").run()
        expect(memo([1])).toEqual([{ id: 1, name: 'never' }])
        throw new Error('roll back')
      })()
    } catch { /* rolled back */ }
    expect(memo([1])).toEqual([{ id: 1, name: 'one' }])
  })

  it('hands out frozen values, so no caller can change them for the others', () => {
    const [thing] = memo([1])
    expect(() => { (thing as { name: string }).name = 'changed' }).toThrow(TypeError)
    expect(memo([1])).toEqual([{ id: 1, name: 'one' }])
  })
})
