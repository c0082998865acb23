import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { issueKey, type IssuedKey } from '../helpers/keys.js'
import { createDraft, publish } from '../helpers/content.js'
import type { TestApp } from '../helpers/app.js'
import { startReceiver, waitFor, type Receiver, type Responder } from '../helpers/webhook-receiver.js'
import { buildWebhookApp, registerEndpoint } from '../helpers/webhooks.js'

let app: TestApp
let admin: IssuedKey
const receivers: Receiver[] = []

beforeAll(async () => {
  // five attempts at most, retried at once (testConfig): the backoff itself is unit-tested in backoff.test.ts
  app = await buildWebhookApp({ maxAttempts: 5 })
  admin = issueKey(app, 'admin')
})
afterAll(async () => {
  await app.close()
  for (const r of receivers) await r.close()
})

interface DeliveryDto {
  id: number, webhookId: string, eventType: string, status: string, attempts: number, redeliveryOf: number | null, nextAttemptAt: string | null, completedAt: string | null,
  attemptLog: Array<{ statusCode: number | null, error: string | null, responseExcerpt: string | null, durationMs: number }>
}

/** An endpoint of its own for one test, subscribed to article.published. */
async function endpointWith (respond: Responder) {
  const receiver = await startReceiver({ respond })
  receivers.push(receiver)
  const endpoint = await registerEndpoint(app, admin, { url: receiver.url, events: ['article.published'] })
  receiver.setSecret(endpoint.secret)
  return { receiver, endpoint }
}

async function deliveries (endpointId: number): Promise<DeliveryDto[]> {
  const res = await app.inject({ url: `/v1/webhooks/${endpointId}/deliveries`, headers: admin.auth })
  expect(res.statusCode).toBe(200)
  return res.json().data as DeliveryDto[]
}

const settled = (endpointId: number, count = 1) => waitFor(async () => {
  const list = await deliveries(endpointId)
  return list.length >= count && list.every((d) => d.status !== 'pending') ? list : undefined
}, 'settled deliveries')

async function publishArticle (): Promise<number> {
  const id = await createDraft(app, admin)
  await publish(app, admin, id)
  return id
}

describe('webhook retries', () => {
  it('retries a failing endpoint with the same webhook-id until it answers 2xx, and logs every attempt', async () => {
    const { receiver, endpoint } = await endpointWith((n) => n < 2 ? 500 : 200)
    await publishArticle()
    const [delivery] = await settled(endpoint.id)

    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 3, nextAttemptAt: null, eventType: 'article.published' })
    expect(delivery!.attemptLog.map((a) => a.statusCode)).toEqual([500, 500, 200])
    expect(delivery!.attemptLog.map((a) => a.error)).toEqual(['HTTP 500', 'HTTP 500', null])
    expect(delivery!.attemptLog[0]!.responseExcerpt).toBe('receiver says no')
    expect(receiver.received).toHaveLength(3)
    expect(new Set(receiver.received.map((m) => m.webhookId))).toEqual(new Set([delivery!.webhookId]))
    // each attempt is signed anew (its own timestamp), and each verifies
    expect(receiver.received.every((m) => m.verifyError === null)).toBe(true)
    await app.inject({ method: 'DELETE', url: `/v1/webhooks/${endpoint.id}`, headers: admin.auth })
  })

  it('gives up after the retry limit, and a manual redelivery sends the same event again', async () => {
    let healthy = false
    const { receiver, endpoint } = await endpointWith(() => healthy ? 204 : 503)
    await publishArticle()
    const [failed] = await settled(endpoint.id)
    expect(failed).toMatchObject({ status: 'failed', attempts: 5, nextAttemptAt: null })
    expect(failed!.completedAt).not.toBeNull()
    expect(failed!.attemptLog.map((a) => a.statusCode)).toEqual([503, 503, 503, 503, 503])
    expect(receiver.received).toHaveLength(5)

    healthy = true
    const redelivered = await app.inject({ method: 'POST', url: `/v1/webhooks/${endpoint.id}/deliveries/${failed!.id}/redeliver`, headers: admin.auth })
    expect(redelivered.statusCode).toBe(202)
    const created = redelivered.json().data as DeliveryDto
    expect(redelivered.headers.location).toBe(`http://quire.test/v1/webhooks/${endpoint.id}/deliveries/${created.id}`)
    expect(created).toMatchObject({ webhookId: failed!.webhookId, redeliveryOf: failed!.id, attempts: 0 })

    const list = await settled(endpoint.id, 2)
    const retried = list.find((d) => d.id === created.id)!
    expect(retried).toMatchObject({ status: 'succeeded', attempts: 1, webhookId: failed!.webhookId })
    expect(receiver.received).toHaveLength(6)
    expect(receiver.received[5]!.webhookId).toBe(failed!.webhookId)
    expect(receiver.received[5]!.verifyError).toBeNull()
    // the original stays in the log as it was; newest first
    expect(list.map((d) => d.id)).toEqual([created.id, failed!.id])
    expect(list[1]).toMatchObject({ status: 'failed', attempts: 5 })
    await app.inject({ method: 'DELETE', url: `/v1/webhooks/${endpoint.id}`, headers: admin.auth })
  })

  it('does not follow redirects: a 3xx is a failed attempt', async () => {
    const { receiver, endpoint } = await endpointWith(() => 307)
    await publishArticle()
    const [delivery] = await settled(endpoint.id)
    expect(delivery).toMatchObject({ status: 'failed', attempts: 5 })
    expect(delivery!.attemptLog.every((a) => a.statusCode === 307)).toBe(true)
    expect(receiver.received).toHaveLength(5)
    await app.inject({ method: 'DELETE', url: `/v1/webhooks/${endpoint.id}`, headers: admin.auth })
  })

  it('queues nothing for a disabled endpoint, and refuses to redeliver a pending delivery (409)', async () => {
    const { endpoint } = await endpointWith(() => 200)
    // a disabled endpoint gets no new events, and what is queued for it waits: a ping stays pending
    await app.inject({ method: 'PATCH', url: `/v1/webhooks/${endpoint.id}`, headers: admin.auth, payload: { enabled: false } })
    await publishArticle()
    expect(await deliveries(endpoint.id)).toEqual([])
    expect((await app.inject({ method: 'POST', url: `/v1/webhooks/${endpoint.id}/ping`, headers: admin.auth })).statusCode).toBe(202)
    const [pending] = await deliveries(endpoint.id)
    expect(pending).toMatchObject({ status: 'pending', attempts: 0 })
    const res = await app.inject({ method: 'POST', url: `/v1/webhooks/${endpoint.id}/deliveries/${pending!.id}/redeliver`, headers: admin.auth })
    expect(res.statusCode).toBe(409)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(await deliveries(endpoint.id)).toHaveLength(1)
    await app.inject({ method: 'DELETE', url: `/v1/webhooks/${endpoint.id}`, headers: admin.auth })
  })
})
