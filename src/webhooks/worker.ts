import type { WebhookConfig } from '../config.js'
import type { Clock } from '../time.js'
import { retryDelay } from './backoff.js'
import type { ClaimedDelivery, DeliveryState, DeliveryStore } from './delivery-store.js'
import { createDeliveryAgents } from './delivery-agents.js'
import { sendDelivery, type SendOutcome } from './sender.js'
import { systemResolver, type HostResolver } from './url-guard.js'

export interface WorkerLog {
  info: (obj: object, msg: string) => void
  warn: (obj: object, msg: string) => void
  error: (obj: object, msg: string) => void
}

export interface WebhookWorkerDeps {
  store: DeliveryStore
  clock: Clock
  config: WebhookConfig
  log: WorkerLog
  userAgent: string
  /** How endpoint host names are resolved (the system resolver unless a test injects one). */
  resolve?: HostResolver
}

/** Deliveries sent at once; the rest wait for the next round. */
const BATCH = 10

/** What follows an attempt: done, another try after a backoff, or given up after the last one. */
export function nextState (outcome: SendOutcome, attempts: number, at: number, config: Pick<WebhookConfig, 'retryBaseMs' | 'maxAttempts'>): DeliveryState {
  if (outcome.ok) return { status: 'succeeded', nextAttemptAt: at }
  // an attempt the shutdown cut short is not the endpoint's fault: try again first thing
  if (outcome.interrupted) return { status: 'pending', nextAttemptAt: at }
  if (attempts >= config.maxAttempts) return { status: 'failed', nextAttemptAt: at }
  return { status: 'pending', nextAttemptAt: at + retryDelay(attempts, config.retryBaseMs) }
}

/**
 * The delivery loop: polls for due deliveries on a real timer (unref'd, so it never keeps the
 * process alive), and is woken at once when a commit queues events. Scheduling — due times,
 * backoff, leases — uses the injected clock, so tests and the database agree on "now".
 * `stop` aborts the requests in flight and waits until their outcome is written, so the database
 * can close after it: an interrupted delivery stays pending and is sent again (same webhook-id)
 * after the restart — at least once, never lost.
 */
export function createWebhookWorker ({ store, clock, config, log, userAgent, resolve = systemResolver }: WebhookWorkerDeps) {
  const shutdown = new AbortController()
  const agents = createDeliveryAgents({ resolve, allowPrivate: config.allowPrivateUrls })
  // a crashed instance's leases expire after any attempt could have finished
  const leaseMs = config.timeoutMs * 2 + 30_000
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | null = null
  let again = false
  let stopped = true

  function schedule (delay: number): void {
    if (stopped) return
    clearTimeout(timer)
    timer = setTimeout(() => { void tick() }, delay)
    timer.unref()
  }

  async function deliver (delivery: ClaimedDelivery): Promise<void> {
    const outcome = await sendDelivery(delivery, { timeoutMs: config.timeoutMs, signal: shutdown.signal, allowPrivate: config.allowPrivateUrls, userAgent, agents })
    const attemptedAt = clock().getTime()
    const attempts = delivery.attempts + 1
    const next = nextState(outcome, attempts, attemptedAt, config)
    store.record(delivery.id, {
      attemptedAt, durationMs: outcome.durationMs, statusCode: outcome.statusCode, error: outcome.error, responseExcerpt: outcome.responseExcerpt
    }, next)
    // the URL is the admin's and the secret never leaves the store; the log names ids only
    if (next.status === 'failed') log.warn({ deliveryId: delivery.id, webhookId: delivery.messageId, attempts }, 'webhook delivery failed for good')
  }

  async function round (): Promise<void> {
    do {
      again = false
      for (;;) {
        const now = clock().getTime()
        const batch = store.claim(now, now + leaseMs, BATCH)
        if (batch.length === 0) break
        await Promise.all(batch.map(deliver))
        if (stopped) return
      }
    } while (again && !stopped)
  }

  async function tick (): Promise<void> {
    if (running !== null) { again = true; return }
    running = round()
      .catch((error: unknown) => { log.error({ err: error }, 'webhook worker round failed') })
      .finally(() => { running = null; schedule(config.pollIntervalMs) })
    await running
  }

  return {
    start (): void {
      if (!stopped) return
      stopped = false
      schedule(0)
    },
    /** A commit queued events: look now rather than at the next poll. */
    wake (): void {
      if (running !== null) again = true
      else schedule(0)
    },
    async stop (): Promise<void> {
      stopped = true
      clearTimeout(timer)
      shutdown.abort()
      await running
      agents.destroy()
    }
  }
}

export type WebhookWorker = ReturnType<typeof createWebhookWorker>
