import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { issueKeys, type IssuedKey } from '../helpers/keys.js'
import { test, buildTestApp, testConfig, type TestApp } from '../helpers/app.js'
import { createSecretBox } from '../../src/webhooks/secret-box.js'
import { startReceiver, waitFor } from '../helpers/webhook-receiver.js'
import { buildWebhookApp, query, registerEndpoint } from '../helpers/webhooks.js'

let app: TestApp
let keys: Record<'admin' | 'editor' | 'author' | 'preview', IssuedKey>
// the worker is off here (testConfig): these tests are about the admin API, deliveries stay queued
test.beforeAll(({ app: built, keys: issued }) => { app = built; keys = issued })

const endpointCount = () => query<{ n: number }>(app.databasePath, 'select count(*) as n from webhook_endpoints')[0]!.n
const url = 'http://127.0.0.1:9/hook'

describe('webhook endpoints over REST', () => {
  it('creates an endpoint: 201, Location, and the signing secret this once', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/webhooks', headers: keys.admin.auth, payload: { url, events: ['article.published', 'page.*'], description: 'CDN purger' } })
    expect(res.statusCode).toBe(201)
    const data = res.json().data
    expect(res.headers.location).toBe(`http://quire.test/v1/webhooks/${data.id}`)
    expect(res.headers.etag).toBe('"v1"')
    expect(res.headers['cache-control']).toBe('private, no-store')
    expect(data).toEqual({
      id: expect.any(Number), url, description: 'CDN purger', events: ['article.published', 'page.*'], enabled: true, version: 1,
      createdAt: '2026-06-01T12:00:00.000Z', updatedAt: '2026-06-01T12:00:00.000Z', secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/)
    })
    // stored encrypted, because HMAC needs it (docs/security.md), and never shown again
    const [stored] = query<{ secret: string }>(app.databasePath, 'select secret from webhook_endpoints where id = ?', data.id)
    expect(stored!.secret).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/)
    expect(stored!.secret).not.toContain(data.secret.slice('whsec_'.length))
    expect(createSecretBox(testConfig().webhooks.secretKey).open(stored!.secret)).toBe(data.secret)
    const one = await app.inject({ url: `/v1/webhooks/${data.id}`, headers: keys.admin.auth })
    const list = await app.inject({ url: '/v1/webhooks', headers: keys.admin.auth })
    for (const read of [one, list]) {
      expect(read.statusCode).toBe(200)
      expect(read.headers['cache-control']).toBe('private, no-store')
      expect(read.body).not.toContain(data.secret)
      expect(read.body).not.toContain('secret')
    }
    expect(one.json().data).toEqual({ ...data, secret: undefined })
    expect(list.json().meta.total).toBe(endpointCount())
  })

  it('changes an endpoint with If-Match, refuses a stale one (412), and deletes it', async () => {
    const { id } = await registerEndpoint(app, keys.admin, { url, events: ['*'] })
    const patched = await app.inject({ method: 'PATCH', url: `/v1/webhooks/${id}`, headers: { ...keys.admin.auth, 'if-match': '"v1"' }, payload: { events: ['media.*'], enabled: false, description: null } })
    expect(patched.statusCode).toBe(200)
    expect(patched.headers.etag).toBe('"v2"')
    expect(patched.json().data).toMatchObject({ events: ['media.*'], enabled: false, description: null, version: 2 })
    const stale = await app.inject({ method: 'PATCH', url: `/v1/webhooks/${id}`, headers: { ...keys.admin.auth, 'if-match': '"v1"' }, payload: { enabled: true } })
    expect(stale.statusCode).toBe(412)
    expect(query(app.databasePath, 'select enabled, version from webhook_endpoints where id = ?', id)).toEqual([{ enabled: 0, version: 2 }])

    expect((await app.inject({ method: 'DELETE', url: `/v1/webhooks/${id}`, headers: keys.admin.auth })).statusCode).toBe(204)
    expect((await app.inject({ url: `/v1/webhooks/${id}`, headers: keys.admin.auth })).statusCode).toBe(404)
  })

  const bad: Array<[string, Record<string, unknown>, string]> = [
    ['a URL that is not one', { url: 'not a url', events: ['article.published'] }, 'body.url'],
    ['a URL of another scheme', { url: 'ftp://127.0.0.1/hook', events: ['article.published'] }, 'body.url'],
    ['credentials in the URL', { url: 'http://user:pw@127.0.0.1/hook', events: ['article.published'] }, 'body.url'],
    ['an unknown event type', { url, events: ['article.exploded'] }, 'body.events.0'],
    ['an event categories do not have', { url, events: ['category.unpublished'] }, 'body.events.0'],
    ['no events', { url, events: [] }, 'body.events'],
    ['a repeated event', { url, events: ['*', '*'] }, 'body.events'],
    ['a secret of its own', { url, events: ['*'], secret: 'whsec_bWluZQ==' }, 'body.secret'],
    ['an unknown property', { url, events: ['*'], retries: 3 }, 'body.retries'],
    ['no url', { events: ['*'] }, 'body.url'],
    ['a non-boolean enabled', { url, events: ['*'], enabled: 'yes' }, 'body.enabled']
  ]
  it.each(bad)('refuses %s with 400 problem+json and creates nothing', async (_what, payload, name) => {
    const before = endpointCount()
    const res = await app.inject({ method: 'POST', url: '/v1/webhooks', headers: keys.admin.auth, payload })
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.json().errors.map((e: { name: string }) => e.name)).toContain(name)
    expect(endpointCount()).toBe(before)
  })

  it('refuses bad patches with 400 and changes nothing', async () => {
    const { id } = await registerEndpoint(app, keys.admin, { url, events: ['*'] })
    for (const payload of [{}, { url: 'nope' }, { events: ['nope'] }, { id: 5 }, { secret: 'x' }]) {
      const res = await app.inject({ method: 'PATCH', url: `/v1/webhooks/${id}`, headers: keys.admin.auth, payload })
      expect(res.statusCode).toBe(400)
    }
    expect(query(app.databasePath, 'select url, version from webhook_endpoints where id = ?', id)).toEqual([{ url, version: 1 }])
  })

  it('is for admin keys only: 401 without a key, 403 for the other roles', async () => {
    const { id } = await registerEndpoint(app, keys.admin, { url, events: ['*'] })
    const ping = await app.inject({ method: 'POST', url: `/v1/webhooks/${id}/ping`, headers: keys.admin.auth })
    const deliveryId = ping.json().data.id as number
    const requests = [
      { method: 'GET' as const, url: '/v1/webhooks' },
      { method: 'POST' as const, url: '/v1/webhooks', payload: { url, events: ['*'] } },
      { method: 'GET' as const, url: `/v1/webhooks/${id}` },
      { method: 'PATCH' as const, url: `/v1/webhooks/${id}`, payload: { enabled: false } },
      { method: 'DELETE' as const, url: `/v1/webhooks/${id}` },
      { method: 'GET' as const, url: `/v1/webhooks/${id}/deliveries` },
      { method: 'GET' as const, url: `/v1/webhooks/${id}/deliveries/${deliveryId}` },
      { method: 'POST' as const, url: `/v1/webhooks/${id}/deliveries/${deliveryId}/redeliver` },
      { method: 'POST' as const, url: `/v1/webhooks/${id}/ping` }
    ]
    const before = endpointCount()
    for (const request of requests) {
      expect((await app.inject(request)).statusCode, `${request.method} ${request.url} without a key`).toBe(401)
      for (const role of ['editor', 'author', 'preview'] as const) {
        const res = await app.inject({ ...request, headers: keys[role].auth })
        expect(res.statusCode, `${request.method} ${request.url} as ${role}`).toBe(403)
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
      }
    }
    expect(endpointCount()).toBe(before)
    expect(query(app.databasePath, 'select version from webhook_endpoints where id = ?', id)).toEqual([{ version: 1 }])
  })

  it('pages the delivery log newest first with a keyset cursor', async () => {
    const { id } = await registerEndpoint(app, keys.admin, { url, events: ['*'] })
    for (let i = 0; i < 5; i++) expect((await app.inject({ method: 'POST', url: `/v1/webhooks/${id}/ping`, headers: keys.admin.auth })).statusCode).toBe(202)
    const expected = query<{ id: number }>(app.databasePath, 'select id from webhook_deliveries where endpoint_id = ? order by id desc', id).map((r) => r.id)
    const seen: number[] = []
    let next: string | null = `/v1/webhooks/${id}/deliveries?limit=2`
    while (next !== null) {
      const res: { statusCode: number, json: () => unknown } = await app.inject({ url: next.replace('http://quire.test', ''), headers: keys.admin.auth })
      expect(res.statusCode).toBe(200)
      const body = res.json() as { data: Array<{ id: number }>, meta: { total: number }, links: { next: string | null } }
      expect(body.meta.total).toBe(5)
      for (const d of body.data) expect(d).toMatchObject({ endpointId: id, eventType: 'webhook.ping', status: 'pending', attempts: 0, attemptLog: [] })
      seen.push(...body.data.map((d: { id: number }) => d.id))
      next = body.links.next
    }
    expect(seen).toEqual(expected)
    const filtered = await app.inject({ url: `/v1/webhooks/${id}/deliveries?status=failed`, headers: keys.admin.auth })
    expect(filtered.json()).toMatchObject({ data: [], meta: { total: 0 } })
    for (const query of ['?cursor=forged', '?limit=0', '?status=lost', '?page=2']) {
      const res = await app.inject({ url: `/v1/webhooks/${id}/deliveries${query}`, headers: keys.admin.auth })
      expect(res.statusCode, query).toBe(400)
    }
  })

  it('answers 404 for unknown endpoints and for deliveries of another endpoint', async () => {
    const a = await registerEndpoint(app, keys.admin, { url, events: ['*'] })
    const b = await registerEndpoint(app, keys.admin, { url, events: ['*'] })
    const ping = await app.inject({ method: 'POST', url: `/v1/webhooks/${a.id}/ping`, headers: keys.admin.auth })
    const deliveryId = ping.json().data.id as number
    for (const path of [`/v1/webhooks/999999`, `/v1/webhooks/999999/deliveries`, `/v1/webhooks/${b.id}/deliveries/${deliveryId}`]) {
      expect((await app.inject({ url: path, headers: keys.admin.auth })).statusCode, path).toBe(404)
    }
    expect((await app.inject({ method: 'POST', url: `/v1/webhooks/${b.id}/deliveries/${deliveryId}/redeliver`, headers: keys.admin.auth })).statusCode).toBe(404)
  })
})

