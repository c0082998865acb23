import Database from 'better-sqlite3'
import { existsSync, readFileSync } from 'node:fs'
import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp, loggerRedaction } from '../../src/app.js'
import { createSecretBox } from '../../src/webhooks/secret-box.js'
import { issueKey, type IssuedKey } from '../helpers/keys.js'
import { uniqueTitle } from '../helpers/content.js'
import { openReadOnly } from '../helpers/db.js'
import { buildWebhookApp, query } from '../helpers/webhooks.js'
import { startReceiver, waitFor, type Receiver } from '../helpers/webhook-receiver.js'
import { copyTemplateDatabase, testConfig, type TestApp } from '../helpers/app.js'

/*
 * The token of an API key and the signing secret of a webhook endpoint are shown once, in the
 * response that creates them. Whatever path the creation takes (with or without Idempotency-Key,
 * retried, after a revocation), neither may be found afterwards in any column of any table, in
 * the database files, or in the log.
 */

let app: TestApp
let admin: IssuedKey
let receiver: Receiver
const logLines: string[] = []
const secrets: string[] = []

const logStream = new Writable({
  write (chunk: Buffer, _encoding, done) { logLines.push(chunk.toString('utf8')); done() }
})

beforeAll(async () => {
  app = await buildWebhookApp({}, { logger: { level: 'trace', redact: loggerRedaction, stream: logStream } })
  admin = issueKey(app, 'admin', 'secrets admin')
  receiver = await startReceiver()
})
afterAll(async () => {
  await app.close()
  await receiver.close()
})

const post = (url: string, payload: unknown, idempotencyKey?: string) => app.inject({
  method: 'POST', url, payload: payload as Record<string, unknown>,
  headers: { ...admin.auth, ...(idempotencyKey !== undefined ? { 'idempotency-key': idempotencyKey } : {}) }
})

/** Every user table and every column of it, as SQLite itself lists them. */
function everyStoredValue (): Array<{ table: string, column: string, value: string }> {
  const db = openReadOnly(app.databasePath)
  try {
    const tables = db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'").all() as Array<{ name: string }>
    const found: Array<{ table: string, column: string, value: string }> = []
    for (const { name: table } of tables) {
      const columns = db.prepare(`select name from pragma_table_info(?)`).all(table) as Array<{ name: string }>
      for (const { name: column } of columns) {
        const values = db.prepare(`select "${column.replace(/"/g, '""')}" as v from "${table.replace(/"/g, '""')}"`).raw().all() as unknown[][]
        for (const [v] of values) {
          if (v === null || v === undefined) continue
          found.push({ table, column, value: Buffer.isBuffer(v) ? v.toString('latin1') : String(v) })
        }
      }
    }
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['api_keys', 'idempotency_keys', 'webhook_endpoints', 'changes']))
    return found
  } finally {
    db.close()
  }
}

/** The secret and its random part alone (what follows `quire_` / `whsec_`), so an encoding trick would not hide it. */
const needles = (secret: string): string[] => [secret, secret.replace(/^(quire_|whsec_)/, '')]

