import type { FastifyInstance } from 'fastify'
import type { WebhookConfig } from '../config.js'
import type { Clock } from '../time.js'
import type { DeliveryStore } from './delivery-store.js'
import type { WebhookOutbox } from './outbox.js'
import type { HostResolver } from './url-guard.js'
import { createWebhookWorker } from './worker.js'

/**
 * Runs the delivery worker with the app: started when the app is ready, woken by every commit that
 * queues events, and stopped in preClose — before any onClose hook, so before the database closes
 * and while the outcome of an interrupted attempt can still be written.
 */
export function registerWebhookWorker (app: FastifyInstance, deps: { store: DeliveryStore, outbox: WebhookOutbox, clock: Clock, config: WebhookConfig, version: string, resolveHost?: HostResolver }): void {
  if (!deps.config.worker) return
  const worker = createWebhookWorker({
    store: deps.store,
    clock: deps.clock,
    config: deps.config,
    log: app.log.child({ module: 'webhooks' }),
    userAgent: `Quire-Webhooks/${deps.version}`,
    ...(deps.resolveHost !== undefined ? { resolve: deps.resolveHost } : {})
  })
  deps.outbox.onQueued(() => { worker.wake() })
  app.addHook('onReady', async () => { worker.start() })
  app.addHook('preClose', async () => { await worker.stop() })
}
