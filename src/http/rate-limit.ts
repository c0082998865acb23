import rateLimit, { normalizeIP } from '@fastify/rate-limit'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { createHash } from 'node:crypto'
import type { HttpConfig } from '../config.js'
import { RATE_LIMITED } from './guard-codes.js'

const bearer = /^Bearer +(\S+) *$/i
const KEY_PREFIX = 'key:'

/**
 * Whom a request is counted against: the API key it presents, or else its client address (the
 * real one behind a trusted proxy, see TRUST_PROXY). The key is a digest of the token, so no
 * token sits in the limiter's memory or in anything it logs. IPv6 clients are counted per /64,
 * the block one subscriber usually holds.
 */
export function rateLimitKey (request: FastifyRequest): string {
  const token = bearer.exec(request.headers.authorization ?? '')?.[1]
  if (token !== undefined) return KEY_PREFIX + createHash('sha256').update(token).digest('base64url').slice(0, 22)
  return `ip:${normalizeIP(request.ip)}`
}

/** Probes are for the orchestrator, which must always be able to ask. */
const exempt = (request: FastifyRequest): boolean => request.routeOptions.url?.startsWith('/health/') === true

/**
 * A stricter limit for one route, on top of the global one, e.g. a public comment form:
 * `app.post('/v1/comments', { config: routeRateLimit({ max: 5, windowMs: 60_000 }) }, …)`.
 * It counts per API key or client address like the global limit, separately for that route.
 * Without RATE_LIMIT_ENABLED the route is not limited either.
 */
export function routeRateLimit ({ max, windowMs }: { max: number, windowMs: number }): { rateLimit: { max: number, timeWindow: number } } {
  return { rateLimit: { max, timeWindow: windowMs } }
}

/**
 * Fixed-window request limits per API key and per anonymous client, kept in this process's memory
 * (so with several instances each counts its own share). Every limited response carries the IETF
 * draft's RateLimit-Limit / -Remaining / -Reset headers; a refused one is a 429 problem with
 * Retry-After. Applies to every route registered after this call.
 */
export async function registerRateLimit (app: FastifyInstance, config: HttpConfig['rateLimit']): Promise<void> {
  if (!config.enabled) return
  await app.register(rateLimit, {
    global: true,
    // route-level onRequest hooks run after the app's (auth), so the limiter never sees a request
    // that a broken key already refused; tokens are random 256-bit values, nothing to guess
    hook: 'onRequest',
    timeWindow: config.windowMs,
    max: (_request, key) => key.startsWith(KEY_PREFIX) ? config.keyMax : config.anonymousMax,
    keyGenerator: rateLimitKey,
    allowList: (request) => exempt(request),
    enableDraftSpec: true,
    // entries are evicted least recently used first: memory stays bounded however many clients come
    cache: 10_000,
    errorResponseBuilder: (_request, context) => Object.assign(new Error(`Rate limit exceeded, retry in ${context.after}.`), { statusCode: context.statusCode, code: RATE_LIMITED })
  })
}
