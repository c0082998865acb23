import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { statSync } from 'node:fs'
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'
import { ForbiddenError, UnauthenticatedError } from '../errors.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** The Prometheus exposition of this app's registry: served at /metrics, and on METRICS_PORT by server.ts. */
    metrics: { contentType: string, render: () => Promise<string> }
  }
}

export interface MetricsOptions {
  /** The SQLite file; its size and its -wal file's size are reported (absent files count as 0). */
  databasePath: string
  /** Webhook deliveries per status: pending is the queue depth, failed those that gave up. */
  webhookDeliveries: () => Record<string, number>
}

const fileSize = (path: string): number => {
  try {
    return statSync(path).size
  } catch {
    return 0
  }
}

// the route template, so /v1/articles/1 and /v1/articles/2 are one series; unmatched URLs are one label
const routeOf = (request: FastifyRequest): string => request.routeOptions.url ?? 'unmatched'

/** What other parts of the edge report to the registry. */
export interface MetricsRecorder {
  /** The response cache compressed an entry's body for a coding: once per entry and coding, never per hit. */
  cacheCompressed: (coding: string) => void
}

/**
 * Prometheus metrics (prom-client), one registry per app so tests build isolated apps. Cheap by
 * construction: counters move in an onResponse hook; the gauges that need I/O (file sizes, one
 * grouped COUNT over an indexed column) are read only when scraped.
 *
 * Search index lag is not reported: the FTS index is written by triggers in the same transaction as
 * the content, so it never lags.
 */
export function registerMetrics (app: FastifyInstance, options: MetricsOptions): MetricsRecorder {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'quire_' })
  const labelNames = ['method', 'route', 'status'] as const
  const requests = new Counter({ name: 'quire_http_requests_total', help: 'HTTP requests answered, by method, route template and status', labelNames, registers: [registry] })
  const duration = new Histogram({
    name: 'quire_http_request_duration_seconds',
    help: 'Time from request to response, by method, route template and status',
    labelNames,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry]
  })
  const cache = new Counter({
    name: 'quire_http_cache_total',
    help: 'Public GETs by outcome: hit (replayed from the response cache), miss (rendered and stored), not_modified (304). Hit ratio: hit / (hit + miss)',
    labelNames: ['result'],
    registers: [registry]
  })
  const compressions = new Counter({
    name: 'quire_http_cache_compressions_total',
    help: 'Cached bodies compressed for a content coding: once per entry and coding, and every later hit in that coding reuses the copy. Growing with hits means copies are evicted and made again (raise RESPONSE_CACHE_MB)',
    labelNames: ['coding'],
    registers: [registry]
  })
  const refusals = new Counter({ name: 'quire_http_refusals_total', help: 'Requests refused by the edge: rate_limited (429) and unavailable (503 with Retry-After: load shedding, storage, shutdown)', labelNames: ['reason'], registers: [registry] })
  new Gauge({ name: 'quire_sqlite_database_bytes', help: 'Size of the SQLite database file', registers: [registry], collect () { this.set(fileSize(options.databasePath)) } })
  new Gauge({ name: 'quire_sqlite_wal_bytes', help: 'Size of the SQLite write-ahead log (it shrinks at checkpoints)', registers: [registry], collect () { this.set(fileSize(`${options.databasePath}-wal`)) } })
  new Gauge({
    name: 'quire_webhook_deliveries',
    help: 'Webhook deliveries by status: pending is the queue depth, failed those that exhausted their attempts',
    labelNames: ['status'],
    registers: [registry],
    collect () {
      for (const [status, count] of Object.entries(options.webhookDeliveries())) this.set({ status }, count)
    }
  })

  // the bound series of each method, route and status, built once rather than a label object per
  // response (prom-client still hashes the labels on every inc and observe). Bounded by the routes ×
  // methods × statuses.
  const series = new Map<string, { requests: ReturnType<typeof requests.labels>, duration: ReturnType<typeof duration.labels> }>()
  const seriesOf = (method: string, route: string, status: number): NonNullable<ReturnType<typeof series.get>> => {
    const key = `${method} ${status} ${route}`
    let found = series.get(key)
    if (found === undefined) {
      const labels = { method, route, status: String(status) }
      series.set(key, found = { requests: requests.labels(labels), duration: duration.labels(labels) })
    }
    return found
  }

  app.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done) => {
    const { requests: answered, duration: took } = seriesOf(request.method, routeOf(request), reply.statusCode)
    answered.inc()
    took.observe(reply.elapsedTime / 1000)
    const cached = reply.getHeader('x-cache')
    if (reply.statusCode === 304) cache.inc({ result: 'not_modified' })
    else if (cached === 'HIT') cache.inc({ result: 'hit' })
    else if (cached === 'MISS') cache.inc({ result: 'miss' })
    if (reply.statusCode === 429) refusals.inc({ reason: 'rate_limited' })
    else if (reply.statusCode === 503 && reply.getHeader('retry-after') !== undefined) refusals.inc({ reason: 'unavailable' })
    done()
  })

  app.decorate('metrics', { contentType: registry.contentType, render: async () => await registry.metrics() })
  return { cacheCompressed: (coding) => { compressions.inc({ coding }) } }
}

/**
 * `GET /metrics` on the API port, after the problem handlers so refusals are problem+json.
 * Operational data (traffic, sizes, queue depths) is for operators: an admin key is needed.
 */
export function registerMetricsRoute (app: FastifyInstance): void {
  app.get('/metrics', { schema: { hide: true }, config: { uncached: true } }, async (request, reply) => {
    if (request.principal === null) throw new UnauthenticatedError('/metrics needs an admin API key (or set METRICS_PORT to serve it on an internal port).')
    if (request.principal.role !== 'admin') throw new ForbiddenError('/metrics needs an admin API key.')
    return reply.type(app.metrics.contentType).header('cache-control', 'no-store').send(await app.metrics.render())
  })
}
