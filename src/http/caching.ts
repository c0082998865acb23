import { hash } from 'node:crypto'
import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { configure } from 'safe-stable-stringify'
import { BoundedMap } from '../bounded-map.js'
import type { FreshnessSnapshot } from '../invalidation/freshness.js'
import { compressed, isCompressible, negotiatedCoding, type Coding } from './content-codings.js'
import { matchingTag } from './encoding-etags.js'
import { createResponseCache, MAX_ENTRY_BODY_BYTES, ownedBody, type CachedResponse } from './response-cache.js'
import { registerSurrogateKeys } from './surrogate-key-headers.js'

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * The response cache's own per-request state (this file): the freshness snapshot taken before
     * anything is read, and the entry a hit was replayed from. Request properties rather than
     * WeakMaps keyed by the request: every public read sets them, and a WeakMap's entries are
     * ephemerons whose tables the collector re-scans and whose backing stores it promotes.
     */
    freshnessSnapshot: FreshnessSnapshot | null
    replayedFrom: CachedResponse | null
  }
  interface FastifyContextConfig {
    /** A public GET whose answer is made for this one request (a signed form token): never cached, never 304. */
    uncached?: boolean
    /**
     * A POST route whose reads may be replayed like GETs (GraphQL): its response is kept, keyed by
     * the body, when the handler marked the request a read (`markReadOnly`) and the answer is a 200
     * without an explicit Cache-Control. Never for authenticated requests.
     */
    replayablePosts?: boolean
    /**
     * A public GET whose answer depends on more than its surrogate keys show (the sync API reads the
     * change log): its validator is the global content version, which every write moves.
     */
    followsEveryWrite?: boolean
  }
}

const readOnly = new WeakSet<FastifyRequest>()
/** Called by a replayablePosts handler once it knows this request only reads (a GraphQL query, not a mutation). */
export const markReadOnly = (request: FastifyRequest): void => { readOnly.add(request) }

const canonicalJson = configure({ deterministic: true, circularValue: Error, bigint: false })

// a larger body is rarely repeated verbatim; it is not worth the memory
const MAX_REPLAYED_POST_BODY = 16 * 1024

export interface CachingOptions {
  maxAge: number
  sMaxAge: number
  staleWhileRevalidate: number
  /** Bytes of rendered responses kept in memory; 0 turns the response cache off. */
  responseCacheBytes: number
  /** Taken once per request: the validators of its response (invalidation/freshness.ts). */
  snapshot: () => FreshnessSnapshot
  /** The server's version: a new release may render the same content differently. */
  version: string
  /** Epoch ms; the injected clock, for the Last-Modified of responses without one of their own. */
  now?: () => number
  /** Told each time an entry's body is compressed for a coding (the metrics count them). */
  onCompressed?: (coding: Coding) => void
}

// headers that describe this exchange rather than the representation, so they are never replayed
const exchangeHeaders = new Set(['etag', 'cache-control', 'vary', 'x-request-id', 'content-length', 'x-cache'])
// CORS headers answer this request's Origin; the CORS plugin sets them again on every request, and
// the rate limiter its RateLimit-* headers for this client (http/rate-limit.ts)
const isPerRequestHeader = (name: string): boolean => exchangeHeaders.has(name) || name.startsWith('access-control-') || name.startsWith('ratelimit-')

function storedHeaders (reply: FastifyReply): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (!isPerRequestHeader(name) && value !== undefined) headers[name] = String(value)
  }
  return headers
}

/**
 * A continuation page: a list or feed page after the first (`cursor`, `page` > 1) or a sync page
 * after the first (`token`). Crawlers, sync clients and archive walks read each of these once, and
 * a walk of 100,000 articles would fill the response cache with pages nobody asks for again,
 * evicting the first pages and articles that are read all day. So a continuation page is kept
 * from its second request on (a CDN's "cache on second hit"); first pages and single items from
 * their first. The 304 path is unaffected: every response still carries its ETag.
 */
const CONTINUATION = /[?&](?:cursor=[^&]|token=[^&]|page=(?!1(?:&|$))\d)/
export const isContinuationPage = (url: string): boolean => url.includes('?') && CONTINUATION.test(url)

// a string longer than the limit has at least that many UTF-8 bytes: no need to count them
const bodyBytes = (payload: string): number => payload.length > MAX_ENTRY_BODY_BYTES ? Infinity : Buffer.byteLength(payload)

/**
 * Public GETs get a strong ETag derived from the request URL and the versions of the content the
 * response shows (its surrogate keys; invalidation/freshness.ts) — not from the rendered body.
 * Rendering is deterministic for given content and URL, which is what makes the tag strong and what
 * lets a rendered response be replayed from memory, and revalidated with a 304 before any route
 * work runs, until a write touches one of its keys: a draft saved in another edition touches none.
 */
