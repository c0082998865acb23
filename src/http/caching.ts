import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

export interface CachingOptions {
  maxAge: number
  sMaxAge: number
  staleWhileRevalidate: number
  /** The current content version (see db/content-version.ts); the same URL at the same version renders the same bytes. */
  contentVersion: () => string
}

/**
 * Public GETs get a strong ETag derived from the content version and the request URL — not from
 * the rendered body — so `If-None-Match` is answered with 304 before any route work runs.
 * Rendering is deterministic for a given version and URL, which is what makes the tag strong.
 */
export function registerHttpCaching (app: FastifyInstance, options: CachingOptions): void {
  const cacheControl = `public, max-age=${options.maxAge}, s-maxage=${options.sMaxAge}, stale-while-revalidate=${options.staleWhileRevalidate}`
  const etagFor = (request: FastifyRequest): string =>
    `"${createHash('sha1').update(options.contentVersion()).update('\n').update(request.url).digest('base64url')}"`
  const isPublicRead = (request: FastifyRequest): boolean =>
    (request.method === 'GET' || request.method === 'HEAD') && request.headers.authorization === undefined

  const notModified = (reply: FastifyReply, etag: string) =>
    reply.code(304).headers({ etag, 'cache-control': cacheControl, vary: 'Accept-Encoding' }).send()

  app.addHook('onRequest', async (request, reply) => {
    const ifNoneMatch = request.headers['if-none-match']
    if (ifNoneMatch === undefined || !isPublicRead(request) || request.routeOptions.url === undefined) return
    const etag = etagFor(request)
    if (matches(ifNoneMatch, etag)) return notModified(reply, etag)
  })

  app.addHook('onSend', async (request, reply, payload) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || reply.statusCode !== 200) return payload
    if (reply.hasHeader('cache-control')) return payload
    if (!isPublicRead(request)) {
      reply.header('cache-control', 'private, no-store')
      return payload
    }
    const etag = etagFor(request)
    reply.headers({ etag, 'cache-control': cacheControl, vary: 'Accept-Encoding' })
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

function matches (header: string, etag: string): boolean {
  if (header.trim() === '*') return true
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag)
}

function notModifiedSince (header: string | undefined, lastModified: unknown): boolean {
  if (header === undefined || typeof lastModified !== 'string') return false
  const since = Date.parse(header)
  const modified = Date.parse(lastModified)
  return !Number.isNaN(since) && !Number.isNaN(modified) && modified <= since
}