describe('secrets at rest', () => {
  it('keeps no API token or webhook secret in any table, database file or log line, whatever way they were created', async () => {
    // keys: plain, with an Idempotency-Key, then the retry of it before and after revoking the key
    const plainKey = await post('/v1/keys', { name: 'plain key', role: 'editor' })
    expect(plainKey.statusCode).toBe(201)
    secrets.push(plainKey.json().data.token)

    const onceKey = await post('/v1/keys', { name: 'idempotent key', role: 'editor' }, 'secrets-key-1')
    expect(onceKey.statusCode).toBe(201)
    const token = onceKey.json().data.token as string
    secrets.push(token)

    const retried = await post('/v1/keys', { name: 'idempotent key', role: 'editor' }, 'secrets-key-1')
    expect(retried.body).not.toContain(token)
    expect(retried.statusCode).toBe(409)
    expect(retried.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(retried.json().detail).toMatch(/shown once/)
    expect(retried.json().detail).toContain(onceKey.headers.location)
    expect(retried.headers.link).toBe(`<${onceKey.headers.location}>; rel="related"`)

    const revoked = await app.inject({ method: 'DELETE', url: `/v1/keys/${onceKey.json().data.id}`, headers: admin.auth })
    expect(revoked.statusCode).toBe(204)
    const afterRevoke = await post('/v1/keys', { name: 'idempotent key', role: 'editor' }, 'secrets-key-1')
    expect(afterRevoke.statusCode).toBe(409)
    expect(afterRevoke.body).not.toContain(token)
    // the retry created nothing: one key of that name
    const keys = await app.inject({ method: 'GET', url: '/v1/keys', headers: admin.auth })
    expect(keys.json().data.filter((k: { name: string }) => k.name === 'idempotent key')).toHaveLength(1)

    // webhook endpoints: plain, and with an Idempotency-Key retried
    const plainHook = await post('/v1/webhooks', { url: receiver.url, events: ['page.*'] })
    expect(plainHook.statusCode).toBe(201)
    const signingSecret = plainHook.json().data.secret as string
    secrets.push(signingSecret)

    const onceHook = await post('/v1/webhooks', { url: `${receiver.url}?second`, events: ['article.*'] }, 'secrets-hook-1')
    expect(onceHook.statusCode).toBe(201)
    secrets.push(onceHook.json().data.secret)
    const retriedHook = await post('/v1/webhooks', { url: `${receiver.url}?second`, events: ['article.*'] }, 'secrets-hook-1')
    expect(retriedHook.statusCode).toBe(409)
    expect(retriedHook.body).not.toContain(onceHook.json().data.secret)
    expect(retriedHook.json().detail).toContain(onceHook.headers.location)

    // a GraphQL mutation with an Idempotency-Key next to them: replayed as before (it carries no secret)
    const mutation = { query: 'mutation($input: CreateTagInput!) { createTag(input: $input) { databaseId } }', variables: { input: { edition: 'en', name: uniqueTitle('Secret tag') } } }
    const gql = () => app.inject({ method: 'POST', url: '/graphql', headers: { ...admin.auth, 'idempotency-key': 'secrets-gql-1', 'content-type': 'application/json' }, payload: JSON.stringify(mutation) })
    const first = await gql()
    expect(first.json().errors).toBeUndefined()
    const replay = await gql()
    expect(replay.headers['idempotent-replayed']).toBe('true')

    // the stored secret still signs: the receiver verifies a ping with the secret from the create response
    receiver.setSecret(signingSecret)
    const ping = await app.inject({ method: 'POST', url: `/v1/webhooks/${plainHook.json().data.id}/ping`, headers: admin.auth })
    expect(ping.statusCode).toBe(202)
    const delivered = await waitFor(() => receiver.received.find((m) => m.body?.type === 'webhook.ping'), 'a signed ping')
    expect(delivered.verifyError).toBeNull()

    // now look everywhere
    expect(secrets).toHaveLength(4)
    const stored = everyStoredValue()
    expect(stored.length).toBeGreaterThan(100)
    for (const secret of secrets) {
      for (const needle of needles(secret)) {
        expect(stored.filter((s) => s.value.includes(needle)).map((s) => `${s.table}.${s.column}`)).toEqual([])
      }
    }
    for (const file of [app.databasePath, `${app.databasePath}-wal`]) {
      if (!existsSync(file)) continue
      const bytes = readFileSync(file).toString('latin1')
      for (const secret of secrets) for (const needle of needles(secret)) expect(bytes.includes(needle), `${needle.slice(0, 10)}… in ${file}`).toBe(false)
    }
    const log = logLines.join('')
    expect(log).toContain('incoming request')
    for (const secret of secrets) for (const needle of needles(secret)) expect(log.includes(needle)).toBe(false)
  })
})

describe('secrets stored by an older version', () => {
  it('are encrypted, and token responses kept for replay are withheld, when the app starts', async () => {
    const copy = copyTemplateDatabase()
    try {
      const key = issueKey({ databasePath: copy.path }, 'admin', 'older admin')
      const plaintext = 'whsec_bGVnYWN5LXNlY3JldC1vZi10aGlydHktdHdvLWJ5dGVzISE='
      const oldToken = 'quire_' + 'a'.repeat(43)
      const raw = new Database(copy.path)
      raw.prepare("insert into webhook_endpoints (url, events, secret, created_at, updated_at) values ('http://127.0.0.1:9/old', '[\"*\"]', ?, 0, 0)").run(plaintext)
      raw.prepare("insert into idempotency_keys (key_id, idempotency_key, fingerprint, status, location, body, created_at, expires_at) values (?, 'old-retry', 'f', 201, 'http://quire.test/v1/keys/99', ?, 0, ?)")
        .run(key.id, JSON.stringify({ data: { id: 99, token: oldToken } }), Date.now() * 2)
      raw.close()

      // an ephemeral key would lose the secret at the next restart: it stays as it is
      const ephemeral = await buildApp({ config: testConfig({ databasePath: copy.path, webhooks: { ...testConfig().webhooks, secretKey: 'an-ephemeral-key-of-at-least-32-chars!', secretKeyIsEphemeral: true } }) })
      await ephemeral.close()
      expect(query<{ secret: string }>(copy.path, 'select secret from webhook_endpoints where url like ?', '%/old')[0]!.secret).toBe(plaintext)

      const upgraded = await buildApp({ config: testConfig({ databasePath: copy.path }) })
      await upgraded.close()
      const [endpoint] = query<{ secret: string }>(copy.path, 'select secret from webhook_endpoints where url like ?', '%/old')
      expect(endpoint!.secret).not.toContain(plaintext.slice('whsec_'.length))
      expect(createSecretBox(testConfig().webhooks.secretKey).open(endpoint!.secret)).toBe(plaintext)
      const [row] = query<{ status: number, location: string, body: string }>(copy.path, "select status, location, body from idempotency_keys where idempotency_key = 'old-retry'")
      expect(row).toEqual({ status: 201, location: 'http://quire.test/v1/keys/99', body: expect.not.stringContaining(oldToken) })
    } finally {
      copy.cleanup()
    }
  })
})