export function registerHttpCaching (app: FastifyInstance, options: CachingOptions): void {
  const cacheControl = `public, max-age=${options.maxAge}, s-maxage=${options.sMaxAge}, stale-while-revalidate=${options.staleWhileRevalidate}`
  const cache = options.responseCacheBytes > 0 ? createResponseCache(options.responseCacheBytes) : null
  app.decorateRequest('freshnessSnapshot', null)
  // replayed from the cache: the entry, with the validator (and the ETag) it was stored under
  app.decorateRequest('replayedFrom', null)
  const surrogateKeys = registerSurrogateKeys(app)
  const now = options.now ?? Date.now
  // Responses without a modification time of their own (lists, feeds, sitemaps, GraphQL) are
  // Last-Modified at the instant this process first answered with their current validator:
  // never earlier than the change itself, so If-Modified-Since cannot hide a change, except one
  // made within the same second (HTTP dates have whole seconds; If-None-Match has no such gap and
  // wins when both are sent).
  const firstSeen = new BoundedMap<string, string>(10_000)
  const lastModifiedAt = (validator: string): string => {
    let at = firstSeen.get(validator)
    if (at === undefined) firstSeen.set(validator, at = new Date(now()).toUTCString())
    return at
  }

  // taken once per request, before anything is read: the 304 check, the cache lookup and the ETag must agree
  const snapshotOf = (request: FastifyRequest): FreshnessSnapshot => (request.freshnessSnapshot ??= options.snapshot())
  const etagFor = (request: FastifyRequest, validator: string): string =>
    // one-shot hash: the same digest as a Hash object's, without creating one per response
    `"${hash('sha1', `${options.version}\n${validator}\n${request.url}`, 'base64url')}"`
  // `request.routeOptions` builds a new object on every access: read once per hook
  const isPublicRead = (request: FastifyRequest, config: FastifyContextConfig | undefined): boolean =>
    (request.method === 'GET' || request.method === 'HEAD') && request.headers.authorization === undefined && config?.uncached !== true

  // POST reads: keyed by what decides the answer, the body and the media type asked for
  const postKeys = new WeakMap<FastifyRequest, string>()
  const postKeyOf = (request: FastifyRequest): string | undefined => {
    if (request.method !== 'POST' || request.routeOptions.config?.replayablePosts !== true || request.headers.authorization !== undefined) return undefined
    let key = postKeys.get(request)
    if (key === undefined) {
      if (typeof request.body !== 'object' || request.body === null || Array.isArray(request.body)) return undefined
      // canonical JSON (object keys sorted): the same query with the same variables is the same
      // entry however a client orders its JSON; everything in the body can change the answer
      const body = canonicalJson(request.body)
      if (body === undefined || body.length > MAX_REPLAYED_POST_BODY) return undefined
      postKeys.set(request, key = `POST ${request.url}\n${request.headers.accept ?? ''}\n${body}`)
    }
    return key
  }

  const keepPost = (request: FastifyRequest, reply: FastifyReply, payload: unknown): unknown => {
    const key = postKeyOf(request)
    if (cache === null || key === undefined || request.replayedFrom !== null || !readOnly.has(request)) return payload
    if (reply.statusCode !== 200 || reply.hasHeader('cache-control') || typeof payload !== 'string') return payload
    const keys = surrogateKeys.keysOf(reply)
    const validator = snapshotOf(request).validatorOf(keys)
    if (validator === null) return payload
    const size = bodyBytes(payload)
    if (!cache.admits(size)) return payload
    const body = ownedBody(payload, size)
    cache.set(key, { version: validator, keys, payload: body, headers: storedHeaders(reply) })
    reply.header('x-cache', 'MISS')
    return body
  }

  // The entry's body in the coding @fastify/compress would have picked for this request, made once
  // per entry and coding; compress passes a body that already has a Content-Encoding through.
  const sendHit = (request: FastifyRequest, reply: FastifyReply, key: string, entry: CachedResponse): FastifyReply => {
    cache?.touch(key, entry)
    request.replayedFrom = entry
    reply.code(200).headers(entry.headers).header('x-cache', 'HIT')
    const coding = request.headers['x-no-compression'] === undefined && (entry.compressible ??= isCompressible(entry.headers['content-type'], entry.payload.length))
      ? negotiatedCoding(request.headers['accept-encoding'])
      : null
    if (coding === null) return reply.send(entry.payload)
    let body = entry.variants?.[coding]
    if (body === undefined) {
      body = compressed(coding, entry.payload)
      cache?.addVariant(key, entry, coding, body)
      options.onCompressed?.(coding)
    }
    return reply.header('content-encoding', coding).send(body)
  }

  // as soon as the body is parsed: a body that was answered from this key passed every check after
  // this point (schema, GraphQL limits) when it was rendered, and would pass them again
  // a callback hook (answering means not calling done): every request passes here
  app.addHook('preValidation', (request, reply, done) => {
    const key = cache === null ? undefined : postKeyOf(request)
    // the snapshot before the render, whether or not this key has an answer (see the GET hook below)
    const snapshot = key === undefined ? undefined : snapshotOf(request)
    const entry = key === undefined ? undefined : cache?.peek(key)
    if (key === undefined || entry === undefined || snapshot?.validatorOf(entry.keys) !== entry.version) {
      done()
      return
    }
    sendHit(request, reply, key, entry)
  })

  const replay = async (request: FastifyRequest, reply: FastifyReply, snapshot: FreshnessSnapshot): Promise<unknown> => {
    if (cache === null) return
    const entry = cache.peek(request.url)
    if (entry === undefined || snapshot.validatorOf(entry.keys) !== entry.version) return
    const ifNoneMatch = request.headers['if-none-match']
    if (ifNoneMatch !== undefined) {
      // a 304 confirms the tag the client holds, in whichever coding it got the body (encoding-etags.ts)
      const held = matchingTag(ifNoneMatch, entry.etag ?? etagFor(request, entry.version))
      if (held !== null) {
        return reply.code(304).headers({ etag: held, 'cache-control': cacheControl, vary: varyWith(reply) }).send()
      }
    }
    if (request.method === 'GET') return sendHit(request, reply, request.url, entry)
  }
  // Every public read takes its snapshot here, before the route reads anything, with the cache on
  // or off: a body can then only be as new as its validator or newer, never older. The reads the
  // route makes in this same synchronous stretch share the snapshot's data_version read
  // (db/change-probe.ts), so a request pays for that read once.
  app.addHook('onRequest', (request, reply, done) => {
    const route = request.routeOptions
    if (!isPublicRead(request, route.config) || route.url === undefined) {
      done()
      return
    }
    const snapshot = snapshotOf(request)
    if (cache === null) {
      done()
      return
    }
    return replay(request, reply, snapshot)
  })

  const finish = (request: FastifyRequest, reply: FastifyReply, payload: unknown): unknown => {
    if (request.method === 'POST') return keepPost(request, reply, payload)
    if ((request.method !== 'GET' && request.method !== 'HEAD') || reply.statusCode !== 200) return payload
    if (reply.hasHeader('cache-control')) return payload
    const config = request.routeOptions.config
    if (!isPublicRead(request, config)) {
      reply.header('cache-control', config?.uncached === true ? 'no-store' : 'private, no-store')
      return payload
    }
    surrogateKeys.writeHeaders(reply)
    const keys = config?.followsEveryWrite === true ? undefined : surrogateKeys.keysOf(reply)
    const { replayedFrom } = request
    const validator = replayedFrom?.version ?? snapshotOf(request).validatorOf(keys)
    if (validator === null) {
      // rendered across a write to what it shows: correct for this client, but no validator and not kept
      reply.headers({ 'cache-control': 'public, max-age=0, must-revalidate', vary: varyWith(reply) })
      return payload
    }
    if (!reply.hasHeader('last-modified')) reply.header('last-modified', lastModifiedAt(validator))
    let body: unknown = payload
    const etag = replayedFrom?.etag ?? etagFor(request, validator)
    if (cache !== null && replayedFrom === null && request.method === 'GET' && typeof payload === 'string') {
      const size = bodyBytes(payload)
      if (cache.admits(size) && (!isContinuationPage(request.url) || cache.seenBefore(request.url))) {
        // encoded once here, and this response sends the same bytes the hits will
        const encoded = ownedBody(payload, size)
        cache.set(request.url, { version: validator, etag, keys, payload: encoded, headers: storedHeaders(reply) })
        reply.header('x-cache', 'MISS')
        body = encoded
      }
    }
    reply.headers({ etag, 'cache-control': cacheControl, vary: varyWith(reply) })
    const ifNoneMatch = request.headers['if-none-match']
    // rendered, but the client's copy is still current: it saves the bytes, if not the work
    const notModified = ifNoneMatch !== undefined
      ? matchingTag(ifNoneMatch, etag) !== null
      // RFC 9110 §13.1.3: If-Modified-Since is only consulted without If-None-Match
      : notModifiedSince(request.headers['if-modified-since'], reply.getHeader('last-modified'))
    if (notModified) {
      reply.code(304)
      reply.removeHeader('content-length')
      reply.removeHeader('content-type')
      return ''
    }
    return body
  }
  // a callback hook: nothing here waits, and an async one would cost every response a promise
  app.addHook('onSend', (request, reply, payload, done) => { done(null, finish(request, reply, payload)) })
}

/** Adds Accept-Encoding to whatever Vary the response already has (CORS adds Origin). */
function varyWith (reply: FastifyReply): string {
  const existing = reply.getHeader('vary')
  if (existing === undefined) return 'Accept-Encoding'
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
