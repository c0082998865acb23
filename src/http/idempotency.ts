import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { IdempotencyStore } from '../editorial/idempotency.js'
import { InvalidInputError } from '../errors.js'
import { signingSecretShape, tokenShape } from '../auth/secret-shapes.js'
import { sendProblem } from './problem.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route's success response holds a secret shown once (an API token, a signing secret): it
     * is never stored for Idempotency-Key replay, and a retry is told where the resource is instead.
     */
    oneTimeSecret?: OneTimeSecret
  }
}

/** How a retry of a secret-bearing creation is answered, e.g. "API key", "token", "revoke it and create a new key". */
export interface OneTimeSecret { resource: string, secret: string, remedy: string }

// RFC draft-ietf-httpapi-idempotency-key-header: an opaque string; we accept what fits in a log line
const keyPattern = /^[\x21-\x7e]{1,255}$/

interface Reservation { keyId: number, key: string }

// the REST writes, and GraphQL mutations (a query sent with the header is harmlessly replayed too)
const covered = (request: FastifyRequest): boolean => {
  const url = request.routeOptions.url ?? ''
  return url.startsWith('/v1/') || url === '/graphql'
}

/** GraphQL reports failures in a 200 body; like a failed REST write, they are not kept for replay. */
function isGraphQLFailure (request: FastifyRequest, payload: string): boolean {
  if (request.routeOptions.url !== '/graphql') return false
  try {
    return (JSON.parse(payload) as { errors?: unknown }).errors !== undefined
  } catch {
    return true
  }
}

/**
 * Routes declare their secrets (`config.oneTimeSecret`); the shapes of our own secrets catch a
 * response that forgot to, so no token or signing secret is ever written to the idempotency table.
 */
const holdsSecret = (request: FastifyRequest, payload: string): boolean =>
  request.routeOptions.config.oneTimeSecret !== undefined || tokenShape.test(payload) || signingSecretShape.test(payload)

function withheldDetail (secret: OneTimeSecret | undefined, location: string | null): string {
  const where = location !== null ? ` (${location})` : ''
  if (secret === undefined) return `The request with this Idempotency-Key already succeeded${where}; its response held a secret that is shown only once and is not kept, so it cannot be sent again.`
  return `The ${secret.resource} for this Idempotency-Key was already created${where}; its ${secret.secret} is shown once and is not kept, so it cannot be sent again. If it was lost, ${secret.remedy}.`
}

/**
 * `Idempotency-Key` on authenticated POSTs under /v1 and to /graphql (mutations): the first successful response (status,
 * Location and body) is stored for 24 hours and replayed to retries with the same key from the
 * same API key, marked `Idempotent-Replayed: true`. The same key with a different method, path or
 * body is a 422; a retry while the first attempt is still running is a 409. Failed attempts are
 * not stored, so a corrected retry may reuse the key. A response holding a one-time secret is
 * never stored: its retry is a 409 naming (and linking) the resource the first attempt created.
 */
export function registerIdempotency (app: FastifyInstance, { store }: { store: IdempotencyStore }): void {
  const reservations = new WeakMap<FastifyRequest, Reservation>()

  /** Reserves the key, or answers from it: returns the reply when it answered. */
  const begin = (request: FastifyRequest, reply: FastifyReply, keyId: number): FastifyReply | undefined => {
    const header = request.headers['idempotency-key']
    if (header === undefined) return
    if (typeof header !== 'string' || !keyPattern.test(header)) {
      throw new InvalidInputError('Idempotency-Key must be 1 to 255 visible ASCII characters.', [{ name: 'headers.idempotency-key', reason: 'must be 1 to 255 visible ASCII characters' }])
    }
    const fingerprint = createHash('sha256').update(`${request.method} ${request.url}\n`).update(JSON.stringify(request.body ?? null)).digest('hex')
    const stored = store.begin(keyId, header, fingerprint)
    if (stored === null) {
      reservations.set(request, { keyId, key: header })
      return
    }
    if (stored.withheld) {
      if (stored.location !== null) reply.header('link', `<${stored.location}>; rel="related"`)
      return sendProblem(request, reply, {
        status: 409, type: 'secret-not-replayed', title: 'Conflict', detail: withheldDetail(request.routeOptions.config.oneTimeSecret, stored.location)
      })
    }
    if (stored.location !== null) reply.header('location', stored.location)
    return reply.code(stored.status).header('idempotent-replayed', 'true').header('cache-control', 'private, no-store')
      .type('application/json; charset=utf-8').send(stored.body)
  }
  // Callback hooks with a synchronous way out: every request passes here, and only POSTs with a key
  // do anything, so the rest pay no promise and no microtask turn. Answering means not calling done.
  app.addHook('preHandler', (request, reply, done) => {
    const { principal } = request
    if (request.method !== 'POST' || principal === null || !covered(request)) {
      done()
      return
    }
    let answered: FastifyReply | undefined
    try {
      answered = begin(request, reply, principal.keyId)
    } catch (error) {
      done(error as Error)
      return
    }
    if (answered === undefined) done()
  })

  const complete = (request: FastifyRequest, reply: FastifyReply, payload: unknown, reservation: Reservation): void => {
    reservations.delete(request)
    if (reply.statusCode >= 200 && reply.statusCode < 300 && typeof payload === 'string' && !isGraphQLFailure(request, payload)) {
      const header = reply.getHeader('location')
      const response = { status: reply.statusCode, location: typeof header === 'string' ? header : null }
      if (holdsSecret(request, payload)) store.completeWithheld(reservation.keyId, reservation.key, response)
      else store.complete(reservation.keyId, reservation.key, { ...response, body: payload })
    } else {
      store.abandon(reservation.keyId, reservation.key)
    }
  }
  app.addHook('onSend', (request, reply, payload, done) => {
    const reservation = reservations.get(request)
    if (reservation === undefined) {
      done(null, payload)
      return
    }
    try {
      complete(request, reply, payload, reservation)
    } catch (error) {
      done(error as Error)
      return
    }
    done(null, payload)
  })
}
