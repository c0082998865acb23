import { createServices } from '../../src/services.js'
import Database from 'better-sqlite3'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashesEqual, hashToken, issueToken, lookupPrefix } from '../../src/auth/tokens.js'
import { runKeysCommand } from '../../src/cli/keys.js'
import { openDatabase } from '../../src/database.js'
import { buildTestApp, copyTemplateDatabase, type TestApp, testConfig } from '../helpers/app.js'
import { issueKey } from '../helpers/keys.js'

const run = (path: string, argv: string[]) => {
  const db = openDatabase(path, { migrate: false })
  let out = ''
  let err = ''
  try {
    const code = runKeysCommand(createServices({ db, clock: () => new Date(), config: testConfig() }).keys, argv, { out: (t) => { out += t }, err: (t) => { err += t } })
    return { code, out, err }
  } finally {
    db.$client.close()
  }
}

describe('tokens', () => {
  it('are random, recognisable, and stored only as a sha256', () => {
    const a = issueToken()
    const b = issueToken()
    expect(a.token).toMatch(/^quire_[A-Za-z0-9_-]{43}$/)
    expect(a.token).not.toBe(b.token)
    expect(a.hash).toBe(hashToken(a.token))
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/)
    expect(lookupPrefix(a.token)).toBe(a.prefix)
    expect(lookupPrefix('quire_short')).toBeNull()
    expect(lookupPrefix(`${a.token}x`)).toBeNull()
    expect(hashesEqual(a.hash, hashToken(a.token))).toBe(true)
    expect(hashesEqual(a.hash, b.hash)).toBe(false)
    expect(hashesEqual(a.hash, 'abc')).toBe(false)
  })
})

describe('quire keys', () => {
  const db = copyTemplateDatabase()
  afterAll(() => db.cleanup())

  it('creates a key, printing the token once and storing only its hash', () => {
    const created = run(db.path, ['create', '--name', 'Newsroom app', '--role', 'editor'])
    expect(created.code).toBe(0)
    const token = /quire_[A-Za-z0-9_-]{43}/.exec(created.out)?.[0]
    expect(token).toBeDefined()
    const raw = new Database(db.path, { readonly: true })
    const row = raw.prepare('select * from api_keys where name = ?').get('Newsroom app') as Record<string, unknown>
    raw.close()
    expect(row).toMatchObject({ role: 'editor', token_hash: hashToken(token!), revoked_at: null })
    expect(JSON.stringify(row)).not.toContain(token!)

    const listed = run(db.path, ['list'])
    expect(listed.code).toBe(0)
    expect(listed.out).toMatch(/Newsroom app\s+editor\s+quire_\S+…/)
    expect(listed.out).not.toContain(token!)

    const id = String(row.id)
    const revoked = run(db.path, ['revoke', id])
    expect(revoked.code).toBe(0)
    expect(run(db.path, ['list']).out).toMatch(new RegExp(`^${id}\\s.*\\d{4}-\\d\\d-\\d\\dT\\S+Z\\s*$`, 'm'))
  })

  it.each([
    [['create', '--name', 'x'], 'needs --name and --role'],
    [['create', '--name', 'x', '--role', 'owner'], 'needs --name and --role'],
    [['create', '--name', '', '--role', 'admin'], 'needs a name'],
    [['revoke'], 'needs one key id'],
    [['revoke', 'abc'], 'needs one key id'],
    [['revoke', '999999'], 'was not found'],
    [['create', '--bogus'], 'Unknown option'],
    [['rotate'], 'usage']
  ])('refuses %j', (argv, message) => {
    const result = run(db.path, argv)
    expect(result.code).toBe(1)
    expect(result.err).toContain(message)
  })

  it('runs as the quire command', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'keys', 'create', '--name', 'From the shell', '--role', 'preview'], {
      env: { ...process.env, DATABASE_PATH: db.path, SEED_DEMO: 'false' }
    })
    expect(stdout).toMatch(/created key \d+ "From the shell" \(preview\)\ntoken \(shown once, store it now\):\nquire_[A-Za-z0-9_-]{43}\n/)
  })
})

describe('authentication over HTTP', () => {
  let app: TestApp
  beforeAll(async () => { app = await buildTestApp() })
  afterAll(async () => { await app.close() })

  it.each([
    ['no Authorization on a write', undefined],
    ['a Basic header', 'Basic dXNlcjpwYXNz'],
    ['Bearer without a token', 'Bearer '],
    ['an unknown well-formed token', `Bearer ${issueToken().token}`],
    ['garbage', 'Bearer not-a-token']
  ])('%s is a 401 problem with WWW-Authenticate', async (_what, authorization) => {
    const res = await app.inject({ method: 'POST', url: '/v1/articles', headers: authorization === undefined ? {} : { authorization }, payload: { edition: 'en', title: 'x' } })
    expect(res.statusCode).toBe(401)
    expect(res.headers['www-authenticate']).toBe('Bearer realm="quire"')
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.json()).toMatchObject({ type: 'http://quire.test/problems/unauthorized', status: 401 })
  })

  it('a token whose prefix matches a key but whose secret differs is a 401', async () => {
    const key = issueKey(app, 'editor')
    const forged = key.token.slice(0, -4) + (key.token.endsWith('AAAA') ? 'BBBB' : 'AAAA')
    const res = await app.inject({ url: '/v1/articles', headers: { authorization: `Bearer ${forged}` } })
    expect(res.statusCode).toBe(401)
    expect((await app.inject({ url: '/v1/articles?limit=1', headers: key.auth })).statusCode).toBe(200)
  })

  it('a valid key without the permission is a 403, distinct from 401', async () => {
    const preview = issueKey(app, 'preview')
    const res = await app.inject({ method: 'POST', url: '/v1/articles', headers: preview.auth, payload: { edition: 'en', title: 'x' } })
    expect(res.statusCode).toBe(403)
    expect(res.headers['www-authenticate']).toBeUndefined()
    expect(res.json()).toMatchObject({ type: 'http://quire.test/problems/forbidden', status: 403 })
  })

  it('admins manage keys over REST; the token is shown in the creation response only', async () => {
    const admin = issueKey(app, 'admin')
    const created = await app.inject({ method: 'POST', url: '/v1/keys', headers: admin.auth, payload: { name: 'CI bot', role: 'author' } })
    expect(created.statusCode).toBe(201)
    const { token, id } = created.json().data
    expect((await app.inject({ url: '/v1/articles?limit=1', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200)
    const list = (await app.inject({ url: '/v1/keys', headers: admin.auth })).json()
    expect(JSON.stringify(list)).not.toContain(token)
    expect(list.data.find((k: { id: number }) => k.id === id)).toMatchObject({ name: 'CI bot', role: 'author', revokedAt: null })
    expect((await app.inject({ method: 'POST', url: '/v1/keys', headers: admin.auth, payload: { name: 'x', role: 'root' } })).statusCode).toBe(400)
    expect((await app.inject({ method: 'DELETE', url: `/v1/keys/${id}`, headers: admin.auth })).statusCode).toBe(204)
    expect((await app.inject({ url: '/v1/articles?limit=1', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401)
    expect((await app.inject({ method: 'DELETE', url: '/v1/keys/99999', headers: admin.auth })).statusCode).toBe(404)
  })
})
