import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { issueKey, type IssuedKey } from '../helpers/keys.js'
import type { TestApp } from '../helpers/app.js'
import { createDeliveryAgents, createVettedLookup, type DeliveryAgents } from '../../src/webhooks/delivery-agents.js'
import { sendDelivery } from '../../src/webhooks/sender.js'
import { systemResolver, type HostResolver } from '../../src/webhooks/url-guard.js'
import { startReceiver, waitFor, type Receiver } from '../helpers/webhook-receiver.js'
import { buildWebhookApp, registerEndpoint } from '../helpers/webhooks.js'

// Every connection these tests make goes to the local receiver on 127.0.0.1: the names below
// exist only in the injected resolvers, and a public answer is only ever checked, never dialled.
const REBIND_HOST = 'hooks.rebind.test'

/** Resolves REBIND_HOST to whatever `answer` says at the moment of the lookup, and counts lookups. */
function switchableResolver (initial: string) {
  const state = { answer: initial, lookups: 0 }
  const resolve: HostResolver = async (hostname) => {
    if (hostname !== REBIND_HOST) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' })
    state.lookups++
    return [{ address: state.answer, family: state.answer.includes(':') ? 6 : 4 }]
  }
  return { state, resolve }
}

describe('sendDelivery checks the address it connects to', () => {
  let receiver: Receiver
  const opened: DeliveryAgents[] = []
  beforeAll(async () => { receiver = await startReceiver({ secret: 'whsec_' + Buffer.from('k'.repeat(32)).toString('base64') }) })
  afterAll(async () => {
    for (const agents of opened) agents.destroy()
    await receiver.close()
  })

  const delivery = (url: string) => ({
    id: 1, attempts: 0, url, secret: 'whsec_' + Buffer.from('k'.repeat(32)).toString('base64'), messageId: 'msg_connect_guard', payload: '{"type":"ping"}'
  })
  const send = (url: string, resolve: HostResolver, allowPrivate: boolean) => {
    const agents = createDeliveryAgents({ resolve, allowPrivate })
    opened.push(agents)
    return sendDelivery(delivery(url), { timeoutMs: 5000, signal: new AbortController().signal, allowPrivate, userAgent: 'test', agents })
  }

  it('refuses, at connect time, a name that resolves to 127.0.0.1, and sends nothing', async () => {
    const before = receiver.received.length
    const { resolve, state } = switchableResolver('127.0.0.1')
    const outcome = await send(`http://${REBIND_HOST}:${receiver.port}/hook`, resolve, false)
    expect(outcome).toMatchObject({ ok: false, statusCode: null, interrupted: false })
    expect(outcome.error).toMatch(/^refused: hooks\.rebind\.test resolves to 127\.0\.0\.1 \(loopback\)/)
    expect(state.lookups).toBe(1)
    expect(receiver.received.length).toBe(before)
  })

  // straight to the lookup, not through a socket: a regression must not dial these addresses
  it.each(['::ffff:127.0.0.1', '::7f00:1', '64:ff9b::7f00:1', '2002:7f00:1::1'])('the lookup refuses a name whose IPv6 answer %s carries 127.0.0.1', async (answer) => {
    const lookup = createVettedLookup({ resolve: switchableResolver(answer).resolve, allowPrivate: false })
    for (const all of [true, false]) {
      const error = await new Promise<Error | null>((resolve) => {
        lookup(REBIND_HOST, { all, family: 0 }, (err) => { resolve(err) })
      })
      expect(error?.message).toMatch(/^refused: .*carrying 127\.0\.0\.1/)
    }
  })

  it('the lookup hands over the vetted public answer, in the shape net asks for', async () => {
    const lookup = createVettedLookup({ resolve: switchableResolver('93.184.215.14').resolve, allowPrivate: false })
    const one = await new Promise((resolve) => { lookup(REBIND_HOST, { family: 0 }, (err, address, family) => { resolve({ err, address, family }) }) })
    expect(one).toEqual({ err: null, address: '93.184.215.14', family: 4 })
    const all = await new Promise((resolve) => { lookup(REBIND_HOST, { all: true }, (err, addresses) => { resolve({ err, addresses }) }) })
    expect(all).toEqual({ err: null, addresses: [{ address: '93.184.215.14', family: 4 }] })
  })

  it('refuses localhost through the system resolver, and loopback literals without any lookup', async () => {
    const before = receiver.received.length
    for (const url of [`http://localhost:${receiver.port}/hook`, `http://127.0.0.1:${receiver.port}/hook`, `http://[::ffff:7f00:1]:${receiver.port}/hook`]) {
      const outcome = await send(url, systemResolver, false)
      expect(outcome.ok, url).toBe(false)
      expect(outcome.error, url).toMatch(/^refused: /)
    }
    expect(receiver.received.length).toBe(before)
  })

  it('with private URLs allowed, connects to the address the resolver gave (one lookup, no second resolution)', async () => {
    const before = receiver.received.length
    const { resolve, state } = switchableResolver('127.0.0.1')
    const outcome = await send(`http://${REBIND_HOST}:${receiver.port}/hook`, resolve, true)
    expect(outcome).toMatchObject({ ok: true, statusCode: 200, error: null })
    expect(state.lookups).toBe(1)
    expect(receiver.received.length).toBe(before + 1)
    expect(receiver.received.at(-1)!.headers.host).toBe(`${REBIND_HOST}:${receiver.port}`)
    expect(receiver.received.at(-1)!.verifyError).toBeNull()
  })
})

describe('DNS rebinding between registration and delivery', () => {
  let app: TestApp
  let admin: IssuedKey
  let receiver: Receiver
  const dns = switchableResolver('93.184.215.14')
  beforeAll(async () => {
    // env test: plain http is allowed, private addresses are not
    app = await buildWebhookApp({ allowPrivateUrls: false }, { resolveHost: dns.resolve })
    admin = issueKey(app, 'admin')
    receiver = await startReceiver()
  })
  afterAll(async () => {
    await app.close()
    await receiver.close()
  })

  it('accepts the name while it resolves publicly, then refuses the delivery once it resolves to loopback', async () => {
    const endpoint = await registerEndpoint(app, admin, { url: `http://${REBIND_HOST}:${receiver.port}/hook`, events: ['*'] })
    receiver.setSecret(endpoint.secret)
    dns.state.answer = '127.0.0.1'
    const ping = await app.inject({ method: 'POST', url: `/v1/webhooks/${endpoint.id}/ping`, headers: admin.auth })
    expect(ping.statusCode).toBe(202)
    const attempt = await waitFor(async () => {
      const res = await app.inject({ url: `/v1/webhooks/${endpoint.id}/deliveries`, headers: admin.auth })
      const log = (res.json().data as Array<{ attemptLog: Array<{ error: string | null, statusCode: number | null }> }>)[0]?.attemptLog ?? []
      return log[0]
    }, 'the first delivery attempt')
    expect(attempt.statusCode).toBeNull()
    expect(attempt.error).toMatch(/^refused: hooks\.rebind\.test resolves to 127\.0\.0\.1 \(loopback\)/)
    expect(receiver.received).toEqual([])
  })
})
