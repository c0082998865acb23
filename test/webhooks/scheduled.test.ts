import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { issueKey, type IssuedKey } from '../helpers/keys.js'
import { createDraft, publish } from '../helpers/content.js'
import type { TestApp } from '../helpers/app.js'
import { TEST_NOW } from '../helpers/clock.js'
import { startReceiver, waitFor, type Receiver } from '../helpers/webhook-receiver.js'
import { buildWebhookApp, query, registerEndpoint } from '../helpers/webhooks.js'

/** Scheduled content: its `published` event is delivered when it goes public, not when it is scheduled. */
let now = TEST_NOW
let app: TestApp
let admin: IssuedKey
let receiver: Receiver
let endpointId: number

beforeAll(async () => {
  app = await buildWebhookApp({}, { clock: () => now })
  admin = issueKey(app, 'admin')
  receiver = await startReceiver()
  const endpoint = await registerEndpoint(app, admin, { url: receiver.url, events: ['article.*'] })
  endpointId = endpoint.id
  receiver.setSecret(endpoint.secret)
})
afterAll(async () => {
  await app.close()
  await receiver.close()
})

/**
 * Waits until everything due has been sent: a ping queued now is delivered only after the worker
 * has looked at every delivery due before it (it claims in due order).
 */
async function drain (): Promise<void> {
  const res = await app.inject({ method: 'POST', url: `/v1/webhooks/${endpointId}/ping`, headers: admin.auth })
  const webhookId = res.json().data.webhookId as string
  await waitFor(() => receiver.received.some((m) => m.webhookId === webhookId), 'the ping')
}

const articleEvents = (id: number) => receiver.received.filter((m) => m.body?.type.startsWith('article.') && m.body.data.id === id)

describe('webhooks for scheduled articles', () => {
  it('delivers article.published at the publish instant, with the content as it is then', async () => {
    const id = await createDraft(app, admin)
    const publishAt = new Date(now.getTime() + 60 * 60_000)
    await publish(app, admin, id, 'articles', { publishedAt: publishAt.toISOString() })
    // an edit before it goes public replaces the queued event with one carrying the edit
    expect((await app.inject({ method: 'PATCH', url: `/v1/articles/${id}`, headers: admin.auth, payload: { title: 'Edited before it went out' } })).statusCode).toBe(200)
    await drain()
    expect(articleEvents(id)).toEqual([])
    expect(query(app.databasePath, 'select type, deliver_after from webhook_events where entity_type = ? and entity_id = ?', 'article', id))
      .toEqual([{ type: 'article.published', deliver_after: publishAt.getTime() }])

    now = new Date(publishAt.getTime() + 1000)
    const [message] = await waitFor(() => articleEvents(id).length > 0 ? articleEvents(id) : undefined, 'the published event')
    expect(message!.verifyError).toBeNull()
    expect(message!.body).toMatchObject({
      type: 'article.published',
      timestamp: publishAt.toISOString(),
      data: { id, entity: { title: 'Edited before it went out', status: 'published', publishedAt: publishAt.toISOString() } }
    })
    await drain()
    expect(articleEvents(id)).toHaveLength(1)
  })

  it('says nothing of a scheduled article unpublished before it went public', async () => {
    const id = await createDraft(app, admin)
    await publish(app, admin, id, 'articles', { publishedAt: new Date(now.getTime() + 60_000).toISOString() })
    expect((await app.inject({ method: 'POST', url: `/v1/articles/${id}/unpublish`, headers: admin.auth })).statusCode).toBe(200)
    now = new Date(now.getTime() + 120_000)
    await drain()
    expect(articleEvents(id)).toEqual([])
    expect(query(app.databasePath, 'select 1 from webhook_events where entity_type = ? and entity_id = ?', 'article', id)).toEqual([])
  })
})
