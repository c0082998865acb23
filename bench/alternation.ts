// One load run cut into alternating phases, writes on in every other one. A paired run (the same
// reads without writes, measured right before or after) still sees the host drift between the two
// runs: on a shared 2-core machine back-to-back runs of identical reads differ by up to 1.4×, far
// more than two draft saves a second cost (about 1 % of the server's core). Phases of a second,
// interleaved within one run, put drift on both sides alike; each response is counted in the phase
// in which it completed.
//
// Interleaving cancels drift slower than a phase, not the host's second-to-second jitter: with no
// writes at all (both sides identical), one 10 s run's two sides differed by up to 11 % on this
// 2-core host, and the median of six such runs by 6 %; four 30 s runs still spread from 0.90 to 1.09.
// Measured time is the one lever left, so the session runs the draft-churn rows several scenario
// lengths long (session.ts) and the reference run takes five rounds (BENCHMARKS.md).

/** Phases per scenario length: even, so both sides get the same time; ten makes 1 s phases in a 10 s run. */
export const PHASES = 10

export interface PhaseSide {
  responses: number
  /** Response times in ms, as the load generator reports them. */
  latencies: number[]
  statusCodes: Record<string, number>
  /** The server's CPU time in this side's phases, in seconds; null once any phase's reading was missing. */
  cpuSeconds: number | null
}

export interface PhaseTally {
  phaseMs: number
  /** Phases in the run: PHASES for each scenario length it lasts. */
  phases: number
  writesFirst: boolean
  withWrites: PhaseSide
  withoutWrites: PhaseSide
}

/** A run of `lengths` scenario lengths of `durationSeconds` each, in phases of a tenth of one. */
export function phaseTally (durationSeconds: number, writesFirst: boolean, lengths = 1): PhaseTally {
  if (!Number.isInteger(lengths) || lengths < 1) throw new Error(`an alternating run lasts a whole number of scenario lengths, not ${lengths}`)
  const side = (): PhaseSide => ({ responses: 0, latencies: [], statusCodes: {}, cpuSeconds: 0 })
  return { phaseMs: durationSeconds * 1000 / PHASES, phases: PHASES * lengths, writesFirst, withWrites: side(), withoutWrites: side() }
}

/** The seconds the phases last, end to end. */
export const runSeconds = (tally: PhaseTally): number => tally.phaseMs * tally.phases / 1000

/** The seconds each side was measured: half the run. */
export const sideSeconds = (tally: PhaseTally): number => runSeconds(tally) / 2

/** Whether phase `index` (from 0) is one with writes. */
export function writesIn (tally: PhaseTally, index: number): boolean {
  return (index % 2 === 0) === tally.writesFirst
}

/** The side phase `index` belongs to. */
function sideAt (tally: PhaseTally, index: number): PhaseSide {
  return writesIn(tally, index) ? tally.withWrites : tally.withoutWrites
}

/** Counts a response that completed `elapsedMs` after the run started; late ones count in the last phase. */
export function countResponse (tally: PhaseTally, elapsedMs: number, status: number, latencyMs: number): void {
  const index = Math.min(tally.phases - 1, Math.max(0, Math.floor(elapsedMs / tally.phaseMs)))
  const side = sideAt(tally, index)
  side.responses++
  side.latencies.push(latencyMs)
  side.statusCodes[status] = (side.statusCodes[status] ?? 0) + 1
}

/** Charges the server's CPU time over phase `index` to its side; an unknown reading makes the side's total unknown. */
export function countCpu (tally: PhaseTally, index: number, seconds: number | null): void {
  const side = sideAt(tally, index)
  side.cpuSeconds = side.cpuSeconds === null || seconds === null ? null : side.cpuSeconds + seconds
}

/** Adds one phase's statuses as wrk's script counted them (wrk gives no time per response). */
export function countStatuses (tally: PhaseTally, index: number, statusCodes: Record<string, number>): void {
  const side = sideAt(tally, index)
  for (const [status, count] of Object.entries(statusCodes)) {
    side.responses += count
    side.statusCodes[status] = (side.statusCodes[status] ?? 0) + count
  }
}

export interface SideFigures {
  reqPerSec: number
  latencyMs: { p50: number, p90: number, p99: number, average: number, max: number }
}

/** Nearest-rank percentile of sorted values. */
function percentile (sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))]!
}

const twoDecimals = (value: number): number => Math.round(value * 100) / 100

export function sideFigures (tally: PhaseTally, side: PhaseSide): SideFigures {
  const sorted = Float64Array.from(side.latencies).sort()
  const sum = sorted.reduce((total, value) => total + value, 0)
  return {
    reqPerSec: side.responses / sideSeconds(tally),
    latencyMs: {
      p50: twoDecimals(percentile(sorted, 0.5)),
      p90: twoDecimals(percentile(sorted, 0.9)),
      p99: twoDecimals(percentile(sorted, 0.99)),
      average: twoDecimals(sorted.length > 0 ? sum / sorted.length : 0),
      max: twoDecimals(sorted.length > 0 ? sorted[sorted.length - 1]! : 0)
    }
  }
}
