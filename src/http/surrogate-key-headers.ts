import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { responseKeys } from '../cache-keys/response-keys.js'
import { surrogateKeyHeaders, type EntityType } from '../cache-keys/surrogate-keys.js'

declare module 'fastify' {
  interface FastifyReply {
    /** Names content this response shows (see surrogate-keys.ts); sent as Surrogate-Key and Cache-Tag when the response is publicly cacheable. */
    surrogateKeys (...keys: Array<string | Iterable<string>>): FastifyReply
  }
  interface FastifyContextConfig {
    /** The entity type a REST route's `{ data }` envelope holds; its surrogate keys are then read from the payload. */
    surrogateKeys?: EntityType
  }
}

function listScope (request: FastifyRequest): { edition?: string } {
  const edition = (request.query as { edition?: unknown } | undefined)?.edition
  return typeof edition === 'string' ? { edition } : {}
}

/**
 * Collects keys per reply — from `reply.surrogateKeys(...)` (feeds, sitemaps, GraphQL) or from a
 * route's declared `config.surrogateKeys` type (REST envelopes) — and returns the function the
 * caching layer calls to write them, so only publicly cacheable responses carry them and the
 * response cache stores them with the body (a replay repeats them).
 */
export function registerSurrogateKeys (app: FastifyInstance): { writeHeaders: (reply: FastifyReply) => void, keysOf: (reply: FastifyReply) => ReadonlySet<string> | undefined } {
  const collected = new WeakMap<FastifyReply, Set<string>>()

  app.decorateReply('surrogateKeys', function (this: FastifyReply, ...keys: Array<string | Iterable<string>>) {
    let set = collected.get(this)
    if (set === undefined) collected.set(this, set = new Set())
    for (const key of keys) {
      if (typeof key === 'string') set.add(key)
      else for (const k of key) set.add(k)
    }
    return this
  })

  app.addHook('preSerialization', (request, reply, payload, done) => {
    const type = request.routeOptions.config?.surrogateKeys
    if (type !== undefined && reply.statusCode === 200 && (request.method === 'GET' || request.method === 'HEAD')) {
      reply.surrogateKeys(responseKeys(type, payload, listScope(request)))
    }
    done(null, payload)
  })

  return {
    keysOf: (reply) => collected.get(reply),
    writeHeaders (reply) {
      const keys = collected.get(reply)
      if (keys !== undefined && keys.size > 0) reply.headers(surrogateKeyHeaders(keys))
    }
  }
}
