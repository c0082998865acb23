import autocannon from 'autocannon'
import { countResponse, phaseTally, PHASES, sideFigures, writesIn, type PhaseSide, type PhaseTally } from './alternation.js'
import type { LoadRequest } from './scenarios.js'
import { runWrk, type WrkFigures } from './wrk.js'

/** autocannon (installed by npm ci) or wrk (Debian's, faster on large bodies: bench/wrk.ts). */
export type Generator = 'autocannon' | 'wrk'

export interface LoadSettings {
  connections: number
  durationSeconds: number
  warmupSeconds: number
  /** autocannon when absent. */
  generator?: Generator
}

export interface RunMeasurement {
  /** Mean of autocannon's per-second samples over the measured run; wrk's requests over its run's duration. */
  reqPerSec: number
  latencyMs: { p50: number, p90: number, p99: number, average: number, max: number }
  totalRequests: number
  durationSeconds: number
  /** Connection errors, timeouts included (autocannon counts a timeout as both). */
  errors: number
  timeouts: number
  non2xx: number
  /** Responses whose status was not the scenario's expected one: the failures that non2xx over-counts for 304 scenarios. */
  unexpected: number
  statusCodes: Record<string, number>
}

function toAutocannonRequests (requests: LoadRequest[]): autocannon.Request[] {
  return requests.map((request) => {
    const out: autocannon.Request = { method: request.method, path: request.path }
    if (request.headers !== undefined) out.headers = request.headers
    if (request.body !== undefined) out.body = request.body
    return out
  })
}

function launch (url: string, requests: LoadRequest[], connections: number, durationSeconds: number): autocannon.Instance {
  const prepared = toAutocannonRequests(requests)
  let nextClient = 0
  const options: autocannon.Options = { url, connections, duration: durationSeconds, requests: prepared }
  if (prepared.length > 1) {
    // Every connection walks the same list from the top; starting each at its own offset keeps the mix
    // even at every instant instead of 50 connections asking for the same slug together.
    options.setupClient = (client) => {
      const offset = nextClient++ % prepared.length
      client.setRequests([...prepared.slice(offset), ...prepared.slice(0, offset)].map((request) => ({ ...request })))
    }
  }
  return autocannon(options)
}

async function fire (url: string, requests: LoadRequest[], connections: number, durationSeconds: number): Promise<autocannon.Result> {
  return await launch(url, requests, connections, durationSeconds)
}

function fromAutocannon (result: autocannon.Result, expectStatus: number): RunMeasurement {
  const statusCodes: Record<string, number> = {}
  let unexpected = 0
  for (const [code, stat] of Object.entries(result.statusCodeStats)) {
    statusCodes[code] = stat.count
    if (Number(code) !== expectStatus) unexpected += stat.count
  }
  return {
    reqPerSec: result.requests.average,
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      average: result.latency.average,
      max: result.latency.max
    },
    totalRequests: result.requests.total,
    durationSeconds: result.duration,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    unexpected,
    statusCodes
  }
}

const fromMicros = (micros: number): number => Math.round(micros / 10) / 100

function fromWrk (figures: WrkFigures, expectStatus: number): RunMeasurement {
  let unexpected = 0
  let non2xx = 0
  for (const [code, count] of Object.entries(figures.statuses)) {
    if (Number(code) !== expectStatus) unexpected += count
    if (Number(code) < 200 || Number(code) > 299) non2xx += count
  }
  const { connect, read, write, timeout } = figures.errors
  return {
    reqPerSec: figures.requests / (figures.durationMicros / 1e6),
    latencyMs: {
      p50: fromMicros(figures.latency.p50),
      p90: fromMicros(figures.latency.p90),
      p99: fromMicros(figures.latency.p99),
      average: fromMicros(figures.latency.mean),
      max: fromMicros(figures.latency.max)
    },
    totalRequests: figures.requests,
    durationSeconds: figures.durationMicros / 1e6,
    // as autocannon counts them: connection errors with timeouts included
    errors: connect + read + write + timeout,
    timeouts: timeout,
    non2xx,
    unexpected,
    statusCodes: { ...figures.statuses }
  }
}

async function run (baseUrl: string, requests: LoadRequest[], expectStatus: number, settings: LoadSettings, seconds: number): Promise<RunMeasurement> {
  if (settings.generator === 'wrk') return fromWrk(await runWrk(baseUrl, requests, settings.connections, seconds), expectStatus)
  return fromAutocannon(await fire(baseUrl, requests, settings.connections, seconds), expectStatus)
}

