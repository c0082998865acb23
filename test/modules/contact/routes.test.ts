import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiKeyRole } from '../../../src/db/schema.js'
import type { TestApp } from '../../helpers/app.js'
import { issueKeys, type IssuedKey } from '../../helpers/keys.js'
import { buildMovableApp } from '../../helpers/comments.js'

let context: Awaited<ReturnType<typeof buildMovableApp>>
let app: TestApp
let keys: Record<ApiKeyRole, IssuedKey>
let ipCounter = 0
let counter = 0
const freshIp = () => `192.0.2.${++ipCounter}`

beforeAll(async () => {
  context = await buildMovableApp()
  app = context.app
  keys = issueKeys(app)
  await app.inject({ method: 'PATCH', url: '/v1/editions/en/discussion-settings', headers: keys.admin.auth, payload: { contactTopics: ['Corrections', 'Tips'] } })
})
afterAll(async () => { await app.close() })

async function send (payload: Record<string, unknown>, ip = freshIp(), wait = 5_000) {
  const token = await app.inject({ url: '/v1/editions/en/contact-token' })
  context.advance(wait)
  return app.inject({
    method: 'POST', url: '/v1/editions/en/contact', remoteAddress: ip,
    payload: { token: token.json().data.token, name: 'Reader', email: 'reader@example.com', subject: 'Hello', message: `A message #${++counter}`, ...payload }
  })
}

describe('the contact form', () => {
  it('answers 202 with a reference; editors read, handle and delete; nothing about the sender is public', async () => {
    const sent = await send({ topic: 'Tips', message: '<b>Tip</b> for you' })
    expect(sent.statusCode).toBe(202)
    const reference = sent.json().data.reference as string
    expect(reference).toMatch(/^C-[0-9A-F]{10}$/)

    for (const [headers, status] of [[{}, 401], [keys.author.auth, 403], [keys.preview.auth, 403]] as const) {
      expect((await app.inject({ url: '/v1/contact-messages', headers })).statusCode).toBe(status)
    }
    const list = await app.inject({ url: '/v1/contact-messages?edition=en&status=new', headers: keys.editor.auth })
    const message = list.json().data.find((m: { reference: string }) => m.reference === reference)
    expect(message).toMatchObject({ email: 'reader@example.com', topic: 'Tips', message: '<b>Tip</b> for you', status: 'new', handledAt: null })
    const handled = await app.inject({ method: 'PATCH', url: `/v1/contact-messages/${message.id}`, headers: keys.editor.auth, payload: { status: 'handled' } })
    expect(handled.json().data.status).toBe('handled')
    expect(handled.json().data.handledAt).not.toBeNull()
    const changes = await app.inject({ url: '/v1/changes?entityType=contact', headers: keys.editor.auth })
    expect(JSON.stringify(changes.json())).not.toContain('reader@example.com')
    expect((await app.inject({ method: 'DELETE', url: `/v1/contact-messages/${message.id}`, headers: keys.editor.auth })).statusCode).toBe(204)
    expect((await app.inject({ url: `/v1/contact-messages/${message.id}`, headers: keys.editor.auth })).statusCode).toBe(404)
  })

  it('refuses what comments refuse: honeypot, early or forged token, unknown topic, bad email, duplicates, floods', async () => {
    expect((await send({ homepage: 'x' })).statusCode).toBe(400)
    expect((await send({}, freshIp(), 500)).statusCode).toBe(400)
    expect((await send({ topic: 'Complaints' })).json().errors[0].name).toBe('body.topic')
    expect((await send({ email: 'nope' })).statusCode).toBe(400)
    expect((await send({ message: 'x'.repeat(100 * 1024) })).statusCode).toBe(400)
    const once = await send({ message: 'Exactly once' })
    expect(once.statusCode).toBe(202)
    expect((await send({ message: 'exactly   ONCE' })).statusCode).toBe(409)
    const ip = freshIp()
    const statuses: number[] = []
    for (let i = 0; i < 7; i++) statuses.push((await send({}, ip)).statusCode)
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429, 429])
    expect((await send({})).statusCode).toBe(202)
  })

  it('drops a blocklisted sender silently: a reference, nothing stored', async () => {
    const before = (await app.inject({ url: '/v1/contact-messages', headers: keys.editor.auth })).json().meta.total
    const sent = await send({ email: 'spammer@example.com' })
    expect(sent.statusCode).toBe(202)
    expect((await app.inject({ url: '/v1/contact-messages', headers: keys.editor.auth })).json().meta.total).toBe(before)
  })
})
