import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

/** The content codings @fastify/compress may apply, as they appear inside a tag: `"abc-br"`. */
export const codings = ['br', 'gzip', 'deflate'] as const

/** The strong tag of the body as sent: the coding is part of the representation (RFC 9110 §8.8.3). */
export const taggedWith = (etag: string, coding: string): string => `${etag.slice(0, -1)}-${coding}"`

/**
 * The tag of `If-None-Match` that names this resource's current tag in any coding (`*` names it
 * too), or null. A client holding the gzip body may revalidate while now accepting br: the content
 * is the same, so its own tag is confirmed (as Apache's mod_deflate does with its `-gzip` suffix).
 */
export function matchingTag (header: string, etag: string): string | null {
  if (header.trim() === '*') return etag
  for (const candidate of header.split(',')) {
    const tag = candidate.trim().replace(/^W\//, '')
    if (tag === etag || codings.some((coding) => tag === taggedWith(etag, coding))) return tag
  }
  return null
}

function dedupedVary (value: unknown): string | null {
  if (typeof value !== 'string') return null
  const seen = new Map<string, string>()
  for (const name of value.split(',').map((v) => v.trim()).filter((v) => v !== '')) {
    if (!seen.has(name.toLowerCase())) seen.set(name.toLowerCase(), name)
  }
  return [...seen.values()].join(', ')
}

/**
 * Runs after @fastify/compress on every route (its onSend is added to each route, so an instance
 * hook would run too early): a compressed body gets its own strong tag, and the `Vary` the
 * caching layer wrote (`Accept-Encoding`) and the one compress adds (`accept-encoding`) become one.
 * Register after compress.
 */
export function registerEncodingValidators (app: FastifyInstance): void {
  const afterCompress = async (_request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> => {
    const coding = reply.getHeader('content-encoding')
    const etag = reply.getHeader('etag')
    if (typeof coding === 'string' && coding !== 'identity' && typeof etag === 'string' && etag.startsWith('"') && etag.endsWith('"')) {
      reply.header('etag', taggedWith(etag, coding))
    }
    const vary = dedupedVary(reply.getHeader('vary'))
    if (vary !== null) reply.header('vary', vary)
    return payload
  }
  app.addHook('onRoute', (route) => {
    route.onSend = route.onSend === undefined ? [afterCompress] : [...(Array.isArray(route.onSend) ? route.onSend : [route.onSend]), afterCompress]
  })
}
