// Writes while a scenario is measured, as a newsroom makes them: an editor's autosave of a draft
// (invisible to readers) twice a second, or an edit of a published article every 5 s. Sent over
// Quire's HTTP API with an editor key from this (the load generator's) process, so they take the
// same path as real writes, webhooks, purges and cache invalidation included.
import type { ChurnKind } from './scenarios.js'

export interface ChurnTarget {
  baseUrl: string
  token: string
  /** A draft of edition en created for the benchmark. */
  draftId: number
  /** The newest published article of edition en: first of the list, first slug of the by-slug rotation. */
  publishedId: number
}

export interface ChurnStats {
  writes: number
  /** Writes that did not answer 200: a churn scenario with failed writes measured nothing. */
  failed: number
  lastProblem: string | null
}

export const CHURN_INTERVAL_MS: Record<ChurnKind, number> = { draft: 500, publish: 5000 }

export interface Churn {
  stop (): Promise<ChurnStats>
}

/** Starts writing at once (t = 0 of the measured run), then every interval; stop() waits for the write in flight. */
export function startChurn (kind: ChurnKind, target: ChurnTarget): Churn {
  const stats: ChurnStats = { writes: 0, failed: 0, lastProblem: null }
  const id = kind === 'draft' ? target.draftId : target.publishedId
  let inFlight: Promise<void> = Promise.resolve()
  let sequence = 0
  const write = async (): Promise<void> => {
    sequence++
    try {
      const response = await fetch(`${target.baseUrl}/v1/articles/${id}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${target.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ body: `<p>Benchmark ${kind} edit ${sequence} at ${new Date().toISOString()}.</p><p>${'Text of the article. '.repeat(40)}</p>` }),
        signal: AbortSignal.timeout(10_000)
      })
      const text = await response.text()
      stats.writes++
      if (response.status !== 200) {
        stats.failed++
        stats.lastProblem = `PATCH /v1/articles/${id} → ${response.status} ${text.slice(0, 200)}`
      }
    } catch (error) {
      stats.writes++
      stats.failed++
      stats.lastProblem = `PATCH /v1/articles/${id}: ${(error as Error).message}`
    }
  }
  const tick = (): void => {
    // a slow write is not overlapped by the next one: an editor's autosave waits for the previous save
    inFlight = inFlight.then(write)
  }
  tick()
  const timer = setInterval(tick, CHURN_INTERVAL_MS[kind])
  return {
    async stop () {
      clearInterval(timer)
      await inFlight
      return stats
    }
  }
}

/** Writes switched on and off by phase (load.ts measureAlternating); finish() waits for the last write and adds them up. */
export interface SwitchedChurn {
  start (): void
  stop (): void
  finish (): Promise<ChurnStats>
}

export function switchedChurn (kind: ChurnKind, target: ChurnTarget): SwitchedChurn {
  const stopping: Array<Promise<ChurnStats>> = []
  let current: Churn | null = null
  const stop = (): void => {
    if (current !== null) stopping.push(current.stop())
    current = null
  }
  return {
    start () {
      stop()
      current = startChurn(kind, target)
    },
    stop,
    async finish () {
      stop()
      const parts = await Promise.all(stopping)
      return parts.reduce((sum, part) => ({
        writes: sum.writes + part.writes,
        failed: sum.failed + part.failed,
        lastProblem: part.lastProblem ?? sum.lastProblem
      }), { writes: 0, failed: 0, lastProblem: null })
    }
  }
}

interface Created {
  status: number
  json: unknown
}

/** The editor's draft the `draft` churn saves, created through the API like any other draft. */
export async function createDraft (baseUrl: string, token: string): Promise<number> {
  const response = await fetch(`${baseUrl}/v1/articles`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ edition: 'en', title: 'Benchmark autosave draft', body: '<p>First version.</p>' }),
    signal: AbortSignal.timeout(30_000)
  })
  const created: Created = { status: response.status, json: await response.json().catch(() => null) }
  const data = typeof created.json === 'object' && created.json !== null ? (created.json as { data?: { id?: unknown } }).data : undefined
  if (created.status !== 201 || typeof data?.id !== 'number') {
    throw new Error(`creating the churn draft answered ${created.status} ${JSON.stringify(created.json).slice(0, 300)}`)
  }
  return data.id
}
