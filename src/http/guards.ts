import type { FastifyInstance } from 'fastify'
import type { Config } from '../config.js'
import type { Db } from '../db/connection.js'
import { createStorageHealth, type StorageHealth } from '../db/storage-health.js'
import { registerJsonBodyParser } from './json-body.js'
import { registerLoadShedding } from './load-shedding.js'
import { registerRateLimit } from './rate-limit.js'
import { registerSecurityHeaders } from './security-headers.js'
import { registerDrain } from './shutdown.js'

export interface Guards {
  storage: StorageHealth
  /** Why this instance should not get traffic now, or null when it should (health/ready). */
  unready: () => 'draining' | 'storage' | 'overloaded' | null
}

/**
 * The network edge, in front of every route (docs/security.md): bounded JSON bodies, security
 * headers, graceful shutdown, load shedding and rate limits. Call it on the root instance before any route is
 * registered; the server's time limits are in timeouts.ts (they are server options).
 */
export async function registerGuards (app: FastifyInstance, { config, db }: { config: Pick<Config, 'http'>, db: Db }): Promise<Guards> {
  registerJsonBodyParser(app)
  const draining = registerDrain(app, { keepAliveTimeoutMs: config.http.keepAliveTimeoutMs })
  await registerSecurityHeaders(app, { hstsMaxAge: config.http.hstsMaxAge })
  const underPressure = await registerLoadShedding(app, config.http.loadShedding)
  await registerRateLimit(app, config.http.rateLimit)
  const storage = createStorageHealth(db.$client)
  return {
    storage,
    unready: () => draining() ? 'draining' : storage.failure() !== null ? 'storage' : underPressure() ? 'overloaded' : null
  }
}
