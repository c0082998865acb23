import { describe, expect, it } from 'vitest'
import { duringBulkLoad, openSqlite, type ConnectionExtension } from '../../src/db/connection.js'

/** An extension that records what the connection asked of it, as search's does its trigger. */
function recording (name: string, log: string[], fails = false): ConnectionExtension {
  return {
    defer () {
      if (fails) throw new Error(`${name} cannot pause`)
      log.push(`${name} paused`)
      return { resume: () => { log.push(`${name} resumed`) } }
    }
  }
}

describe('bulk loads', () => {
  it('pauses every extension for the load and resumes each afterwards, also when the load fails', () => {
    const log: string[] = []
    const db = openSqlite(':memory:', { migrate: false, extensions: [recording('first', log), recording('second', log)] })
    expect(duringBulkLoad(db, () => { log.push('load'); return 7 })).toBe(7)
    expect(() => duringBulkLoad(db, () => { throw new Error('load failed') })).toThrow('load failed')
    expect(log).toEqual(['first paused', 'second paused', 'load', 'first resumed', 'second resumed', 'first paused', 'second paused', 'first resumed', 'second resumed'])
    db.$client.close()
  })

  it('resumes the extensions already paused when a later one cannot pause, and never runs the load', () => {
    const log: string[] = []
    const db = openSqlite(':memory:', { migrate: false, extensions: [recording('first', log), recording('second', log, true)] })
    expect(() => duringBulkLoad(db, () => { log.push('load') })).toThrow('second cannot pause')
    expect(log).toEqual(['first paused', 'first resumed'])
    db.$client.close()
  })
})
