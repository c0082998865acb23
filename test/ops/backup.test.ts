import Database from 'better-sqlite3'
import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyTemplateDatabase } from '../helpers/app.js'
import { uniqueTitle } from '../helpers/content.js'
import { issueKey, type IssuedKey } from '../helpers/keys.js'
import { startQuireProcess, type QuireProcess } from '../helpers/server-process.js'
import { quire } from '../helpers/cli.js'

const head = (path: string) => {
  const db = new Database(path, { readonly: true })
  try { return (db.prepare('select coalesce(max(seq), 0) as n from changes').get() as { n: number }).n } finally { db.close() }
}
const isRoot = process.getuid?.() === 0

// every test here starts CLI processes, each a full Node start-up: on a slow, shared machine four of
// them took longer than the default 20 s, so the budget is per test, not per process
describe('backup, restore and a standby', { timeout: 120_000 }, () => {
  const primaryDb = copyTemplateDatabase()
  const work = mkdtempSync(join(tmpdir(), 'quire-backup-'))
  let primary: QuireProcess
  let editor: IssuedKey
  const write = async (server: QuireProcess) => {
    const res = await fetch(`${server.url}/v1/articles`, { method: 'POST', headers: { ...editor.auth, 'content-type': 'application/json' }, body: JSON.stringify({ edition: 'en', title: uniqueTitle() }) })
    expect(res.status).toBe(201)
    return ((await res.json()) as { data: { id: number } }).data.id
  }

  beforeAll(async () => {
    editor = issueKey({ databasePath: primaryDb.path }, 'editor')
    primary = await startQuireProcess(primaryDb.path)
  }, 240_000)

  afterAll(async () => {
    await primary?.stop()
    primaryDb.cleanup()
    rmSync(work, { recursive: true, force: true })
  })

  it('backs up while the server takes writes, and the backup verifies', async () => {
    let writing = true
    const writes = (async () => { while (writing) await write(primary) })()
    const result = await quire(['backup', work], { DATABASE_PATH: primaryDb.path })
    writing = false
    await writes
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    expect(result.stdout).toMatch(/backup written and verified: .*quire-\d{8}T\d{6}Z\.db: \d+ bytes, integrity ok, change-log head \d+/)
    expect(result.stdout).toMatch(/articles: \d+/)
  })

  it('restores into a second data directory, and that standby follows the primary by the next backup', async () => {
    const standbyDir = join(work, 'standby')
    mkdirSync(standbyDir)
    const standbyPath = join(standbyDir, 'quire.db')
    const first = join(work, 'first.db')
    expect((await quire(['backup', first], { DATABASE_PATH: primaryDb.path })).status).toBe(0)
    const restored = await quire(['restore', first], { DATABASE_PATH: standbyPath })
    expect(restored.status).toBe(0)
    expect(restored.stdout).toContain(`change-log head ${head(first)}`)

    // the primary moves on; the standby serves what the backup held
    const lost = await write(primary)
    let standby = await startQuireProcess(standbyPath)
    expect((await fetch(`${standby.url}/v1/articles/${lost}`, { headers: editor.auth })).status).toBe(404)
    await standby.stop()

    // failover: the primary dies; the standby takes the newest backup and serves it
    const second = join(work, 'second.db')
    expect((await quire(['backup', second], { DATABASE_PATH: primaryDb.path })).status).toBe(0)
    await primary.kill9()
    expect((await quire(['restore', second], { DATABASE_PATH: standbyPath })).status).toBe(0)
    standby = await startQuireProcess(standbyPath)
    try {
      expect((await fetch(`${standby.url}/v1/articles/${lost}`, { headers: editor.auth })).status).toBe(200)
      expect(await write(standby)).toBeGreaterThan(lost)
    } finally {
      await standby.stop()
      primary = await startQuireProcess(primaryDb.path)
    }
  }, 240_000)

  it('refuses a truncated or corrupted backup with a clear message and replaces nothing', async () => {
    const good = join(work, 'good.db')
    expect((await quire(['backup', good], { DATABASE_PATH: primaryDb.path })).status).toBe(0)
    const target = join(work, 'target.db')
    copyFileSync(good, target)
    const before = readFileSync(target)

    const truncated = join(work, 'truncated.db')
    copyFileSync(good, truncated)
    truncateSync(truncated, Math.floor(statSync(truncated).size / 2))
    const corrupted = join(work, 'corrupted.db')
    const bytes = readFileSync(good)
    // overwrite pages in the middle of the file with garbage (the header stays valid)
    bytes.fill(0x5a, 8192, Math.min(bytes.length, 8192 * 6))
    writeFileSync(corrupted, bytes)
    const notADatabase = join(work, 'notes.txt')
    writeFileSync(notADatabase, 'hello, this is not SQLite at all '.repeat(200))

    for (const [file, message] of [[truncated, /truncated or corrupted|is damaged/], [corrupted, /is damaged|truncated or corrupted/], [notADatabase, /not a usable database|cannot be read/], [join(work, 'missing.db'), /does not exist/]] as const) {
      const result = await quire(['restore', file], { DATABASE_PATH: target })
      expect([file, result.status]).toEqual([file, 1])
      expect(result.stderr).toMatch(message)
      expect(result.stderr).not.toMatch(/\n\s+at /)
      expect(readFileSync(target).equals(before)).toBe(true)
      expect(existsSync(`${target}.restoring`)).toBe(false)
    }
  })

  it.runIf(isRoot)('reports a full or read-only destination clearly and leaves no partial file', async () => {
    const small = join(work, 'small')
    const readonly = join(work, 'readonly')
    mkdirSync(small)
    mkdirSync(readonly)
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', small])
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=64k', 'tmpfs', readonly])
    try {
      const full = await quire(['backup', small], { DATABASE_PATH: primaryDb.path })
      expect(full.status).toBe(1)
      expect(full.stderr).toMatch(/is full|may be full/)
      expect(execFileSync('ls', ['-A', small], { encoding: 'utf8' })).toBe('')
      const ro = await quire(['backup', readonly], { DATABASE_PATH: primaryDb.path })
      expect(ro.status).toBe(1)
      expect(ro.stderr).toMatch(/read-only|not writable|cannot create/)
    } finally {
      execFileSync('umount', [small])
      execFileSync('umount', [readonly])
    }
  })

  it('refuses to overwrite an existing backup', async () => {
    const file = join(work, 'exists.db')
    writeFileSync(file, 'x')
    const result = await quire(['backup', file], { DATABASE_PATH: primaryDb.path })
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('already exists')
    expect(readFileSync(file, 'utf8')).toBe('x')
  })
})
