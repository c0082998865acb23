import type { FastifyInstance, FastifyServerOptions } from 'fastify'
import { setTimeout as sleep } from 'node:timers/promises'
import { sendProblem } from './problem.js'

/** Seconds a client turned away during shutdown should wait (another instance is usually there already). */
const DRAINING_RETRY_AFTER_SECONDS = 5
const POLL_MS = 50

/**
 * Fastify's own shutdown path is replaced: its 503 is not a problem document, and node's
 * `server.close()` destroys idle keep-alive connections at once, so a client that sends on one at
 * that moment gets a connection reset. See registerDrain.
 */
export const drainOptions = { return503OnClosing: false, forceCloseConnections: false } satisfies Pick<FastifyServerOptions, 'return503OnClosing' | 'forceCloseConnections'>

/**
 * Closing drains instead of cutting (docs/security.md, Shutdown). While the listener stays open
 * for up to the keep-alive limit (plus a second): requests already running finish and their
 * responses say `Connection: close`; any new request, on a new or a kept-alive connection, is a
 * 503 problem with `Connection: close` and Retry-After; idle keep-alive connections run into their
 * own keep-alive limit, which clients expect. Once no connection is left (or the time is up) the
 * listener closes. The probes keep answering, readiness with 503, so the load balancer stops
 * sending traffic. Returns whether the app is draining, for readiness.
 */
export function registerDrain (app: FastifyInstance, { keepAliveTimeoutMs }: { keepAliveTimeoutMs: number }): () => boolean {
  let draining = false

  app.addHook('preClose', async () => {
    draining = true
    if (!app.server.listening) return
    const deadline = Date.now() + keepAliveTimeoutMs + 1000
    while (Date.now() < deadline) {
      const open = await new Promise<number>((resolve) => { app.server.getConnections((error, count) => { resolve(error === null ? count : 0) }) })
      if (open === 0) return
      await sleep(POLL_MS)
    }
  })
  app.addHook('onRequest', (request, reply, done) => {
    if (!draining) {
      done()
      return
    }
    reply.header('connection', 'close')
    if (request.routeOptions.url?.startsWith('/health/') === true) {
      done()
      return
    }
    reply.header('retry-after', String(DRAINING_RETRY_AFTER_SECONDS))
    return sendProblem(request, reply, { status: 503, type: 'shutting-down', title: 'Service Unavailable', detail: 'The server is shutting down. Retry the request; another instance will answer it.' })
  })
  // requests that were running when the drain began: their connection closes after the response
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (draining) reply.header('connection', 'close')
    done(null, payload)
  })
  return () => draining
}
