import { request as httpRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { Webhook } from 'standardwebhooks'
import type { DeliveryAgents } from './delivery-agents.js'
import type { ClaimedDelivery } from './delivery-store.js'
import { addressRefusal, bareHost, isIpLiteral } from './url-guard.js'

export interface SendOptions {
  timeoutMs: number
  /** Aborted when the app closes: the attempt ends at once and the delivery is retried later. */
  signal: AbortSignal
  allowPrivate: boolean
  userAgent: string
  /** Connect only to addresses their lookup has vetted (delivery-agents.ts). */
  agents: Pick<DeliveryAgents, 'http' | 'https'>
}

export interface SendOutcome {
  ok: boolean
  statusCode: number | null
  durationMs: number
  error: string | null
  responseExcerpt: string | null
  /** Cut short by the app closing, not by the endpoint. */
  interrupted: boolean
}

const EXCERPT_CHARS = 200
const ERROR_CHARS = 300

/**
 * One signed POST (Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature`).
 * The timestamp is the wall-clock time of this attempt — receivers reject ones more than a few
 * minutes off their own clock — so it is not the injected clock. Redirects are not followed: a
 * 3xx is a failed attempt, and cannot lead the server somewhere the URL check did not look.
 * A host name is resolved and checked by the agents' lookup, at connect time, on the addresses
 * the socket then uses; an IP literal never reaches a lookup, so it is checked here.
 */
export async function sendDelivery (delivery: ClaimedDelivery, options: SendOptions): Promise<SendOutcome> {
  const started = performance.now()
  const elapsed = () => Math.round(performance.now() - started)
  const failed = (error: string, statusCode: number | null = null, responseExcerpt: string | null = null, interrupted = false): SendOutcome =>
    ({ ok: false, statusCode, durationMs: elapsed(), error: error.slice(0, ERROR_CHARS), responseExcerpt, interrupted })
  const timeout = AbortSignal.timeout(options.timeoutMs)
  try {
    const url = new URL(delivery.url)
    const host = bareHost(url.hostname)
    if (!options.allowPrivate && isIpLiteral(host)) {
      const refusal = addressRefusal([host])
      if (refusal !== null) return failed(`refused: ${refusal}`)
    }
    if (delivery.secret === null) return failed('the signing secret cannot be decrypted: WEBHOOK_SECRET_KEY (or CURSOR_SECRET) is not the one it was stored with')
    const timestamp = new Date()
    const signature = new Webhook(delivery.secret).sign(delivery.messageId, timestamp, delivery.payload)
    const { status, excerpt } = await post(url, {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(delivery.payload)),
      'user-agent': options.userAgent,
      'webhook-id': delivery.messageId,
      'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
      'webhook-signature': signature
    }, delivery.payload, options.agents, AbortSignal.any([timeout, options.signal]))
    if (status >= 200 && status < 300) return { ok: true, statusCode: status, durationMs: elapsed(), error: null, responseExcerpt: excerpt, interrupted: false }
    return failed(`HTTP ${status}`, status, excerpt)
  } catch (error) {
    if (options.signal.aborted) return failed('interrupted: the server shut down during the attempt', null, null, true)
    if (timeout.aborted) return failed(`timed out after ${options.timeoutMs} ms`)
    return failed(describe(error))
  }
}

function post (url: URL, headers: Record<string, string>, body: string, agents: SendOptions['agents'], signal: AbortSignal): Promise<{ status: number, excerpt: string | null }> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest
    const agent = url.protocol === 'https:' ? agents.https : agents.http
    const req = send(url, { method: 'POST', headers, agent, signal }, (res) => {
      readExcerpt(res).then((excerpt) => { resolve({ status: res.statusCode ?? 0, excerpt }) }, reject)
    })
    req.on('error', reject)
    req.end(body)
  })
}

/** The first characters of the response, for the delivery log; the rest is never read. */
function readExcerpt (res: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    let text = ''
    const done = () => {
      res.removeAllListeners('data')
      res.destroy()
      resolve(text === '' ? null : text.slice(0, EXCERPT_CHARS))
    }
    res.setEncoding('utf8')
    res.on('data', (chunk: string) => {
      text += chunk
      if (text.length >= EXCERPT_CHARS) done()
    })
    res.on('end', done)
    // a body cut off mid-way still leaves the status code, which is what decides
    res.on('error', done)
    res.on('close', done)
  })
}

function describe (error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code
    // a refusal already reads "refused: …"; system errors name their code first, as the delivery log always has
    if (error.message.startsWith('refused:') || code === undefined) return error.message
    return `${code}: ${error.message}`
  }
  return String(error)
}
