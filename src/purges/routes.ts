import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { authorize } from '../auth/permissions.js'
import type { PurgeConfig } from '../config.js'
import { problems } from '../schemas/common.js'
import type { Clock } from '../time.js'
import type { PurgeStore } from './store.js'
import type { PurgeWorker } from './worker.js'

const Instant = (description?: string) => Type.Union([Type.String({ format: 'date-time' }), Type.Null()], description !== undefined ? { description } : {})

export const PurgeTargetStatus = Type.Object({
  name: Type.String({ description: '`varnish:<url>`, `fastly:<service id>` or `cloudflare:<zone id>`' }),
  kind: Type.Union([Type.Literal('varnish'), Type.Literal('fastly'), Type.Literal('cloudflare'), Type.Literal('unconfigured')]),
  healthy: Type.Boolean({ description: 'Nothing failed and nothing has waited longer than a minute.' }),
  pending: Type.Integer({ description: 'Jobs due or being retried.' }),
  scheduled: Type.Integer({ description: 'Jobs waiting for a scheduled publication.' }),
  failed: Type.Integer({ description: 'Jobs given up after the last attempt; their responses stay stale until they expire.' }),
  oldestPendingAt: Instant(),
  maxAttempts: Type.Integer(),
  lastError: Type.Union([Type.String(), Type.Null()]),
  lastSuccessAt: Instant('In this process.'),
  lastFailureAt: Instant('In this process.')
}, { additionalProperties: false })

const PurgeStatus = Type.Object({
  data: Type.Object({
    worker: Type.Boolean({ description: 'Whether this process runs a purge worker (any process may; jobs are leased).' }),
    targets: Type.Array(PurgeTargetStatus)
  }, { additionalProperties: false })
}, { additionalProperties: false })

const iso = (at: number | null | undefined): string | null => at === null || at === undefined ? null : new Date(at).toISOString()
const STALE_AFTER_MS = 60_000

/** `GET /v1/purges/status`: the purge backlog per target, for admins and monitoring; `private, no-store`. */
export const purgeRoutes: FastifyPluginAsyncTypebox<{ store: PurgeStore, worker: PurgeWorker | null, config: PurgeConfig, clock: Clock }> = async (app, { store, worker, config, clock }) => {
  app.get('/purges/status', {
    schema: {
      tags: ['purges'], operationId: 'getPurgeStatus', summary: 'The state of cache purges per target',
      description: 'Needs `cache:manage` (admin keys). Jobs queued for a target no longer configured are listed as `unconfigured`.',
      querystring: Type.Object({}, { additionalProperties: false }),
      response: { 200: PurgeStatus, ...problems(400, 401, 403) }
    }
  }, async (request) => {
    authorize(request.principal, 'cache:manage')
    const now = clock().getTime()
    const { due, scheduled } = store.backlog(now)
    const byName = new Map(due.map((row) => [row.target, row]))
    const names = [...new Set([...config.targets.map((target) => target.name), ...byName.keys(), ...scheduled.keys()])]
    const targets = names.map((name) => {
      const row = byName.get(name)
      const seen = worker?.activity(name)
      const pending = row?.pending ?? 0
      const failed = row?.failed ?? 0
      const oldest = row?.oldestPendingAt ?? null
      return {
        name,
        kind: config.targets.find((target) => target.name === name)?.kind ?? 'unconfigured' as const,
        healthy: failed === 0 && (row?.maxAttempts ?? 0) === 0 && (oldest === null || now - oldest < STALE_AFTER_MS),
        pending,
        scheduled: scheduled.get(name) ?? 0,
        failed,
        oldestPendingAt: iso(oldest),
        maxAttempts: row?.maxAttempts ?? 0,
        lastError: row?.lastError ?? null,
        lastSuccessAt: iso(seen?.lastSuccessAt),
        lastFailureAt: iso(seen?.lastFailureAt)
      }
    })
    return { data: { worker: worker !== null, targets } }
  })
}
