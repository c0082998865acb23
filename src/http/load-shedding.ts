import underPressure from '@fastify/under-pressure'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { HttpConfig } from '../config.js'
import { LOAD_SHED_RETRY_AFTER_SECONDS, OVERLOADED } from './guard-codes.js'

/** under-pressure's default: the event-loop delay is averaged over windows of this length. */
const SAMPLE_INTERVAL_MS = 1000

/** The probes answer for themselves: liveness always, readiness with the pressure state (health/routes.ts). */
const isProbe = (request: FastifyRequest): boolean => request.routeOptions.url?.startsWith('/health/') === true

/**
 * Refuses requests with a 503 problem (Retry-After) while the event loop lags or the heap is
 * nearly full, so an overloaded instance sheds load quickly instead of answering everyone late.
 * Returns whether the instance is under pressure right now, for the readiness probe.
 */
export async function registerLoadShedding (app: FastifyInstance, config: HttpConfig['loadShedding']): Promise<() => boolean> {
  // Start-up (migrations, the demo seed) blocks the loop for seconds before the server listens;
  // that lag says nothing about load, so shedding starts two sample windows after the app is ready.
  let armed = false
  let arming: NodeJS.Timeout | undefined
  app.addHook('onReady', async () => { arming = setTimeout(() => { armed = true }, 2 * SAMPLE_INTERVAL_MS).unref() })
  app.addHook('onClose', async () => { clearTimeout(arming) })
  await app.register(underPressure, {
    maxEventLoopDelay: config.maxEventLoopDelayMs,
    maxHeapUsedBytes: config.maxHeapUsedBytes,
    sampleInterval: SAMPLE_INTERVAL_MS,
    retryAfter: LOAD_SHED_RETRY_AFTER_SECONDS,
    pressureHandler: async (request, reply) => {
      if (!armed || isProbe(request)) return
      reply.header('retry-after', String(LOAD_SHED_RETRY_AFTER_SECONDS))
      throw Object.assign(new Error('The server is overloaded.'), { statusCode: 503, code: OVERLOADED })
    }
  })
  return () => armed && app.isUnderPressure()
}
