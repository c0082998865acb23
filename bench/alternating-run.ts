// The draft-churn rows' measurement: one load run cut into phases with writes on in every other one
// (alternation.ts says why). The runner switches the writes at each phase boundary; the load
// generator counts each response in the phase it completed in; the server's CPU time is read at
// every boundary and charged to that phase's side.
import type autocannon from 'autocannon'
import { countCpu, countResponse, countStatuses, phaseTally, runSeconds, sideFigures, sideSeconds, writesIn, type PhaseSide, type PhaseTally } from './alternation.js'
import { cpuPerResponse, fromWrk, launch, statusFailures, warmUp, type LoadSettings, type RunMeasurement } from './load.js'
import { processCpuSeconds } from './processes.js'
import type { LoadRequest } from './scenarios.js'
import { runWrk, type WrkFigures } from './wrk.js'

export interface Alternation {
  /** Whether the first phase writes; alternated by round so the run's start lands on both sides. */
  writesFirst: boolean
  startWrites (): void
  stopWrites (): void
  /** The server's pid: its CPU time is read at every phase boundary and charged to that phase's side. */
  serverPid?: number
  /** How many scenario lengths (`settings.durationSeconds`) the run lasts; 1 unless said (alternation.ts says why more). */
  lengths?: number
}

export interface AlternatingMeasurement {
  withWrites: RunMeasurement
  withoutWrites: RunMeasurement
}

interface WholeRun {
  errors: number
  timeouts: number
  /** wrk's percentiles of the whole run, which both sides carry; autocannon's runs have each response's time. */
  latencyMs?: RunMeasurement['latencyMs']
}

function sideMeasurement (tally: PhaseTally, side: PhaseSide, expectStatus: number, run: WholeRun): RunMeasurement {
  const { unexpected, non2xx } = statusFailures(side.statusCodes, expectStatus)
  const figures = sideFigures(tally, side)
  return {
    reqPerSec: figures.reqPerSec,
    latencyMs: run.latencyMs ?? figures.latencyMs,
    totalRequests: side.responses,
    durationSeconds: sideSeconds(tally),
    // a failed connection belongs to no phase; both sides carry the run's count, and any fails the row
    errors: run.errors,
    timeouts: run.timeouts,
    non2xx,
    unexpected,
    statusCodes: side.statusCodes,
    serverCpuMicrosPerResponse: cpuPerResponse(side.cpuSeconds, side.responses)
  }
}

/** Switches the writes at each phase boundary from `start()` on, reading the server's CPU at each. */
function phaseSwitcher (tally: PhaseTally, alternation: Alternation): { start (): void, finish (): void, stop (): void } {
  const cpu = (): number | null => alternation.serverPid !== undefined ? processCpuSeconds(alternation.serverPid) : null
  let writing = false
  let phase = 0
  let cpuAtPhaseStart: number | null = null
  let timers: NodeJS.Timeout[] = []
  const closePhase = (): void => {
    const now = cpu()
    countCpu(tally, phase, cpuAtPhaseStart === null || now === null ? null : now - cpuAtPhaseStart)
    cpuAtPhaseStart = now
  }
  const enter = (index: number): void => {
    if (index > 0) closePhase()
    phase = index
    const on = writesIn(tally, index)
    if (on && !writing) alternation.startWrites()
    if (!on && writing) alternation.stopWrites()
    writing = on
  }
  return {
    start () {
      cpuAtPhaseStart = cpu()
      enter(0)
      timers = Array.from({ length: tally.phases - 1 }, (_, index) => setTimeout(enter, (index + 1) * tally.phaseMs, index + 1))
    },
    /** The run ended: the last phase's CPU is charged. */
    finish: closePhase,
    stop () {
      timers.forEach(clearTimeout)
      if (writing) alternation.stopWrites()
      writing = false
    }
  }
}

async function autocannonPhases (baseUrl: string, requests: LoadRequest[], settings: LoadSettings, tally: PhaseTally, switcher: ReturnType<typeof phaseSwitcher>): Promise<WholeRun> {
  const instance = launch(baseUrl, requests, settings.connections, runSeconds(tally))
  const started = performance.now()
  instance.on('response', (_client: unknown, status: number, _bytes: number, latencyMs: number) => {
    countResponse(tally, performance.now() - started, status, latencyMs)
  })
  switcher.start()
  const run: autocannon.Result = await instance
  switcher.finish()
  return { errors: run.errors, timeouts: run.timeouts }
}

/**
 * wrk takes whole seconds and starts its clock after its own start-up, so the phases are a window
 * inside its run: phase 0 starts WRK_LEAD_MS after wrk is spawned, and wrk runs a second longer than
 * the phases. Responses outside the window count in no phase, and no phase is longer than the others.
 */
const WRK_LEAD_MS = 500

async function wrkPhases (baseUrl: string, requests: LoadRequest[], expectStatus: number, settings: LoadSettings, tally: PhaseTally, switcher: ReturnType<typeof phaseSwitcher>): Promise<WholeRun> {
  const startNs = process.hrtime.bigint() + BigInt(WRK_LEAD_MS * 1_000_000)
  const phases = { startNs, phaseMs: tally.phaseMs, count: tally.phases }
  const timers: NodeJS.Timeout[] = []
  let windowClosed = false
  timers.push(setTimeout(switcher.start, WRK_LEAD_MS))
  timers.push(setTimeout(() => {
    switcher.finish()
    switcher.stop()
    windowClosed = true
  }, WRK_LEAD_MS + runSeconds(tally) * 1000))
  let figures: WrkFigures
  try {
    figures = await runWrk(baseUrl, requests, settings.connections, runSeconds(tally) + 1, phases)
  } finally {
    timers.forEach(clearTimeout)
  }
  if (!windowClosed) throw new Error('wrk ended before the last phase did')
  if (figures.phases?.length !== tally.phases) throw new Error(`wrk counted ${figures.phases?.length ?? 'no'} phases, not ${tally.phases}`)
  figures.phases.forEach((statuses, index) => countStatuses(tally, index, statuses))
  const whole = fromWrk(figures, expectStatus)
  return { errors: whole.errors, timeouts: whole.timeouts, latencyMs: whole.latencyMs }
}

/**
 * A warm-up, then one run in alternating phases with writes on in every other one; both sides come
 * from the same run, so host drift between two runs does not enter their ratio. Under wrk the sides
 * get their own req/s and CPU per response but share the run's latency percentiles: wrk's histogram
 * covers the whole run, and its Lua hook sees a response's status, not its time.
 */
export async function measureAlternating (baseUrl: string, requests: LoadRequest[], expectStatus: number, settings: LoadSettings, alternation: Alternation): Promise<AlternatingMeasurement> {
  await warmUp(baseUrl, requests, expectStatus, settings)
  const tally = phaseTally(settings.durationSeconds, alternation.writesFirst, alternation.lengths)
  const switcher = phaseSwitcher(tally, alternation)
  let run: WholeRun
  try {
    run = settings.generator === 'wrk'
      ? await wrkPhases(baseUrl, requests, expectStatus, settings, tally, switcher)
      : await autocannonPhases(baseUrl, requests, settings, tally, switcher)
  } finally {
    switcher.stop()
  }
  return {
    withWrites: sideMeasurement(tally, tally.withWrites, expectStatus, run),
    withoutWrites: sideMeasurement(tally, tally.withoutWrites, expectStatus, run)
  }
}
