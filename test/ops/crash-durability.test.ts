import Database from 'better-sqlite3'
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { issueKey } from '../helpers/keys.js'
import { startServer, type RunningServer } from './child-server.js'

/*
 * SQLite's own discipline (sqlite.org/testing.html): crash, then check. A real server process
 * takes concurrent writes, is killed with SIGKILL at a random moment, and is started again on the
 * same file: every write it acknowledged (2xx) must be there with its content, and the file must
 * pass integrity_check and foreign_key_check. Cycles alternate SQLITE_SYNCHRONOUS=full and
 * normal: in WAL mode both must survive a killed process (only power loss tells them apart).
 *
 * CRASH_CYCLES sets the number of cycles (3 by default), for a soak:
 *   CRASH_CYCLES=30 npx vitest run test/ops/crash-durability.test.ts
 */
const cycles = Number(process.env.CRASH_CYCLES ?? 3)
const CLIENTS = 6

const dir = mkdtempSync(join(tmpdir(), 'quire-crash-'))
const databasePath = join(dir, 'quire.db')
// the seeded template: no demo seeding on first start, the writes start at once
copyFileSync(inject('templateDatabase'), databasePath)
const admin = issueKey({ databasePath }, 'admin', 'crash writer')
const headers = { ...admin.auth, 'content-type': 'application/json' }

const servers: RunningServer[] = []
afterAll(async () => {
  for (const server of servers) if (server.child.exitCode === null) { server.child.kill('SIGKILL'); await server.exited }
  rmSync(dir, { recursive: true, force: true })
})

/** What the API acknowledged for an article, and what it may have committed without saying so. */
interface Expected { title: string, excerpt: string, inFlight: { title: string, excerpt: string } | null }
const acknowledged = new Map<number, Expected>()
let lastAcknowledgedCount = 0

/**
 * One client: creates an article, then edits it with If-Match, again and again, until the server
 * dies under it. A request whose answer never came may or may not have committed: that version
 * is remembered as in flight, and either it or the acknowledged one may be found afterwards.
 */
async function client (server: RunningServer, cycle: number, n: number): Promise<void> {
  let id: number | null = null
  let etag = ''
  for (let step = 0; ; step++) {
    const content = { title: `Crash ${cycle}.${n}.${step}`, excerpt: `written by client ${n} in cycle ${cycle}, step ${step}` }
    if (id !== null) acknowledged.get(id)!.inFlight = content
    let res: Response
    let body: string
    try {
      res = id === null
        ? await fetch(`${server.url}/v1/articles`, { method: 'POST', headers, body: JSON.stringify({ edition: 'en', ...content }) })
        : await fetch(`${server.url}/v1/articles/${id}`, { method: 'PATCH', headers: { ...headers, 'if-match': etag }, body: JSON.stringify(content) })
      body = await res.text()
    } catch {
      return // the server is gone
    }
    if (res.status !== 200 && res.status !== 201) throw new Error(`write refused: ${res.status} ${body}`)
    if (id === null) id = (JSON.parse(body) as { data: { id: number } }).data.id
    etag = res.headers.get('etag')!
    acknowledged.set(id, { ...content, inFlight: null })
  }
}

function checkFile (): void {
  const db = new Database(databasePath)
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(db.pragma('foreign_key_check')).toEqual([])
  } finally {
    db.close()
  }
}

async function checkAcknowledged (server: RunningServer): Promise<void> {
  for (const [id, expected] of acknowledged) {
    const res = await fetch(`${server.url}/v1/articles/${id}`, { headers })
    expect(res.status, `article ${id}`).toBe(200)
    const { title, excerpt } = ((await res.json()) as { data: { title: string, excerpt: string } }).data
    const found = { title, excerpt }
    const allowed = [{ title: expected.title, excerpt: expected.excerpt }, ...(expected.inFlight !== null ? [expected.inFlight] : [])]
    expect(allowed, `article ${id}`).toContainEqual(found)
    // what is there now is what the next cycle builds on
    acknowledged.set(id, { ...found, inFlight: null })
  }
}

describe('acknowledged writes survive kill -9', () => {
  it(`keeps every acknowledged write through ${cycles} crash cycles, with an intact file`, { timeout: 60_000 + cycles * 90_000 }, async () => {
    let server = await startServer(databasePath, { SEED_DEMO: 'false', WEBHOOK_WORKER: 'false', SQLITE_SYNCHRONOUS: 'full' })
    servers.push(server)
    for (let cycle = 1; cycle <= cycles; cycle++) {
      const writers = Array.from({ length: CLIENTS }, (_, n) => client(server, cycle, n))
      // a random moment once this cycle's first write is acknowledged; the delay is in the failure message
      while (acknowledged.size === lastAcknowledgedCount && server.child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 10))
      const delay = 200 + Math.floor(Math.random() * 2000)
      await new Promise((resolve) => setTimeout(resolve, delay))
      server.child.kill('SIGKILL')
      await server.exited
      await Promise.all(writers)
      expect(acknowledged.size, `cycle ${cycle} (killed after ${delay} ms) acknowledged no write`).toBeGreaterThan(lastAcknowledgedCount)
      lastAcknowledgedCount = acknowledged.size

      checkFile()
      server = await startServer(databasePath, { SEED_DEMO: 'false', WEBHOOK_WORKER: 'false', SQLITE_SYNCHRONOUS: cycle % 2 === 0 ? 'full' : 'normal' })
      servers.push(server)
      await checkAcknowledged(server)
    }
    server.child.kill('SIGTERM')
    expect(await server.exited).toBe(0)
    checkFile()
  })
})
