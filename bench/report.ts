import type { LoadRequest } from './scenarios.js'
import type { RunMeasurement } from './load.js'

export type Outcome = 'ok' | 'failed' | 'skipped' | 'not-available' | 'disabled'

export interface RunRecord extends RunMeasurement {
  round: number
  /** VmRSS of the server process right after this run. */
  serverRssMB: number | null
  /**
   * CPU time the hypervisor gave to other guests while this row ran (its control run included), as a
   * share of the machine's CPU time: the host's noise, measured. null for control runs (their row's
   * reading covers them) and where /proc/stat is missing.
   */
  hostStealPercent: number | null
}

export interface Summary {
  reqPerSec: number
  p50Ms: number
  p99Ms: number
  errors: number
  timeouts: number
  non2xx: number
  unexpected: number
  /** errors + unexpected statuses: what makes the benchmark exit 1. */
  failures: number
  rssMaxMB: number | null
  /** The largest host steal of any run of the row: where it is high, the row measured the host. */
  stealMaxPercent: number | null
  /** Median over runs of the server's CPU time per response, in µs (load.ts); null where it was not read. */
  cpuMicrosPerResponse: number | null
  /** Median req/s of this scenario over median req/s of hello-world measured in the same session. */
  ratioToHelloWorld: number | null
  /** Median over rounds of this scenario's req/s over its same-data baseline's req/s in the same round. */
  ratioToSameData: number | null
  /**
   * The same per-round median against `reference` (the REST list for GraphQL, the cached path for
   * uncached rows) or, for a churn row, against its control run: the same reads without writes.
   */
  ratioToReference: number | null
  /**
   * The per-round median of this row's server CPU per response over its reference's (control runs for
   * a churn row): above 1, a response cost the server more.
   */
  cpuRatioToReference: number | null
}

export interface ScenarioResult {
  name: string
  describe: string
  expectStatus: number
  outcome: Outcome
  reason?: string
  note?: string
  requestCount: number
  /** The first few requests, enough to reproduce the scenario with curl. */
  sampleRequests: LoadRequest[]
  runs: RunRecord[]
  summary: Summary | null
  /** Name of the same-data row measured for this scenario. */
  sameData?: string
  reference?: string
  /**
   * Churn rows only: the same reads on the same server without writes, one per round; `control`
   * says how: the phases without writes of the churn run itself (draft saves), or a whole run
   * measured back to back with it (published edits).
   */
  controlRuns?: RunRecord[]
  control?: 'alternating' | 'paired'
}

export interface Session {
  /** null for --baseline-only, where no Quire server runs. */
  articles: number | null
  seedSeconds: number | null
  databaseBytes: number | null
  helloWorld: ScenarioResult
  scenarios: ScenarioResult[]
}

export interface GrowthRow {
  scenario: string
  articles: number[]
  reqPerSec: Array<number | null>
  p99Ms: Array<number | null>
  /** req/s at the largest count over req/s at the smallest (10k): below 1 means slower as the archive grows. */
  reqPerSecRatio: number | null
  /** The same ratio taken on each session's × hello-world figure: cancels machine drift between sessions. */
  normalizedRatio: number | null
  p99Ratio: number | null
}

