import type { PurgeTarget } from '../config.js'

/** Keys per request: Fastly takes 256 per batch purge, Cloudflare 30 tags per call; Varnish is bounded by its 8 KB header line. */
const keysPerRequest: Record<PurgeTarget['kind'], number> = { varnish: 200, fastly: 256, cloudflare: 30 }

export interface PurgeRequest { url: string, method: string, headers: Record<string, string>, body?: string }

/**
 * The HTTP requests that purge `keys` at a target:
 * - Varnish (deploy/varnish/default.vcl): `PURGE /` with `xkey-softpurge` (or `xkey-purge`), the
 *   keys space-separated; the VCL answers 200 with the number of objects it purged.
 * - Fastly: `POST /service/{id}/purge` with `Surrogate-Key` (batch purge), `Fastly-Soft-Purge: 1` when soft.
 * - Cloudflare: `POST /zones/{zone}/purge_cache` with `{ "tags": [...] }`.
 */
export function purgeRequests (target: PurgeTarget, keys: readonly string[]): PurgeRequest[] {
  const requests: PurgeRequest[] = []
  const size = keysPerRequest[target.kind]
  for (let i = 0; i < keys.length; i += size) {
    const chunk = keys.slice(i, i + size)
    switch (target.kind) {
      case 'varnish':
        requests.push({ url: `${target.url}/`, method: 'PURGE', headers: { [target.soft ? 'xkey-softpurge' : 'xkey-purge']: chunk.join(' ') } })
        break
      case 'fastly':
        requests.push({
          url: `${target.apiUrl}/service/${encodeURIComponent(target.serviceId)}/purge`,
          method: 'POST',
          headers: { 'fastly-key': target.token, 'surrogate-key': chunk.join(' '), accept: 'application/json', ...(target.soft ? { 'fastly-soft-purge': '1' } : {}) }
        })
        break
      case 'cloudflare':
        requests.push({
          url: `${target.apiUrl}/zones/${encodeURIComponent(target.zoneId)}/purge_cache`,
          method: 'POST',
          headers: { authorization: `Bearer ${target.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ tags: chunk })
        })
        break
    }
  }
  return requests
}

/**
 * Sends every request for `keys`; the first failure stops the rest and is returned as a short
 * message that names the status or the network error — never the token or the URL's credentials.
 */
export async function sendPurge (target: PurgeTarget, keys: readonly string[], { timeoutMs, signal }: { timeoutMs: number, signal: AbortSignal }): Promise<string | null> {
  for (const request of purgeRequests(target, keys)) {
    try {
      const response = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        ...(request.body !== undefined ? { body: request.body } : {}),
        signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
        redirect: 'manual'
      })
      await response.arrayBuffer().catch(() => undefined)
      if (!response.ok) return `HTTP ${response.status}`
    } catch (error) {
      if (signal.aborted) return 'interrupted by shutdown'
      const cause = (error as { cause?: { code?: unknown } }).cause
      if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `no answer within ${timeoutMs} ms`
      return typeof cause?.code === 'string' ? `network error ${cause.code}` : 'network error'
    }
  }
  return null
}
