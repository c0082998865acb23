import helmet from '@fastify/helmet'
import type { FastifyInstance, FastifyRequest } from 'fastify'

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
 * Baseline headers for an API (helmet): nosniff, no referrer, no framing, HSTS only when
 * configured (it binds browsers to https for a long time, so it is the operator's decision).
 * Cross-Origin-Resource-Policy is cross-origin on purpose: other sites' frontends are meant to
 * load this API's responses (CORS governs what their scripts may read).
 */
export async function registerSecurityHeaders (app: FastifyInstance, { hstsMaxAge }: { hstsMaxAge: number }): Promise<void> {
  await app.register(helmet, {
    global: true,
    // one policy for the API, another for the two HTML pages: set per route below
    contentSecurityPolicy: false,
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: hstsMaxAge > 0 ? { maxAge: hstsMaxAge, includeSubDomains: false } : false,
    xFrameOptions: { action: 'deny' }
  })
  app.addHook('onRequest', async (request, reply) => {
    reply.header('content-security-policy', isDocsPage(request) ? DOCS_CSP : API_CSP)
  })
}