export function median (values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  if (sorted.length === 0) return Number.NaN
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

export function summarize (runs: RunRecord[]): Summary | null {
  if (runs.length === 0) return null
  const sum = (pick: (run: RunRecord) => number): number => runs.reduce((total, run) => total + pick(run), 0)
  const rss = runs.map((run) => run.serverRssMB).filter((value): value is number => value !== null)
  const steal = runs.map((run) => run.hostStealPercent).filter((value): value is number => value !== null)
  const cpu = runs.map((run) => run.serverCpuMicrosPerResponse).filter((value): value is number => value !== null)
  const errors = sum((run) => run.errors)
  const unexpected = sum((run) => run.unexpected)
  return {
    reqPerSec: median(runs.map((run) => run.reqPerSec)),
    p50Ms: median(runs.map((run) => run.latencyMs.p50)),
    p99Ms: median(runs.map((run) => run.latencyMs.p99)),
    errors,
    timeouts: sum((run) => run.timeouts),
    non2xx: sum((run) => run.non2xx),
    unexpected,
    failures: errors + unexpected,
    rssMaxMB: rss.length > 0 ? Math.max(...rss) : null,
    stealMaxPercent: steal.length > 0 ? Math.max(...steal) : null,
    cpuMicrosPerResponse: cpu.length > 0 ? median(cpu) : null,
    ratioToHelloWorld: null,
    ratioToSameData: null,
    ratioToReference: null,
    cpuRatioToReference: null
  }
}

/** Median of per-round ratios of `pick` (req/s unless told): both sides of each ratio saw the same machine state. */
export function roundRatio (runs: RunRecord[], against: RunRecord[], pick: (run: RunRecord) => number | null = (run) => run.reqPerSec): number | null {
  const ratios = runs.flatMap((run) => {
    const other = against.find((candidate) => candidate.round === run.round)
    const mine = pick(run)
    const theirs = other !== undefined ? pick(other) : null
    return mine !== null && theirs !== null && theirs > 0 ? [mine / theirs] : []
  })
  return ratios.length > 0 ? median(ratios) : null
}

export function applyRatios (session: Session): void {
  const ceiling = session.helloWorld.summary?.reqPerSec
  for (const scenario of session.scenarios) {
    if (scenario.summary !== null && ceiling !== undefined && ceiling > 0) {
      scenario.summary.ratioToHelloWorld = scenario.summary.reqPerSec / ceiling
    }
  }
  if (session.helloWorld.summary !== null) session.helloWorld.summary.ratioToHelloWorld = 1
  const byName = new Map(session.scenarios.map((scenario) => [scenario.name, scenario]))
  for (const scenario of session.scenarios) {
    if (scenario.summary === null) continue
    const sameData = scenario.sameData !== undefined ? byName.get(scenario.sameData) : undefined
    if (sameData !== undefined) scenario.summary.ratioToSameData = roundRatio(scenario.runs, sameData.runs)
    const reference = scenario.controlRuns ?? (scenario.reference !== undefined ? byName.get(scenario.reference)?.runs : undefined)
    if (reference !== undefined) {
      scenario.summary.ratioToReference = roundRatio(scenario.runs, reference)
      scenario.summary.cpuRatioToReference = roundRatio(scenario.runs, reference, (run) => run.serverCpuMicrosPerResponse)
    }
  }
}

export function hasFailures (session: Session): boolean {
  return [session.helloWorld, ...session.scenarios].some((scenario) => scenario.outcome === 'failed')
}

const fixed = (value: number | null | undefined, digits: number): string =>
  value === null || value === undefined || Number.isNaN(value) ? '—' : value.toFixed(digits)

const thousands = (value: number): string => Math.round(value).toLocaleString('en-US')

function formatTable (header: string[], rows: string[][], rightAligned: Set<number>): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)))
  const line = (cells: string[]): string => cells
    .map((cell, column) => rightAligned.has(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))
    .join(' | ')
    .trimEnd()
  return [line(header), widths.map((width) => '-'.repeat(width)).join('-|-'), ...rows.map(line)].join('\n')
}

function failureCell (scenario: ScenarioResult): string {
  const summary = scenario.summary
  if (summary === null) return '—'
  return `${summary.errors}/${summary.unexpected}`
}

function noteCell (scenario: ScenarioResult): string {
  switch (scenario.outcome) {
    case 'ok': {
      const parts = [scenario.note]
      if (scenario.expectStatus !== 200) parts.push(`${scenario.expectStatus} counted as success`)
      return parts.filter((part) => part !== undefined).join('; ')
    }
    case 'failed': return `FAILED: ${scenario.reason ?? ''}`.split('\n')[0]!.slice(0, 160)
    case 'skipped': return `skipped (${scenario.reason ?? ''})`
    case 'not-available': return `not available (${scenario.reason ?? ''})`
    case 'disabled': return `disabled: ${scenario.reason ?? ''}`
  }
}

/** What the × reference figure compares with: no churn, the cached path, or the REST list. */
function referenceLabel (scenario: ScenarioResult): string {
  if (scenario.controlRuns !== undefined) return scenario.control === 'alternating' ? 'no churn, alternating phases' : 'no churn, paired'
  return `(${scenario.reference ?? ''})`
}

