import underPressure from '@fastify/under-pressure'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { HttpConfig } from '../config.js'
import { LOAD_SHED_RETRY_AFTER_SECONDS, OVERLOADED } from './guard-codes.js'

/** The probes answer for themselves: liveness always, readiness with the pressure state (health/routes.ts). */
const isProbe = (request: FastifyRequest): boolean => request.routeOptions.url?.startsWith('/health/') === true

/**
 * Refuses requests with a 503 problem (Retry-After) while the event loop lags or the heap is
 * nearly full, so an overloaded instance sheds load quickly instead of answering everyone late.
 * Returns whether the instance is under pressure right now, for the readiness probe.
 */
export async function registerLoadShedding (app: FastifyInstance, config: HttpConfig['loadShedding']): Promise<() => boolean> {
  await app.register(underPressure, {
    maxEventLoopDelay: config.maxEventLoopDelayMs,
    maxHeapUsedBytes: config.maxHeapUsedBytes,
    retryAfter: LOAD_SHED_RETRY_AFTER_SECONDS,
    pressureHandler: async (request, reply) => {
      if (isProbe(request)) return
      reply.header('retry-after', String(LOAD_SHED_RETRY_AFTER_SECONDS))
      throw Object.assign(new Error('The server is overloaded.'), { statusCode: 503, code: OVERLOADED })
    }
  })
  return () => app.isUnderPressure()
}
