import { Webhook } from 'standardwebhooks'
import type { ClaimedDelivery } from './delivery-store.js'
import { hostRefusal } from './url-guard.js'

export interface SendOptions {
  timeoutMs: number
  /** Aborted when the app closes: the attempt ends at once and the delivery is retried later. */
  signal: AbortSignal
  allowPrivate: boolean
  userAgent: string
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
 */
export async function sendDelivery (delivery: ClaimedDelivery, options: SendOptions): Promise<SendOutcome> {
  const started = performance.now()
  const elapsed = () => Math.round(performance.now() - started)
  const failed = (error: string, statusCode: number | null = null, responseExcerpt: string | null = null, interrupted = false): SendOutcome =>
    ({ ok: false, statusCode, durationMs: elapsed(), error: error.slice(0, ERROR_CHARS), responseExcerpt, interrupted })
  try {
    if (!options.allowPrivate) {
      // checked again at every attempt: DNS may have changed since the endpoint was registered
      const refusal = await hostRefusal(new URL(delivery.url).hostname)
      if (refusal !== null) return failed(`refused: ${refusal}`)
    }
    const timestamp = new Date()
    const signature = new Webhook(delivery.secret).sign(delivery.messageId, timestamp, delivery.payload)
    const response = await fetch(delivery.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.any([AbortSignal.timeout(options.timeoutMs), options.signal]),
      headers: {
        'content-type': 'application/json',
        'user-agent': options.userAgent,
        'webhook-id': delivery.messageId,
        'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
        'webhook-signature': signature
      },
      body: delivery.payload
    })
    const excerpt = await readExcerpt(response)
    if (response.status >= 200 && response.status < 300) return { ok: true, statusCode: response.status, durationMs: elapsed(), error: null, responseExcerpt: excerpt, interrupted: false }
    return failed(`HTTP ${response.status}`, response.status, excerpt)
  } catch (error) {
    if (options.signal.aborted) return failed('interrupted: the server shut down during the attempt', null, null, true)
    return failed(describe(error, options.timeoutMs))
  }
}

/** The first characters of the response, for the delivery log; the rest is never read. */
async function readExcerpt (response: Response): Promise<string | null> {
  if (response.body === null) return null
  const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader()
  const decoder = new TextDecoder()
  let text = ''
  try {
    while (text.length < EXCERPT_CHARS) {
      const { done, value } = await reader.read()
      if (done) break
      text += decoder.decode(value, { stream: true })
    }
  } catch {
    // a body cut off mid-way still leaves the status code, which is what decides
  } finally {
    await reader.cancel().catch(() => {})
  }
  return text === '' ? null : text.slice(0, EXCERPT_CHARS)
}

function describe (error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') return `timed out after ${timeoutMs} ms`
  if (error instanceof Error) {
    // undici reports network failures as "fetch failed" with the system error as the cause
    const cause = error.cause as { code?: string, message?: string } | undefined
    if (cause?.code !== undefined) return `${cause.code}${cause.message !== undefined ? `: ${cause.message}` : ''}`
    return error.message
  }
  return String(error)
}
