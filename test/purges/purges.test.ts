import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PurgeTarget } from '../../src/config.js'
import { buildTestApp, type TestApp } from '../helpers/app.js'
import { createDraft, publish, uniqueTitle } from '../helpers/content.js'
import { openReadOnly } from '../helpers/db.js'
import { issueKeys, type IssuedKey } from '../helpers/keys.js'
import { startPurgeReceiver } from '../helpers/purge-receiver.js'
import { waitFor } from '../helpers/webhook-receiver.js'
import { TEST_NOW } from '../helpers/clock.js'

type Receiver = Awaited<ReturnType<typeof startPurgeReceiver>>

let varnish: Receiver
let fastly: Receiver
let cloudflare: Receiver
let app: TestApp
let editor: IssuedKey
let admin: IssuedKey

const pendingJobs = () => {
  const sql = openReadOnly(app.databasePath)
  try { return (sql.prepare("select count(*) as n from purge_jobs where status = 'pending' and next_attempt_at <= ?").get(TEST_NOW.getTime()) as { n: number }).n } finally { sql.close() }
}
const status = async () => (await app.inject({ url: '/v1/purges/status', headers: admin.auth })).json().data as { targets: Array<Record<string, unknown>> }
const allReceivers = () => [varnish, fastly, cloudflare]
const reset = () => { for (const receiver of allReceivers()) receiver.calls.length = 0 }

beforeAll(async () => {
  varnish = await startPurgeReceiver()
  fastly = await startPurgeReceiver()
  cloudflare = await startPurgeReceiver()
  const targets: PurgeTarget[] = [
    { kind: 'varnish', name: `varnish:${varnish.url}`, url: varnish.url, soft: true },
    { kind: 'fastly', name: 'fastly:svc123', apiUrl: fastly.url, serviceId: 'svc123', token: 'fastly-token-secret', soft: true },
    { kind: 'cloudflare', name: 'cloudflare:zone9', apiUrl: cloudflare.url, zoneId: 'zone9', token: 'cloudflare-token-secret' }
  ]
  app = await buildTestApp({ config: { purges: { worker: true, targets, pollIntervalMs: 20, timeoutMs: 2000, retryBaseMs: 0, maxAttempts: 4 } } })
  await app.ready()
  ;({ editor, admin } = issueKeys(app))
})

afterAll(async () => {
  await app.close()
  for (const receiver of allReceivers()) await receiver.close()
})

describe('cache purges', () => {
  it('sends a publication\'s keys to every target in its protocol', async () => {
    const id = await createDraft(app, editor)
    await waitFor(() => pendingJobs() === 0, 'idle worker')
    reset()
    await publish(app, editor, id)
    await waitFor(() => allReceivers().every((receiver) => receiver.calls.length > 0) && pendingJobs() === 0, 'purges at every target')
    const expected = [`article:${id}`, 'list:articles', 'list:articles:en']
    for (const receiver of allReceivers()) expect(receiver.keys().sort()).toEqual(expected)
    expect(varnish.calls[0]).toMatchObject({ method: 'PURGE', url: '/' })
    expect(varnish.calls[0]!.headers['xkey-softpurge']).toBeDefined()
    expect(fastly.calls[0]).toMatchObject({ method: 'POST', url: '/service/svc123/purge' })
    expect(fastly.calls[0]!.headers).toMatchObject({ 'fastly-key': 'fastly-token-secret', 'fastly-soft-purge': '1' })
    expect(cloudflare.calls[0]).toMatchObject({ method: 'POST', url: '/zones/zone9/purge_cache' })
    expect(cloudflare.calls[0]!.headers.authorization).toBe('Bearer cloudflare-token-secret')
  })

  it('queues nothing for draft saves', async () => {
    const id = await createDraft(app, editor)
    const res = await app.inject({ method: 'PATCH', url: `/v1/articles/${id}`, headers: editor.auth, payload: { title: uniqueTitle('Draft edit') } })
    expect(res.statusCode).toBe(200)
    expect(pendingJobs()).toBe(0)
  })

  it('queues a scheduled article\'s purge for its publication instant', async () => {
    const id = await createDraft(app, editor)
    await publish(app, editor, id, 'articles', { publishedAt: '2027-01-01T00:00:00.000Z' })
    const targets = (await status()).targets
    expect(targets.map((target) => target.scheduled)).toEqual([1, 1, 1])
    const sql = openReadOnly(app.databasePath)
    try {
      const rows = sql.prepare('select next_attempt_at as at, keys from purge_jobs where keys like ?').all(`%"article:${id}"%`) as Array<{ at: number, keys: string }>
      expect(rows.map((row) => row.at)).toEqual([Date.parse('2027-01-01T00:00:00.000Z'), Date.parse('2027-01-01T00:00:00.000Z'), Date.parse('2027-01-01T00:00:00.000Z')])
    } finally { sql.close() }
  })

  it('keeps writing while a target fails, shows the failure, and catches up when it recovers', async () => {
    varnish.respondWith(() => 503)
    reset()
    const id = await createDraft(app, editor)
    await publish(app, editor, id)
    await waitFor(() => fastly.keys().includes(`article:${id}`), 'the healthy targets purge')
    await waitFor(async () => (await status()).targets.find((target) => target.kind === 'varnish')?.lastError === 'HTTP 503', 'the failure is visible')
    const failing = (await status()).targets.find((target) => target.kind === 'varnish')!
    expect(failing).toMatchObject({ healthy: false, lastError: 'HTTP 503' })
    expect(JSON.stringify(await status())).not.toContain('token-secret')
    // the write path never waits for a target
    const edit = await app.inject({ method: 'PATCH', url: `/v1/articles/${id}`, headers: editor.auth, payload: { title: uniqueTitle('Edited while Varnish is down') } })
    expect(edit.statusCode).toBe(200)
    await waitFor(async () => (await status()).targets.find((target) => target.kind === 'varnish')?.failed === 1, 'given up after the last attempt')
    varnish.respondWith(() => 200)
    const later = await createDraft(app, editor)
    await publish(app, editor, later)
    await waitFor(() => varnish.keys().includes(`article:${later}`), 'the recovered target purges again')
  })

  it('coalesces a burst of writes into few requests with each key once', async () => {
    await waitFor(() => pendingJobs() === 0, 'earlier work settled')
    const id = await createDraft(app, editor)
    await publish(app, editor, id)
    reset()
    const writes = 200
    await Promise.all(Array.from({ length: writes }, async (_, n) => {
      const res = await app.inject({ method: 'PATCH', url: `/v1/articles/${id}`, headers: editor.auth, payload: { title: `Burst ${n} ${id}` } })
      expect(res.statusCode).toBe(200)
    }))
    await waitFor(() => fastly.keys().filter((key) => key === `article:${id}`).length > 0 && pendingJobs() === 0, 'the burst is purged')
    expect(fastly.calls.length).toBeLessThan(writes / 4)
    for (const call of fastly.calls) {
      const keys = String(call.headers['surrogate-key']).split(' ')
      expect(new Set(keys).size).toBe(keys.length)
    }
  })

  it('refuses the status to keys that are not admin keys', async () => {
    expect((await app.inject({ url: '/v1/purges/status', headers: editor.auth })).statusCode).toBe(403)
    expect((await app.inject({ url: '/v1/purges/status' })).statusCode).toBe(401)
  })
})