describe('endpoint URLs without WEBHOOK_ALLOW_PRIVATE_URLS', () => {
  let strict: TestApp
  let admin: IssuedKey
  beforeAll(async () => {
    strict = await buildTestApp({ config: { env: 'production', webhooks: { ...testConfig().webhooks, allowPrivateUrls: false } } })
    admin = issueKeys(strict).admin
  })
  afterAll(async () => { await strict.close() })

  const refused = [
    'https://127.0.0.1/hook', 'https://localhost/hook', 'https://[::1]/hook', 'https://10.0.0.8/hook', 'https://192.168.1.20/hook',
    'https://169.254.169.254/latest/meta-data', 'https://[::ffff:127.0.0.1]/hook', 'https://[fd00::1]/hook', 'https://0.0.0.0/hook', 'https://2130706433/hook',
    // production needs https
    'http://93.184.215.14/hook'
  ]
  it.each(refused)('refuses %s with 400 naming body.url', async (target) => {
    const before = query<{ n: number }>(strict.databasePath, 'select count(*) as n from webhook_endpoints')[0]!.n
    const res = await strict.inject({ method: 'POST', url: '/v1/webhooks', headers: admin.auth, payload: { url: target, events: ['*'] } })
    expect(res.statusCode).toBe(400)
    expect(res.json().errors).toEqual([{ name: 'body.url', reason: expect.any(String) }])
    expect(query<{ n: number }>(strict.databasePath, 'select count(*) as n from webhook_endpoints')[0]!.n).toBe(before)
  })

  it('accepts https on a public address (nothing is sent: this app runs no worker)', async () => {
    const res = await strict.inject({ method: 'POST', url: '/v1/webhooks', headers: admin.auth, payload: { url: 'https://93.184.215.14/hook', events: ['*'] } })
    expect(res.statusCode).toBe(201)
    const patched = await strict.inject({ method: 'PATCH', url: `/v1/webhooks/${res.json().data.id}`, headers: admin.auth, payload: { url: 'https://127.0.0.1/hook' } })
    expect(patched.statusCode).toBe(400)
  })
})

