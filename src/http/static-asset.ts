import { createHash } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { matchingTag } from './encoding-etags.js'

export interface StaticAsset {
  body: string | Buffer
  contentType: string
  /** Cache-Control; the default lets browsers and CDNs keep it an hour and revalidate by ETag after. */
  cacheControl?: string
}

/**
 * A fixed body known at start-up (the GraphQL SDL, the GraphiQL bundle, a problem page): its ETag is
 * a hash of the bytes, so it changes only when the file does — not with every content edit, as the
 * content-version tags of caching.ts do. Setting Cache-Control here keeps caching.ts's own tag off.
 */
export function serveStaticAsset (app: FastifyInstance, url: string, asset: StaticAsset, routeOptions: { hide?: boolean } = {}): void {
  const etag = `"${createHash('sha256').update(asset.body).digest('base64url').slice(0, 27)}"`
  const cacheControl = asset.cacheControl ?? 'public, max-age=3600'
  app.get(url, { schema: { hide: routeOptions.hide ?? true } }, async (request, reply) => {
    reply.header('etag', etag).header('cache-control', cacheControl).type(asset.contentType)
    const ifNoneMatch = request.headers['if-none-match']
    if (ifNoneMatch !== undefined) {
      const held = matchingTag(ifNoneMatch, etag)
      if (held !== null) return reply.code(304).header('etag', held).send()
    }
    return reply.send(asset.body)
  })
}
