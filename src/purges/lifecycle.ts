import type { FastifyInstance } from 'fastify'
import type { PurgeConfig } from '../config.js'
import type { Clock } from '../time.js'
import type { PurgeOutbox } from './outbox.js'
import type { PurgeStore } from './store.js'
import { createPurgeWorker, type PurgeWorker } from './worker.js'

/**
 * Runs the purge worker with the app: started when it is ready, woken by commits that queue jobs,
 * stopped in preClose (before the database closes). Null when this process runs no worker or no
 * target is configured.
 */
export function registerPurgeWorker (app: FastifyInstance, deps: { store: PurgeStore, outbox: PurgeOutbox, clock: Clock, config: PurgeConfig }): PurgeWorker | null {
  if (!deps.config.worker || deps.config.targets.length === 0) return null
  const worker = createPurgeWorker({ store: deps.store, clock: deps.clock, config: deps.config, log: app.log.child({ module: 'purges' }) })
  deps.outbox.onQueued(() => { worker.wake() })
  app.addHook('onReady', async () => { worker.start() })
  app.addHook('preClose', async () => { await worker.stop() })
  return worker
}