describe('secrets in logs', () => {
  it('never logs a signing secret or a bearer token, through registration, delivery and the delivery log', async () => {
    const lines: string[] = []
    const logged = await buildWebhookApp({}, { logger: { level: 'trace', stream: { write: (line: string) => { lines.push(line) } } } })
    const admin = issueKeys(logged).admin
    const receiver = await startReceiver({ respond: (n) => n === 0 ? 500 : 200 })
    try {
      const created = await logged.inject({ method: 'POST', url: '/v1/webhooks', headers: admin.auth, payload: { url: receiver.url, events: ['*'] } })
      const { id, secret } = created.json().data as { id: number, secret: string }
      receiver.setSecret(secret)
      await logged.inject({ method: 'POST', url: `/v1/webhooks/${id}/ping`, headers: admin.auth })
      await waitFor(() => receiver.received.length >= 2, 'the ping and its retry')
      await logged.inject({ url: `/v1/webhooks/${id}/deliveries`, headers: admin.auth })
      expect(receiver.received.every((m) => m.verifyError === null)).toBe(true)
      expect(lines.length).toBeGreaterThan(0)
      const log = lines.join('\n')
      expect(log).not.toContain(secret)
      expect(log).not.toContain(secret.slice('whsec_'.length))
      expect(log).not.toContain(admin.token)
    } finally {
      await logged.close()
      await receiver.close()
    }
  })
})
