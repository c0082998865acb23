import type { FastifyInstance, FastifyRequest } from 'fastify'
import { BoundedMap } from '../bounded-map.js'
import { isCredentialName, looksLikeSecret, queryParameters } from './log-redaction.js'
import { sendProblem } from './problem.js'

const REMEMBERED_URLS = 1024
const REMEMBERED_URL_LENGTH = 512

/** The API's own surface; feeds, sitemaps and docs take no credentials at all. */
const isApiPath = (path: string): boolean => path === '/v1' || path.startsWith('/v1/') || path === '/graphql'

/** The query parameters the matched route declares (a sync `token` is a position, not a credential). */
function declared (request: FastifyRequest): ReadonlySet<string> {
  const querystring = request.routeOptions.schema?.querystring as { properties?: Record<string, unknown> } | undefined
  return new Set(Object.keys(querystring?.properties ?? {}))
}

/**
 * Credentials travel in the Authorization header only: a URL ends up in access logs, proxies,
 * browser history and Referer headers. A request to /v1 or /graphql that carries an undeclared
 * credential-like parameter (`access_token`, `api_key`, `key` …), or any value shaped like a Quire
 * token or signing secret, is refused with a 400 before the key is even looked at. Legitimate
 * parameters with such names (sync's `token`) pass, and are only redacted in logs (log-redaction.ts).
 */
export function registerQueryCredentialRefusal (app: FastifyInstance): void {
  // answered here rather than thrown: /graphql has its own error formatter, and this is an HTTP-level refusal for both.
  // A callback hook (answering means not calling done): every request passes here, and an async
  // hook would cost each one a promise and a microtask turn.
  // The verdict depends only on the method and URL (the URL picks the route, the route its declared
  // parameters), and public reads ask the same few URLs all day: a URL that passed is remembered, not
  // parsed, decoded and pattern-matched again on every request. A refused URL is not kept (its secret
  // is not ours to hold, and refusing it again is cheap).
  const passed = new BoundedMap<string, true>(REMEMBERED_URLS)
  const refusedIn = (request: FastifyRequest): readonly string[] => {
    const key = `${request.method} ${request.url}`
    if (passed.has(key)) return []
    const allowed = declared(request)
    const refused = [...new Set(queryParameters(request.url)
      .filter(({ name, value }) => (isCredentialName(name) && !allowed.has(name)) || looksLikeSecret(value))
      .map(({ name }) => name))]
    // a long URL is checked each time rather than kept: 1,024 of them must not cost megabytes
    if (refused.length === 0 && key.length <= REMEMBERED_URL_LENGTH) {
      passed.set(key, true)
    }
    return refused
  }
  app.addHook('onRequest', (request, reply, done) => {
    if (!request.url.includes('?') || !isApiPath(request.url.split('?')[0] ?? '')) {
      done()
      return
    }
    const refused = refusedIn(request)
    if (refused.length === 0) {
      done()
      return
    }
    sendProblem(request, reply, {
      status: 400,
      type: 'credentials-in-url',
      title: 'Credentials in the URL',
      detail: 'Credentials are not accepted in the URL: send the API key in the Authorization header ("Authorization: Bearer <token>"), and revoke a key that was sent in a URL.',
      errors: refused.map((name) => ({ name: `query.${name}`, reason: 'credentials belong in the Authorization header, not the query string' }))
    })
  })
}
