import { createHash } from 'node:crypto'
import type { FastifyInstance } from 'fastify'

export interface CachingOptions { maxAge: number, sMaxAge: number, staleWhileRevalidate: number }

/**
 * Public GET responses get a strong ETag (a digest of the exact bytes sent), Cache-Control for
 * browsers and CDNs, and answer If-None-Match with 304. Hashing the serialized payload is cheap
 * next to producing it and can never disagree with the body.
 */
export function registerHttpCaching (app: FastifyInstance, options: CachingOptions): void {
  const cacheControl = `public, max-age=${options.maxAge}, s-maxage=${options.sMaxAge}, stale-while-revalidate=${options.staleWhileRevalidate}`

  app.addHook('onSend', async (request, reply, payload) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || reply.statusCode !== 200) return payload
    if (reply.hasHeader('cache-control')) return payload
    if (request.headers.authorization !== undefined) {
      reply.header('cache-control', 'private, no-store')
      return payload
    }
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload
    const etag = `"${createHash('sha1').update(payload).digest('base64url')}"`
    reply.header('etag', etag)
    reply.header('cache-control', cacheControl)
    reply.header('vary', 'Accept-Encoding')
    const ifNoneMatch = request.headers['if-none-match']
    // RFC 9110 §13.1.3: If-Modified-Since is ignored when If-None-Match is present
    const notModified = ifNoneMatch !== undefined
      ? matches(ifNoneMatch, etag)
      : notModifiedSince(request.headers['if-modified-since'], reply.getHeader('last-modified'))
    if (notModified) {
      reply.code(304)
      reply.removeHeader('content-length')
      reply.removeHeader('content-type')
      return ''
    }
    return payload
  })
}

function matches (header: string | undefined, etag: string): boolean {
  if (header === undefined) return false
  if (header.trim() === '*') return true
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag)
}

function notModifiedSince (header: string | undefined, lastModified: unknown): boolean {
  if (header === undefined || typeof lastModified !== 'string') return false
  const since = Date.parse(header)
  const modified = Date.parse(lastModified)
  return !Number.isNaN(since) && !Number.isNaN(modified) && modified <= since
}
