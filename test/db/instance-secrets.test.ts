import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import { copyTemplateDatabase, testConfig } from '../helpers/app.js'
import { fixedClock } from '../helpers/clock.js'

// CURSOR_SECRET unset: loadConfig makes a random secret each start; buildApp replaces it with one
// generated once and stored in the database, so a cursor outlives the process that issued it.
const unsetSecret = () => ({ cursorSecret: randomBytes(32).toString('hex'), cursorSecretIsEphemeral: true })

async function firstPage (databasePath: string, secret: { cursorSecret: string, cursorSecretIsEphemeral: boolean }): Promise<string> {
  const app = await buildApp({ clock: fixedClock(), config: testConfig({ databasePath, ...secret }) })
  try {
    const cursor = (await app.inject({ method: 'GET', url: '/v1/articles?limit=2' })).json().meta.nextCursor as string
    expect(cursor).toEqual(expect.any(String))
    return cursor
  } finally {
    await app.close()
  }
}

async function statusOfNextPage (databasePath: string, cursor: string, secret: { cursorSecret: string, cursorSecretIsEphemeral: boolean }): Promise<number> {
  const app = await buildApp({ clock: fixedClock(), config: testConfig({ databasePath, ...secret }) })
  try {
    return (await app.inject({ method: 'GET', url: `/v1/articles?limit=2&cursor=${encodeURIComponent(cursor)}` })).statusCode
  } finally {
    await app.close()
  }
}

describe('the cursor secret without CURSOR_SECRET', () => {
  // three app builds on a busy machine
  it('is generated once and kept in the database, so cursors survive a restart', { timeout: 120_000 }, async () => {
    const db = copyTemplateDatabase()
    try {
      const cursor = await firstPage(db.path, unsetSecret())
      expect(await statusOfNextPage(db.path, cursor, unsetSecret())).toBe(200)
      // CURSOR_SECRET still overrides: a cursor signed with the stored secret is refused under another
      expect(await statusOfNextPage(db.path, cursor, { cursorSecret: 'x'.repeat(40), cursorSecretIsEphemeral: false })).toBe(400)
    } finally {
      db.cleanup()
    }
  })

  it('differs between databases', { timeout: 120_000 }, async () => {
    const [a, b] = [copyTemplateDatabase(), copyTemplateDatabase()]
    try {
      const cursor = await firstPage(a.path, unsetSecret())
      expect(await statusOfNextPage(b.path, cursor, unsetSecret())).toBe(400)
    } finally {
      a.cleanup()
      b.cleanup()
    }
  })
})
