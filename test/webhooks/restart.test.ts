import { afterEach, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import type { Config } from '../../src/config.js'
import { issueKey } from '../helpers/keys.js'
import { createDraft, publish } from '../helpers/content.js'
import { copyTemplateDatabase, testConfig, type TestApp } from '../helpers/app.js'
import { TEST_NOW } from '../helpers/clock.js'
import { startReceiver, waitFor, type Receiver } from '../helpers/webhook-receiver.js'
import { query, registerEndpoint, webhookConfig } from '../helpers/webhooks.js'

/**
 * Durability: an app is closed with deliveries still owed, and a new app on the same database
 * file must deliver them — at least once, with the webhook-id fixed when the write committed.
 */
const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function appOn (path: string, webhooks: Partial<Config['webhooks']>, now: Date = TEST_NOW): Promise<TestApp> {
  const app = await buildApp({ config: testConfig({ databasePath: path, webhooks: webhookConfig(webhooks) }), clock: () => now })
  await app.ready()
  return Object.assign(app, { databasePath: path })
}

function database () {
  const db = copyTemplateDatabase()
  cleanups.push(db.cleanup)
  return db.path
}

async function receiver (options: Parameters<typeof startReceiver>[0] = {}): Promise<Receiver> {
  const r = await startReceiver(options)
  cleanups.push(() => r.close())
  return r
}

interface DeliveryRow { id: number, status: string, attempts: number, locked_until: number | null, message_id: string }
const deliveriesOf = (path: string, endpointId: number) => query<DeliveryRow>(path,
  'select d.id, d.status, d.attempts, d.locked_until, e.message_id from webhook_deliveries d join webhook_events e on e.id = d.event_id where d.endpoint_id = ? order by d.id', endpointId)
const attemptErrors = (path: string, deliveryId: number) =>
  query<{ error: string | null }>(path, 'select error from webhook_attempts where delivery_id = ? order by id', deliveryId).map((a) => a.error)

describe('webhooks across an app restart', () => {
  it('delivers an event committed while no worker ran, exactly once, after the restart', async () => {
    const path = database()
    const r = await receiver()
    const first = await appOn(path, { worker: false })
    const admin = issueKey(first, 'admin')
    const endpoint = await registerEndpoint(first, admin, { url: r.url, events: ['article.published'] })
    r.setSecret(endpoint.secret)
    await publish(first, admin, await createDraft(first, admin))
    await first.close()
    const [queued] = deliveriesOf(path, endpoint.id)
    expect(queued).toMatchObject({ status: 'pending', attempts: 0 })
    expect(r.received).toHaveLength(0)

    const second = await appOn(path, {})
    cleanups.push(() => second.close())
    await waitFor(() => deliveriesOf(path, endpoint.id)[0]?.status === 'succeeded', 'the delivery after the restart')
    expect(r.received.map((m) => m.webhookId)).toEqual([queued!.message_id])
    expect(r.received[0]!.verifyError).toBeNull()
  })

  it('retries after the restart an attempt that never reached the receiver, and the receiver gets it once', async () => {
    const path = database()
    // a port with nothing listening: the first attempt is refused
    const down = await startReceiver()
    const port = down.port
    await down.close()
    let now = TEST_NOW
    const first = await buildApp({ config: testConfig({ databasePath: path, webhooks: webhookConfig({ retryBaseMs: 60_000 }) }), clock: () => now })
    await first.ready()
    const admin = issueKey({ databasePath: path }, 'admin')
    const endpoint = await registerEndpoint(Object.assign(first, { databasePath: path }), admin, { url: `http://127.0.0.1:${port}/hook`, events: ['article.*'] })
    await publish(Object.assign(first, { databasePath: path }), admin, await createDraft(Object.assign(first, { databasePath: path }), admin))
    const [refused] = await waitFor(() => {
      const rows = deliveriesOf(path, endpoint.id)
      return rows[0]?.attempts === 1 ? rows : undefined
    }, 'the refused attempt')
    expect(refused).toMatchObject({ status: 'pending', locked_until: null })
    expect(attemptErrors(path, refused!.id)[0]).toMatch(/ECONNREFUSED/)
    await first.close()

    const r = await receiver({ port, secret: endpoint.secret })
    // the backoff (30–60 s after one failure) has passed when the new app starts
    now = new Date(TEST_NOW.getTime() + 2 * 60_000)
    const second = await appOn(path, { retryBaseMs: 60_000 }, now)
    cleanups.push(() => second.close())
    await waitFor(() => deliveriesOf(path, endpoint.id)[0]?.status === 'succeeded', 'the retried delivery')
    expect(deliveriesOf(path, endpoint.id)).toMatchObject([{ id: refused!.id, status: 'succeeded', attempts: 2 }])
    expect(r.received.map((m) => m.webhookId)).toEqual([refused!.message_id])
    expect(r.received[0]!.verifyError).toBeNull()
  })

  it('sends an attempt cut short by the shutdown again after the restart, with the same webhook-id', async () => {
    const path = database()
    // the first request is left hanging, as by a slow receiver; later ones are answered
    const r = await receiver({ respond: (n) => n === 0 ? 'hang' : 200 })
    const first = await appOn(path, {})
    const admin = issueKey(first, 'admin')
    const endpoint = await registerEndpoint(first, admin, { url: r.url, events: ['article.published'] })
    r.setSecret(endpoint.secret)
    await publish(first, admin, await createDraft(first, admin))
    await waitFor(() => r.received.length === 1, 'the first request to arrive')
    await first.close()

    const [interrupted] = deliveriesOf(path, endpoint.id)
    // still owed, and not leased: no other instance has to wait for the lease to expire
    expect(interrupted).toMatchObject({ status: 'pending', locked_until: null })
    expect(attemptErrors(path, interrupted!.id)).toEqual(['interrupted: the server shut down during the attempt'])

    const second = await appOn(path, {})
    cleanups.push(() => second.close())
    await waitFor(() => deliveriesOf(path, endpoint.id)[0]?.status === 'succeeded', 'the delivery after the restart')
    // at least once: the receiver saw the interrupted attempt and the retry, both as the same event
    expect(r.received.map((m) => m.webhookId)).toEqual([interrupted!.message_id, interrupted!.message_id])
    expect(r.received.every((m) => m.verifyError === null)).toBe(true)
  })
})
