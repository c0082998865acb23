import autocannon from 'autocannon'
import { processCpuSeconds } from './processes.js'
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
  /**
   * The server's CPU time (user + system, all threads) over the measured run divided by its responses:
   * what a response costs the server. The host moves it too (a busy neighbour slows the core), so it
   * compares runs seconds apart. null when the server's pid was not given or /proc is missing.
   */
  serverCpuMicrosPerResponse: number | null
}

function toAutocannonRequests (requests: LoadRequest[]): autocannon.Request[] {
  return requests.map((request) => {
    const out: autocannon.Request = { method: request.method, path: request.path }
    if (request.headers !== undefined) out.headers = request.headers
    if (request.body !== undefined) out.body = request.body
    return out
  })
}

export function launch (url: string, requests: LoadRequest[], connections: number, durationSeconds: number): autocannon.Instance {
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
  for (const [code, stat] of Object.entries(result.statusCodeStats)) statusCodes[code] = stat.count
  // non2xx stays autocannon's own count (result.non2xx below)
  const { unexpected } = statusFailures(statusCodes, expectStatus)
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
    statusCodes,
    serverCpuMicrosPerResponse: null
  }
}

const fromMicros = (micros: number): number => Math.round(micros / 10) / 100

/** Responses other than the expected status, and those outside 2xx, from counts by status. */
export function statusFailures (statusCodes: Record<string, number>, expectStatus: number): { unexpected: number, non2xx: number } {
  let unexpected = 0
  let non2xx = 0
  for (const [code, count] of Object.entries(statusCodes)) {
    if (Number(code) !== expectStatus) unexpected += count
    if (Number(code) < 200 || Number(code) > 299) non2xx += count
  }
  return { unexpected, non2xx }
}

export function fromWrk (figures: WrkFigures, expectStatus: number): RunMeasurement {
  // a run that did not count statuses kept wrk's count of those ≥ 400: every scenario expects one below
  const rejected = figures.errors.status
  const { statusCodes, unexpected, non2xx } = figures.statuses !== null
    ? { statusCodes: figures.statuses, ...statusFailures(figures.statuses, expectStatus) }
    : { statusCodes: { '<400': figures.requests - rejected, '>=400': rejected }, unexpected: rejected, non2xx: rejected }
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
    statusCodes: { ...statusCodes },
    serverCpuMicrosPerResponse: null
  }
}

/** `countStatuses: false` only changes a wrk run (wrk.ts says why); autocannon counts them anyway. */
async function run (baseUrl: string, requests: LoadRequest[], expectStatus: number, settings: LoadSettings, seconds: number, countStatuses = true): Promise<RunMeasurement> {
  if (settings.generator === 'wrk') return fromWrk(await runWrk(baseUrl, requests, settings.connections, seconds, undefined, countStatuses), expectStatus)
  return fromAutocannon(await fire(baseUrl, requests, settings.connections, seconds), expectStatus)
}

/** JIT, SQLite page cache and connection setup before a run that counts; null without a warm-up. */
export async function warmUp (baseUrl: string, requests: LoadRequest[], expectStatus: number, settings: LoadSettings): Promise<RunMeasurement | null> {
  return settings.warmupSeconds > 0 ? await run(baseUrl, requests, expectStatus, settings, settings.warmupSeconds) : null
}

/** CPU seconds over responses, in µs; null when either reading is missing or nothing was answered. */
export function cpuPerResponse (cpuSeconds: number | null, responses: number): number | null {
  return cpuSeconds === null || responses === 0 ? null : Math.round(cpuSeconds * 1e6 / responses * 10) / 10
}

export interface MeasureOptions {
  /** Called right before the run that counts (after the warm-up). */
  beforeRun?: () => void
  /** The server's pid, to read its CPU time around the run that counts. */
  serverPid?: number
}

/**
 * A warm-up (JIT, SQLite page cache, connection setup) and then the run that counts; the second's
 * figures are returned. Under wrk the run that counts does not count each status, only those ≥ 400;
 * the warm-up, on the same requests seconds before, does, and its unexpected statuses are added in.
 */
export async function measure (baseUrl: string, requests: LoadRequest[], expectStatus: number, settings: LoadSettings, options: MeasureOptions = {}): Promise<RunMeasurement> {
  const warm = await warmUp(baseUrl, requests, expectStatus, settings)
  options.beforeRun?.()
  const cpuBefore = options.serverPid !== undefined ? processCpuSeconds(options.serverPid) : null
  const measured = await run(baseUrl, requests, expectStatus, settings, settings.durationSeconds, false)
  const cpuAfter = options.serverPid !== undefined ? processCpuSeconds(options.serverPid) : null
  const cpuSeconds = cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : null
  const warmUnexpected = settings.generator === 'wrk' ? warm?.unexpected ?? 0 : 0
  return { ...measured, unexpected: measured.unexpected + warmUnexpected, serverCpuMicrosPerResponse: cpuPerResponse(cpuSeconds, measured.totalRequests) }
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
