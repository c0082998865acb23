import type { FastifyInstance } from 'fastify'
import type { ApiKeyService } from '../auth/keys.js'
import type { Principal } from '../auth/principal.js'
import { UnauthenticatedError } from '../errors.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** The API key behind the request, or null for the public. Set for every route by registerAuth. */
    principal: Principal | null
  }
}

const bearer = /^Bearer +(\S+) *$/i

/**
 * Resolves `Authorization: Bearer <token>` to `request.principal` before anything else runs, on
 * every route: a request that presents credentials which are malformed, unknown or revoked is a
 * 401 even where no key is needed (a client should learn that its key is broken, not silently get
 * the public view). Requests without the header cost nothing here; whether a route needs a
 * principal, and which role, is decided by the services through auth/permissions.ts.
 */
export function registerAuth (app: FastifyInstance, { keys }: { keys: ApiKeyService }): void {
  app.decorateRequest('principal', null)
  app.addHook('onRequest', (request, _reply, done) => {
    const header = request.headers.authorization
    if (header === undefined) {
      done()
      return
    }
    const token = bearer.exec(header)?.[1]
    if (token === undefined) throw new UnauthenticatedError('The Authorization header must be "Bearer <token>".')
    const principal = keys.authenticate(token)
    if (principal === null) throw new UnauthenticatedError('The API key is not valid or has been revoked.')
    request.principal = principal
    done()
  })
  // whatever a key receives is for that key alone (reads also get this from caching.ts)
  app.addHook('onSend', (request, reply, payload, done) => {
    if (request.principal !== null && !reply.hasHeader('cache-control')) reply.header('cache-control', 'private, no-store')
    done(null, payload)
  })
}
