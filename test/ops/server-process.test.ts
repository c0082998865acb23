import Database from 'better-sqlite3'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from './child-server.js'

// The real entry point in a child process: first start seeds, restarts never re-seed,
// SIGTERM closes cleanly and a SIGKILL leaves a database that passes integrity_check.
const dir = mkdtempSync(join(tmpdir(), 'quire-process-'))
const databasePath = join(dir, 'quire.db')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const start = async (): Promise<RunningServer> => startServer(databasePath)

const articleCount = () => {
  const db = new Database(databasePath, { readonly: true })
  const n = (db.prepare('select count(*) n from articles').get() as { n: number }).n
  db.close()
  return n
}

describe('the server process', () => {
  // each start compiles TypeScript on the fly and the first seeds the demo database: slow on a busy 2-core machine
  it('creates, migrates and seeds the database on first start and serves it', { timeout: 120_000 }, async () => {
    const server = await start()
    const ready = await fetch(`${server.url}/health/ready`)
    expect(ready.status).toBe(200)
    expect(await ready.json()).toEqual({ status: 'ok' })
    const live = await fetch(`${server.url}/health/live`)
    expect(live.status).toBe(200)
    // an unknown API key is refused (401) since content management; the point here is that it never reaches the log
    const list = await fetch(`${server.url}/v1/articles?edition=en&limit=1`, { headers: { authorization: 'Bearer secret-token-value' } })
    expect(list.status).toBe(401)
    expect(list.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)

    server.child.kill('SIGTERM')
    expect(await server.exited).toBe(0)
    expect(server.output()).toContain('shutting down')
    expect(server.output()).not.toContain('secret-token-value')
    // a clean close checkpoints and removes the write-ahead log
    expect(existsSync(`${databasePath}-wal`)).toBe(false)
    expect(articleCount()).toBeGreaterThanOrEqual(200)
  })

  it('never re-seeds existing data and survives a hard kill intact', { timeout: 120_000 }, async () => {
    const before = articleCount()
    const server = await start()
    expect((await fetch(`${server.url}/health/ready`)).status).toBe(200)
    server.child.kill('SIGKILL')
    await server.exited
    const db = new Database(databasePath)
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(db.pragma('foreign_key_check')).toEqual([])
    db.close()
    expect(articleCount()).toBe(before)

    const again = await start()
    expect((await fetch(`${again.url}/v1/editions`)).status).toBe(200)
    again.child.kill('SIGINT')
    expect(await again.exited).toBe(0)
    expect(articleCount()).toBe(before)
  })
})