/** A warm-up (JIT, SQLite page cache, connection setup) and then the run that counts; only the second is returned. */
export async function measure (baseUrl: string, requests: LoadRequest[], expectStatus: number, settings: LoadSettings, beforeRun?: () => void): Promise<RunMeasurement> {
  if (settings.warmupSeconds > 0) await run(baseUrl, requests, expectStatus, settings, settings.warmupSeconds)
  beforeRun?.()
  return await run(baseUrl, requests, expectStatus, settings, settings.durationSeconds)
}

export interface Alternation {
  /** Whether the first phase writes; alternated by round so the run's start lands on both sides. */
  writesFirst: boolean
  startWrites (): void
  stopWrites (): void
}

export interface AlternatingMeasurement {
  withWrites: RunMeasurement
  withoutWrites: RunMeasurement
}

function sideMeasurement (tally: PhaseTally, side: PhaseSide, expectStatus: number, run: autocannon.Result): RunMeasurement {
  let unexpected = 0
  let non2xx = 0
  for (const [code, count] of Object.entries(side.statusCodes)) {
    if (Number(code) !== expectStatus) unexpected += count
    if (Number(code) < 200 || Number(code) > 299) non2xx += count
  }
  return {
    ...sideFigures(tally, side),
    totalRequests: side.responses,
    durationSeconds: tally.phaseMs * PHASES / 2 / 1000,
    // a failed connection belongs to no phase; both sides carry the run's count, and any fails the row
    errors: run.errors,
    timeouts: run.timeouts,
    non2xx,
    unexpected,
    statusCodes: side.statusCodes
  }
}

/**
 * A warm-up, then one run in alternating phases (alternation.ts) with writes on in every other one;
 * both sides come from the same run, so host drift between two runs does not enter their ratio.
 * Always autocannon, whatever the settings say: the phases need each response's completion time,
 * which wrk only hands to a Lua hook per response.
 */
export async function measureAlternating (baseUrl: string, requests: LoadRequest[], expectStatus: number, settings: LoadSettings, alternation: Alternation): Promise<AlternatingMeasurement> {
  if (settings.warmupSeconds > 0) await fire(baseUrl, requests, settings.connections, settings.warmupSeconds)
  const tally = phaseTally(settings.durationSeconds, alternation.writesFirst)
  const instance = launch(baseUrl, requests, settings.connections, settings.durationSeconds)
  const started = performance.now()
  instance.on('response', (_client: unknown, status: number, _bytes: number, latencyMs: number) => {
    countResponse(tally, performance.now() - started, status, latencyMs)
  })
  let writing = false
  const enter = (index: number): void => {
    const on = writesIn(tally, index)
    if (on && !writing) alternation.startWrites()
    if (!on && writing) alternation.stopWrites()
    writing = on
  }
  enter(0)
  const timers = Array.from({ length: PHASES - 1 }, (_, index) => setTimeout(enter, (index + 1) * tally.phaseMs, index + 1))
  let run: autocannon.Result
  try {
    run = await instance
  } finally {
    timers.forEach(clearTimeout)
    if (writing) alternation.stopWrites()
  }
  return {
    withWrites: sideMeasurement(tally, tally.withWrites, expectStatus, run),
    withoutWrites: sideMeasurement(tally, tally.withoutWrites, expectStatus, run)
  }
}

export interface PreflightProblem {
  request: LoadRequest
  status: number
  body: string
}

/**
 * Sends each distinct request once before loading it: a broken contract then fails with the status and
 * problem body of one request instead of a count of a hundred thousand non-2xx responses.
 */
export async function preflight (baseUrl: string, requests: LoadRequest[], expectStatus: number): Promise<PreflightProblem | null> {
  const seen = new Set<string>()
  for (const request of requests) {
    const key = JSON.stringify(request)
    if (seen.has(key)) continue
    seen.add(key)
    const init: RequestInit = { method: request.method, signal: AbortSignal.timeout(30_000) }
    if (request.headers !== undefined) init.headers = request.headers
    if (request.body !== undefined) init.body = request.body
    const response = await fetch(baseUrl + request.path, init)
    const body = await response.text()
    if (response.status !== expectStatus) return { request, status: response.status, body: body.slice(0, 500) }
  }
  return null
}
