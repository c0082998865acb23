import type { IncomingMessage, ServerResponse } from 'node:http'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import helmet, { type HelmetOptions } from 'helmet'

/**
 * What an API response may make a browser do: nothing. It is data, never a document to render,
 * frame or run scripts from.
 */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

/**
 * The two HTML pages (Swagger UI at /docs, GraphiQL at /graphiql) load their scripts, styles,
 * fonts and images from this server only (both bundles are served from its own node_modules), run
 * no inline script, and set inline styles as they render. Nothing is fetched from elsewhere, so
 * both work offline.
 */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'"
].join('; ')

const isDocsPage = (request: FastifyRequest): boolean => {
  const route = request.routeOptions.url
  return route !== undefined && /^\/(docs|graphiql)(\/|$)/.test(route)
}

/**
 * The headers helmet sets for these options. Every one of them is constant, so helmet runs once
 * here instead of its chain of middlewares on every request.
 */
export function helmetHeaders (options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {}
  const response = {
    setHeader (name: string, value: string | number | readonly string[]) { headers[name.toLowerCase()] = String(value) },
    removeHeader (name: string) { headers[name.toLowerCase()] = '' }
  }
  let finished = false
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, () => { finished = true })
  // helmet's middleware is synchronous; if a release ever made it otherwise, these headers would be incomplete
  if (!finished) throw new Error('helmet did not finish synchronously')
  for (const [name, value] of Object.entries(headers)) if (value === '') Reflect.deleteProperty(headers, name)
  return headers
}

/**
 * Baseline headers for an API (helmet): nosniff, no referrer, no framing, HSTS only when
 * configured (it binds browsers to https for a long time, so it is the operator's decision).
 * Cross-Origin-Resource-Policy is cross-origin on purpose: other sites' frontends are meant to
 * load this API's responses (CORS governs what their scripts may read).
 */
export async function registerSecurityHeaders (app: FastifyInstance, { hstsMaxAge }: { hstsMaxAge: number }): Promise<void> {
  const baseline = helmetHeaders({
    // one policy for the API, another for the two HTML pages: added below
    contentSecurityPolicy: false,
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: hstsMaxAge > 0 ? { maxAge: hstsMaxAge, includeSubDomains: false } : false,
    xFrameOptions: { action: 'deny' }
  })
  const api = Object.freeze({ ...baseline, 'content-security-policy': API_CSP })
  const docs = Object.freeze({ ...baseline, 'content-security-policy': DOCS_CSP })
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(isDocsPage(request) ? docs : api)
    done()
  })
}