function referenceCell (scenario: ScenarioResult, summary: Summary): string {
  const cpu = summary.cpuRatioToReference !== null ? `; server CPU/resp ×${fixed(summary.cpuRatioToReference, 2)}` : ''
  return `${fixed(summary.ratioToReference, 3)} ${referenceLabel(scenario)}${cpu}`
}

export function sessionTable (session: Session): string {
  const header = ['scenario', 'req/s (median)', 'p50 ms', 'p99 ms', 'errors/non-2xx', 'RSS MB', 'steal % (max)', 'server µs/resp', '× hello-world', '× same-data', '× reference', 'note']
  const rows = [session.helloWorld, ...session.scenarios].map((scenario) => {
    const summary = scenario.summary
    return [
      scenario.name,
      summary !== null ? thousands(summary.reqPerSec) : '—',
      fixed(summary?.p50Ms, 1),
      fixed(summary?.p99Ms, 1),
      failureCell(scenario),
      fixed(summary?.rssMaxMB, 0),
      fixed(summary?.stealMaxPercent, 1),
      fixed(summary?.cpuMicrosPerResponse, 0),
      fixed(summary?.ratioToHelloWorld, 3),
      fixed(summary?.ratioToSameData, 3),
      summary?.ratioToReference !== null && summary?.ratioToReference !== undefined ? referenceCell(scenario, summary) : '—',
      noteCell(scenario)
    ]
  })
  const title = session.articles === null
    ? 'hello-world only (--baseline-only)'
    : `${session.articles.toLocaleString('en-US')} articles — seed ${fixed(session.seedSeconds, 1)} s, database ${fixed(session.databaseBytes === null ? null : session.databaseBytes / 1024 / 1024, 1)} MB`
  return `${title}\n${formatTable(header, rows, new Set([1, 2, 3, 4, 5, 6, 7, 8, 9]))}`
}

export function growthRows (sessions: Session[], names: string[]): GrowthRow[] {
  const articles = sessions.map((session) => session.articles ?? 0)
  return names.map((name) => {
    const summaries = sessions.map((session) => session.scenarios.find((scenario) => scenario.name === name)?.summary ?? null)
    const reqPerSec = summaries.map((summary) => summary?.reqPerSec ?? null)
    const normalized = summaries.map((summary) => summary?.ratioToHelloWorld ?? null)
    const p99Ms = summaries.map((summary) => summary?.p99Ms ?? null)
    const ratio = (values: Array<number | null>): number | null => {
      const first = values[0]
      const last = values[values.length - 1]
      return first !== null && first !== undefined && last !== null && last !== undefined && first > 0 ? last / first : null
    }
    return { scenario: name, articles, reqPerSec, p99Ms, reqPerSecRatio: ratio(reqPerSec), normalizedRatio: ratio(normalized), p99Ratio: ratio(p99Ms) }
  })
}

export function growthTable (rows: GrowthRow[]): string {
  const first = rows[0]
  if (first === undefined) return ''
  const counts = first.articles.map((count) => count >= 1_000_000 ? `${count / 1_000_000}M` : count >= 1000 ? `${count / 1000}k` : String(count))
  const smallest = counts[0] ?? ''
  const largest = counts[counts.length - 1] ?? ''
  const header = [
    'scenario',
    ...counts.map((count) => `req/s @${count}`),
    ...counts.map((count) => `p99 ms @${count}`),
    `req/s ${largest}/${smallest}`,
    `× hello-world ${largest}/${smallest}`,
    `p99 ${largest}/${smallest}`
  ]
  const body = rows.map((row) => [
    row.scenario,
    ...row.reqPerSec.map((value) => value === null ? '—' : thousands(value)),
    ...row.p99Ms.map((value) => fixed(value, 1)),
    fixed(row.reqPerSecRatio, 3),
    fixed(row.normalizedRatio, 3),
    fixed(row.p99Ratio, 3)
  ])
  const right = new Set(header.map((_title, column) => column).filter((column) => column > 0))
  return `growth (each article count on its own fresh database and server)\n${formatTable(header, body, right)}`
}
