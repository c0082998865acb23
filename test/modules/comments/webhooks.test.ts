import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_NOW } from '../../helpers/clock.js'
import type { TestApp } from '../../helpers/app.js'
import { publishedArticleIds, uniqueBody } from '../../helpers/comments.js'
import { issueKeys, type IssuedKey } from '../../helpers/keys.js'
import { startReceiver, waitFor, type Receiver } from '../../helpers/webhook-receiver.js'
import { buildWebhookApp, query, registerEndpoint } from '../../helpers/webhooks.js'

/*
 * Comment and contact events delivered for real: the worker runs, a receiver on 127.0.0.1 checks
 * every signature with the standardwebhooks library, as an integrator would.
 */

let app: TestApp
let keys: Record<'admin' | 'editor' | 'author' | 'preview', IssuedKey>
let comments: Receiver
let contact: Receiver
let now = TEST_NOW.getTime()
const advance = (ms: number) => { now += ms }

beforeAll(async () => {
  app = await buildWebhookApp({}, { clock: () => new Date(now) })
  keys = issueKeys(app)
  comments = await startReceiver()
  contact = await startReceiver()
  comments.setSecret((await registerEndpoint(app, keys.admin, { url: comments.url, events: ['comment.*'] })).secret)
  contact.setSecret((await registerEndpoint(app, keys.admin, { url: contact.url, events: ['contact.received'] })).secret)
})
afterAll(async () => {
  await app.close()
  await comments.close()
  await contact.close()
})

const IP = '198.51.100.23'
const EMAIL = 'private.reader@example.com'

describe('comment webhooks', () => {
  it('delivers a signed comment.created, then comment.approved, naming the comment but never the email, address or text', async () => {
    const [articleId] = await publishedArticleIds(app, 1)
    const token = await app.inject({ url: `/v1/articles/${articleId}/comment-token` })
    advance(5_000)
    const text = uniqueBody('Webhook witness')
    const posted = await app.inject({
      method: 'POST', url: `/v1/articles/${articleId}/comments`, remoteAddress: IP,
      payload: { token: token.json().data.token, authorName: 'Priya Private', authorEmail: EMAIL, authorUrl: 'https://priya.example', body: text }
    })
    expect(posted.statusCode).toBe(202)
    const id = posted.json().data.id as number
    const of = (type: string) => comments.received.find((m) => m.body?.type === type && m.body.data.id === id)

    const created = await waitFor(() => of('comment.created'), 'comment.created')
    expect(created.verifyError).toBeNull()
    const edition = query<{ code: string }>(app.databasePath, 'select e.code from articles a join editions e on e.id = a.edition_id where a.id = ?', articleId)[0]!.code
    expect(created.body?.data).toMatchObject({ id, type: 'comment', articleId, edition, parentId: null, status: 'pending' })

    expect((await app.inject({ method: 'PATCH', url: `/v1/comments/${id}`, headers: keys.editor.auth, payload: { status: 'approved' } })).statusCode).toBe(200)
    const approved = await waitFor(() => of('comment.approved'), 'comment.approved')
    expect(approved.verifyError).toBeNull()
    expect(approved.body?.data).toMatchObject({ id, articleId, status: 'approved' })
    expect(approved.webhookId).not.toBe(created.webhookId)

    const [stored] = query<{ ip_hash: string }>(app.databasePath, 'select ip_hash from comments where id = ?', id)
    expect(stored!.ip_hash).toBeTruthy()
    for (const message of [created, approved]) {
      const payload = JSON.stringify(message.body)
      for (const secret of [EMAIL, IP, stored!.ip_hash, text, 'Priya', 'priya.example']) expect(payload).not.toContain(secret)
    }
    // the contact-only endpoint hears nothing of comments
    expect(contact.received.some((m) => m.body?.type.startsWith('comment.'))).toBe(false)
  })
})

describe('contact webhooks', () => {
  it('delivers a signed contact.received carrying the whole message, to the endpoint that subscribed to it only', async () => {
    const token = await app.inject({ url: '/v1/editions/en/contact-token' })
    advance(5_000)
    const message = `The caption under the photo is wrong. ${uniqueBody()}`
    const sent = await app.inject({
      method: 'POST', url: '/v1/editions/en/contact', remoteAddress: '198.51.100.77',
      payload: { token: token.json().data.token, name: 'Grace', email: 'grace@example.com', subject: 'A correction', message }
    })
    expect(sent.statusCode).toBe(202)
    const reference = sent.json().data.reference as string

    const received = await waitFor(() => contact.received.find((m) => m.body?.type === 'contact.received' && m.body.data.reference === reference), 'contact.received')
    expect(received.verifyError).toBeNull()
    expect(received.body?.data).toMatchObject({ reference, edition: 'en', name: 'Grace', email: 'grace@example.com', subject: 'A correction', message, status: 'new', handledAt: null })
    // the message is for the newsroom, the sender's address is not even for it
    expect(JSON.stringify(received.body)).not.toContain('198.51.100.77')
    expect(comments.received.some((m) => m.body?.type === 'contact.received')).toBe(false)
  })
})
