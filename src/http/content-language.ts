import type { FastifyInstance, FastifyRequest } from 'fastify'

const stringAt = (value: unknown, key: string): string | undefined => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  const found = (value as Record<string, unknown>)[key]
  return typeof found === 'string' ? found : undefined
}

/**
 * The edition a REST answer is in, if it is in exactly one: the item's own `edition`, else the
 * `edition=` filter of a list, else the `{code}` of a route under /v1/editions/{code}/… (the edition
 * resource itself is left out: it describes the edition in English and in its own script at once).
 * Edition codes are BCP 47 tags (schemas/common.ts EditionCode), so they are valid Content-Language values.
 */
function editionOf (request: FastifyRequest, payload: unknown): string | undefined {
  const data = typeof payload === 'object' && payload !== null ? (payload as { data?: unknown }).data : undefined
  const own = stringAt(data, 'edition')
  if (own !== undefined) return own
  const filter = stringAt(request.query, 'edition')
  if (filter !== undefined) return filter
  const route = request.routeOptions.url ?? ''
  return route.startsWith('/v1/editions/:code/') ? stringAt(request.params, 'code') : undefined
}

/** `Content-Language` (RFC 9110 §8.5) on REST answers of one edition, decided here for every route. */
export function registerContentLanguage (app: FastifyInstance): void {
  app.addHook('preSerialization', (request, reply, payload, done) => {
    if (reply.statusCode >= 200 && reply.statusCode < 300 && (request.routeOptions.url ?? '').startsWith('/v1/')) {
      const edition = editionOf(request, payload)
      if (edition !== undefined) reply.header('content-language', edition)
    }
    done(null, payload)
  })
}
