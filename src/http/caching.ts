import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { matchingTag } from './encoding-etags.js'
import { createResponseCache } from './response-cache.js'
import { registerSurrogateKeys } from './surrogate-key-headers.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A public GET whose answer is made for this one request (a signed form token): never cached, never 304. */
    uncached?: boolean
  }
}

export interface CachingOptions {
  maxAge: number
  sMaxAge: number
  staleWhileRevalidate: number
  /** Bytes of rendered responses kept in memory; 0 turns the response cache off. */
  responseCacheBytes: number
  /** The current content version (see db/content-version.ts); the same URL at the same version renders the same bytes. */
  contentVersion: () => string
  /** Epoch ms; the injected clock, for the Last-Modified of responses without one of their own. */
  now?: () => number
}

// headers that describe this exchange rather than the representation, so they are never replayed
const exchangeHeaders = new Set(['etag', 'cache-control', 'vary', 'x-request-id', 'content-length', 'x-cache'])
// CORS headers answer this request's Origin; the CORS plugin sets them again on every request, and
// the rate limiter its RateLimit-* headers for this client (http/rate-limit.ts)
const isPerRequestHeader = (name: string): boolean => exchangeHeaders.has(name) || name.startsWith('access-control-') || name.startsWith('ratelimit-')

/**
 * Public GETs get a strong ETag derived from the content version and the request URL — not from
 * the rendered body — so `If-None-Match` is answered with 304 before any route work runs.
 * Rendering is deterministic for a given version and URL, which is what makes the tag strong and
 * what lets a rendered response be replayed from memory until the version moves.
 */
export function registerHttpCaching (app: FastifyInstance, options: CachingOptions): void {
  const cacheControl = `public, max-age=${options.maxAge}, s-maxage=${options.sMaxAge}, stale-while-revalidate=${options.staleWhileRevalidate}`
  const cache = options.responseCacheBytes > 0 ? createResponseCache(options.responseCacheBytes) : null
  const versions = new WeakMap<FastifyRequest, string>()
  const replayed = new WeakSet<FastifyRequest>()
  const surrogateKeys = registerSurrogateKeys(app)
  const now = options.now ?? Date.now
  // Responses without a modification time of their own (lists, feeds, sitemaps, GraphQL) are
  // Last-Modified at the instant this process first answered with the current content version:
  // never earlier than the change itself, so If-Modified-Since cannot hide a change, except one
  // made within the same second (HTTP dates have whole seconds; If-None-Match has no such gap and
  // wins when both are sent).
  let firstSeen: { version: string, at: number } | null = null
  const lastModifiedAt = (version: string): string => {
    if (firstSeen?.version !== version) firstSeen = { version, at: now() }
    return new Date(firstSeen.at).toUTCString()
  }

  // computed once per request: the 304 check, the cache lookup and the ETag must agree
  const versionOf = (request: FastifyRequest): string => {
    let version = versions.get(request)
    if (version === undefined) {
      version = options.contentVersion()
      versions.set(request, version)
    }
    return version
  }
  const etagFor = (request: FastifyRequest): string =>
    `"${createHash('sha1').update(versionOf(request)).update('\n').update(request.url).digest('base64url')}"`
  const isPublicRead = (request: FastifyRequest): boolean =>
    (request.method === 'GET' || request.method === 'HEAD') && request.headers.authorization === undefined && request.routeOptions.config?.uncached !== true

  app.addHook('onRequest', async (request, reply: FastifyReply) => {
    if (!isPublicRead(request) || request.routeOptions.url === undefined) return
    const ifNoneMatch = request.headers['if-none-match']
    if (ifNoneMatch !== undefined) {
      // a 304 confirms the tag the client holds, in whichever coding it got the body (encoding-etags.ts)
      const held = matchingTag(ifNoneMatch, etagFor(request))
      if (held !== null) {
        return reply.code(304).headers({ etag: held, 'cache-control': cacheControl, vary: varyWith(reply) }).send()
      }
    }
    if (cache !== null && request.method === 'GET') {
      const hit = cache.get(request.url, versionOf(request))
      if (hit !== undefined) {
        replayed.add(request)
        return reply.code(200).headers(hit.headers).header('x-cache', 'HIT').send(hit.payload)
      }
    }
  })

  app.addHook('onSend', async (request, reply, payload) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || reply.statusCode !== 200) return payload
    if (reply.hasHeader('cache-control')) return payload
    if (!isPublicRead(request)) {
      reply.header('cache-control', request.routeOptions.config?.uncached === true ? 'no-store' : 'private, no-store')
      return payload
    }
    if (!reply.hasHeader('last-modified')) reply.header('last-modified', lastModifiedAt(versionOf(request)))
    surrogateKeys.writeHeaders(reply)
    if (cache !== null && request.method === 'GET' && !replayed.has(request) && typeof payload === 'string') {
      const headers: Record<string, string> = {}
      for (const [name, value] of Object.entries(reply.getHeaders())) {
        if (!isPerRequestHeader(name) && value !== undefined) headers[name] = String(value)
      }
      cache.set(request.url, { version: versionOf(request), payload, headers })
      reply.header('x-cache', 'MISS')
    }
    reply.headers({ etag: etagFor(request), 'cache-control': cacheControl, vary: varyWith(reply) })
    // RFC 9110 §13.1.3: If-Modified-Since is only consulted without If-None-Match
    if (request.headers['if-none-match'] === undefined &&
      notModifiedSince(request.headers['if-modified-since'], reply.getHeader('last-modified'))) {
      reply.code(304)
      reply.removeHeader('content-length')
      reply.removeHeader('content-type')
      return ''
    }
    return payload
  })
}

/** Adds Accept-Encoding to whatever Vary the response already has (CORS adds Origin). */
function varyWith (reply: FastifyReply): string {
  const existing = reply.getHeader('vary')
  const names = new Set((typeof existing === 'string' ? existing.split(',') : []).map((v) => v.trim()).filter((v) => v !== ''))
  names.add('Accept-Encoding')
  return [...names].join(', ')
}

function notModifiedSince (header: string | undefined, lastModified: unknown): boolean {
  if (header === undefined || typeof lastModified !== 'string') return false
  const since = Date.parse(header)
  const modified = Date.parse(lastModified)
  return !Number.isNaN(since) && !Number.isNaN(modified) && modified <= since
}
