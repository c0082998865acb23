import rateLimit, { normalizeIP } from '@fastify/rate-limit'
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify'
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

type Check = ReturnType<FastifyInstance['createRateLimit']>

/** Counts the request against `check`; sets the IETF draft's RateLimit-* headers, or refuses with 429 and Retry-After. */
function limiter (check: Check): onRequestAsyncHookHandler {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const result = await check(request)
    if (result.isAllowed) return
    reply.header('ratelimit-limit', result.max)
    reply.header('ratelimit-remaining', result.remaining)
    reply.header('ratelimit-reset', result.ttlInSeconds)
    if (result.isExceeded) {
      reply.header('retry-after', result.ttlInSeconds)
      throw Object.assign(new Error(`Rate limit exceeded, retry in ${result.ttlInSeconds} s.`), { statusCode: 429, code: RATE_LIMITED })
    }
  }
}

/**
 * Fixed-window request limits per API key and per anonymous client, kept in this process's memory
 * (with several instances each counts its own share). It runs before authentication and the
 * response cache, so a cached answer and a refused key count like any other request.
 */
export async function registerRateLimit (app: FastifyInstance, config: HttpConfig['rateLimit']): Promise<void> {
  if (!config.enabled) return
  // the plugin is used for its store and windows only: its own route hooks would run after the
  // response cache, which answers most public reads without reaching them
  await app.register(rateLimit, {
    global: false,
    timeWindow: config.windowMs,
    keyGenerator: rateLimitKey,
    allowList: (request) => exempt(request),
    // entries are evicted least recently used first: memory stays bounded however many clients come
    cache: 10_000
  })
  app.addHook('onRequest', limiter(app.createRateLimit({
    max: (_request, key) => key.startsWith(KEY_PREFIX) ? config.keyMax : config.anonymousMax
  })))
}

/**
 * A stricter limit for one route on top of the global one, counted separately per API key or client
 * address, e.g. for a public comment form:
 * `app.post('/v1/comments', { onRequest: routeRateLimit(app, { max: 5, windowMs: 60_000 }) }, …)`.
 * Without RATE_LIMIT_ENABLED it lets everything through, like the global limit. Meant for writes
 * and forms: a public GET answered from the response cache never reaches a route's own hooks
 * (the global limit still counts it).
 */
/** The per-address limit of the public forms (comments, contact): a reader posts a few times a minute at most. */
export const PUBLIC_FORM_LIMIT = { max: 10, windowMs: 60_000 } as const

export function routeRateLimit (app: FastifyInstance, { max, windowMs }: { max: number, windowMs: number }): onRequestAsyncHookHandler {
  if (!app.hasDecorator('createRateLimit')) return async () => {}
  return limiter(app.createRateLimit({ max, timeWindow: windowMs }))
}
