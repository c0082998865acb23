import { mkdtemp, rm, stat } from 'node:fs/promises'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { measureAlternating, type AlternatingMeasurement } from './alternating-run.js'
import { measure, preflight, type LoadSettings, type RunMeasurement } from './load.js'
import { startChurn, switchedChurn, createDraft, type Churn, type ChurnStats, type ChurnTarget } from './churn.js'
import { captureCommand, freePort, hostCpuTicks, residentMegabytes, runCommand, startServer, stealPercent, type ServerProcess } from './processes.js'
import { applyRatios, summarize, type ScenarioResult, type Session } from './report.js'
import { compareSameData } from './same-data-check.js'
import { helloWorld, ScenarioSkipped, staticRequests, type FetchedResponse, type LoadRequest, type Prepared, type Scenario, type SetupContext } from './scenarios.js'

// Fixed so cursors stay valid for the whole session and a run can be reproduced; it guards no real data.
const BENCH_CURSOR_SECRET = '6a7d3c1f0b9e8d2a4c5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5'
const HOST = '127.0.0.1'
const READY_TIMEOUT_MS = 120_000
const SAMPLE_REQUESTS = 5

const temporaryDirectories = new Set<string>()

/** Directories still on disk, so an interrupted run can remove them too. */
export function pendingDirectories (): string[] {
  return [...temporaryDirectories]
}

export async function removeDirectory (path: string): Promise<void> {
  await rm(path, { recursive: true, force: true })
  temporaryDirectories.delete(path)
}

export interface SessionPlan {
  root: string
  /** null: hello-world only, no database and no Quire server. */
  articles: number | null
  scenarios: Scenario[]
  baseline: ServerProcess
  settings: LoadSettings
  runs: number
  keep: boolean
  /** false runs the server with RESPONSE_CACHE_MB=0, measuring the rendering path on every request. */
  responseCache: boolean
  /** CPU the servers are pinned to (taskset), or undefined. */
  serverCpu: number | undefined
  log: (line: string) => void
}

interface Loadable {
  scenario: Scenario
  result: ScenarioResult
  requests: LoadRequest[]
  server: ServerProcess
  /** Asked before every run when the scenario's requests go stale within a session (Prepared.refresh). */
  refresh?: Prepared['refresh']
}

interface SessionServers {
  quire: ServerProcess
  /** Quire with RESPONSE_CACHE_MB=0, for `uncached` scenarios: the main server itself under --no-response-cache. */
  uncached: ServerProcess | null
  sameData: ServerProcess | null
  churn: ChurnTarget | null
}

function emptyResult (scenario: Scenario): ScenarioResult {
  return {
    name: scenario.name,
    describe: scenario.describe,
    expectStatus: scenario.expectStatus,
    outcome: 'ok',
    requestCount: 0,
    sampleRequests: [],
    runs: [],
    summary: null
  }
}

export function setupContext (server: ServerProcess, articles: number, memo: Map<string, Promise<unknown>>): SetupContext {
  return {
    articles,
    async get (path: string, headers?: Record<string, string>): Promise<FetchedResponse> {
      const init: RequestInit = { signal: AbortSignal.timeout(60_000) }
      if (headers !== undefined) init.headers = headers
      const response = await fetch(server.baseUrl + path, init)
      const text = await response.text()
      let json: unknown = null
      try { json = text === '' ? null : JSON.parse(text) } catch { json = text }
      return { status: response.status, headers: response.headers, json }
    },
    async post (path: string, body: string, headers: Record<string, string>): Promise<FetchedResponse> {
      const response = await fetch(server.baseUrl + path, { method: 'POST', body, headers, signal: AbortSignal.timeout(60_000) })
      const text = await response.text()
      let json: unknown = null
      try { json = text === '' ? null : JSON.parse(text) } catch { json = text }
      return { status: response.status, headers: response.headers, json }
    },
    async memo<T> (key: string, compute: () => Promise<T>): Promise<T> {
      let pending = memo.get(key) as Promise<T> | undefined
      if (pending === undefined) {
        pending = compute()
        memo.set(key, pending)
      }
      return await pending
    }
  }
}

/** Decides whether a scenario can run, and with which requests, before any load is applied. */
async function prepare (scenario: Scenario, server: ServerProcess, context: SetupContext): Promise<{ result: ScenarioResult, requests: LoadRequest[] | null, refresh?: Prepared['refresh'] }> {
  const result = emptyResult(scenario)
  const stopWith = (outcome: ScenarioResult['outcome'], reason: string): { result: ScenarioResult, requests: null } => {
    result.outcome = outcome
    result.reason = reason
    return { result, requests: null }
  }
  if (scenario.enabled === false) return stopWith('disabled', scenario.disabledReason ?? 'no reason given')
  try {
    if (scenario.requires !== undefined) {
      const probe = typeof scenario.requires === 'string' ? { path: scenario.requires } : scenario.requires
      const init: RequestInit = { method: probe.method ?? 'GET', signal: AbortSignal.timeout(30_000) }
      if (probe.body !== undefined) {
        init.body = probe.body
        init.headers = { 'content-type': 'application/json' }
      }
      const response = await fetch(server.baseUrl + probe.path, init)
      await response.arrayBuffer()
      if (response.status === 404) return stopWith('not-available', `${probe.method ?? 'GET'} ${probe.path} → 404`)
    }
    const prepared = scenario.setup !== undefined ? await scenario.setup(context) : { requests: staticRequests(scenario) }
    if (prepared.requests.length === 0) throw new Error('setup produced no requests')
    if (prepared.note !== undefined) result.note = prepared.note
    result.requestCount = prepared.requests.length
    result.sampleRequests = prepared.requests.slice(0, SAMPLE_REQUESTS)
    const problem = await preflight(server.baseUrl, prepared.requests, scenario.expectStatus)
    if (problem !== null) {
      return stopWith('failed', `preflight ${problem.request.method} ${problem.request.path} → ${problem.status}, expected ${scenario.expectStatus}: ${problem.body}`)
    }
    return { result, requests: prepared.requests, refresh: prepared.refresh }
  } catch (error) {
    if (error instanceof ScenarioSkipped) return stopWith('skipped', error.message)
    return stopWith('failed', `setup: ${(error as Error).message}`)
  }
}

async function seedDatabase (plan: SessionPlan, articles: number, databasePath: string): Promise<{ seconds: number, bytes: number | null }> {
  plan.log(`seeding ${articles.toLocaleString('en-US')} articles into ${databasePath} …`)
  const seed = [process.execPath, 'dist/cli/main.js', 'seed', '--articles', String(articles)]
  // the runner is pinned to the load generator's CPU and its children inherit that; the seed builds
  // its search index on a second core (src/search/parallel-build.ts), so it gets every CPU back
  const [command, ...args] = plan.serverCpu === undefined ? seed : ['taskset', '-c', `0-${cpus().length - 1}`, ...seed]
  const { seconds } = await runCommand(command!, args, plan.root, { ...process.env, DATABASE_PATH: databasePath })
  plan.log(`seed: ${articles.toLocaleString('en-US')} articles in ${seconds.toFixed(1)} s`)
  let bytes: number | null = null
  for (const suffix of ['', '-wal']) {
    try { bytes = (bytes ?? 0) + (await stat(databasePath + suffix)).size } catch { /* no WAL left after a checkpoint */ }
  }
  return { seconds, bytes }
}

async function startQuire (plan: SessionPlan, databasePath: string, responseCache: boolean): Promise<ServerProcess> {
  const port = await freePort(HOST)
  // Exactly what `npm start` runs, with the environment a deployment would set; inherited variables
  // (PATH, locale) pass through, the ones that change behaviour are pinned.
  return await startServer({
    name: responseCache ? 'quire' : 'quire (response cache off)',
    command: process.execPath,
    // the young generation's size of `npm start` and the Docker image (docs/deployment.md)
    args: ['--max-semi-space-size=8', 'dist/server.js'],
    cwd: plan.root,
    env: {
      ...process.env,
      DATABASE_PATH: databasePath,
      PORT: String(port),
      HOST,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      // glibc's allocator settings of the Docker image (Dockerfile, docs/deployment.md): resident
      // memory is measured as deployed
      MALLOC_ARENA_MAX: '2',
      MALLOC_MMAP_THRESHOLD_: '131072',
      CURSOR_SECRET: BENCH_CURSOR_SECRET,
      RESPONSE_CACHE_MB: responseCache ? '32' : '0',
      // one load generator on loopback is one client address: the per-address limit would answer
      // 429 within a second and the run would measure the limiter; it is measured off, as a CDN
      // in front (TRUST_PROXY) spreads real readers over many addresses
      RATE_LIMIT_ENABLED: 'false',
      // a saturated benchmark is the overload load shedding exists for; measure the server, not the shedding
      LOAD_SHED_MAX_EVENT_LOOP_DELAY_MS: '0'
    },
    host: HOST,
    port,
    readyPath: '/health/ready',
    readyTimeoutMs: READY_TIMEOUT_MS,
    ...(plan.serverCpu !== undefined ? { cpu: plan.serverCpu } : {})
  })
}

async function startSameData (plan: SessionPlan, databasePath: string): Promise<ServerProcess> {
  const port = await freePort(HOST)
  return await startServer({
    name: 'same-data',
    command: process.execPath,
    args: ['--import', 'tsx', 'bench/same-data-server.ts'],
    cwd: plan.root,
    env: { ...process.env, DATABASE_PATH: databasePath, PORT: String(port), HOST, NODE_ENV: 'production' },
    host: HOST,
    port,
    readyPath: '/ready',
    readyTimeoutMs: 30_000,
    ...(plan.serverCpu !== undefined ? { cpu: plan.serverCpu } : {})
  })
}

/** An editor key made by the CLI, as an operator would; the token is the line after "token …". */
async function editorToken (plan: SessionPlan, databasePath: string): Promise<string> {
  const out = await captureCommand(process.execPath, ['dist/cli/main.js', 'keys', 'create', '--name', 'bench-churn', '--role', 'editor'], plan.root, { ...process.env, DATABASE_PATH: databasePath })
  const lines = out.split('\n').map((line) => line.trim())
  const token = lines[lines.findIndex((line) => line.startsWith('token')) + 1]
  if (token === undefined || token === '') throw new Error(`keys create printed no token: ${out.slice(0, 200)}`)
  return token
}

async function churnTarget (server: ServerProcess, token: string): Promise<ChurnTarget> {
  const newest = await fetch(`${server.baseUrl}/v1/articles?edition=en&limit=1`, { signal: AbortSignal.timeout(30_000) })
  const body = await newest.json() as { data?: Array<{ id?: unknown }> }
  const publishedId = body.data?.[0]?.id
  if (typeof publishedId !== 'number') throw new Error(`GET /v1/articles?edition=en&limit=1 → ${newest.status}: no article to edit`)
  return { baseUrl: server.baseUrl, token, draftId: await createDraft(server.baseUrl, token), publishedId }
}

/** The scenario's requests sent to the same-data server instead, and its row in the table. */
function sameDataLoadable (scenario: Scenario, requests: LoadRequest[], server: ServerProcess): Loadable {
  const spec = scenario.sameData!
  const mapped = requests.map((request): LoadRequest => ({ method: 'GET', path: typeof spec.path === 'string' ? spec.path : spec.path(request.path) }))
  const unique = [...new Map(mapped.map((request) => [request.path, request])).values()]
  const twin: Scenario = {
    name: `same-data:${scenario.name}`,
    describe: `${scenario.name} from bench/same-data-server.ts: bare Fastify + better-sqlite3, one SQL statement, response schema`,
    expectStatus: 200
  }
  const result = emptyResult(twin)
  result.requestCount = unique.length
  result.sampleRequests = unique.slice(0, SAMPLE_REQUESTS)
  return { scenario: twin, result, requests: unique, server }
}

/**
 * The order rows are measured in within a round: each right after the row it is reported against —
 * a `same-data:` twin after its scenario, a variant after its reference (GraphQL after the REST
 * list, uncached GraphQL after the uncached list) — so a ratio compares runs seconds apart rather
 * than minutes: on a shared host, throughput drifts by tens of percent within a round. Depth first:
 * a reference's own followers come before its next one. The table keeps the catalogue's order.
 */
function measurementOrder (loadables: Loadable[]): Loadable[] {
  const followers = new Map<Loadable, Loadable[]>()
  const byName = new Map(loadables.map((loadable) => [loadable.scenario.name, loadable]))
  const roots: Loadable[] = []
  loadables.forEach((loadable, index) => {
    const name = loadable.scenario.name
    // a twin is pushed right after its scenario (runSession)
    const leader = name.startsWith('same-data:') ? loadables[index - 1] : byName.get(loadable.scenario.reference ?? '')
    if (leader === undefined || leader === loadable) roots.push(loadable)
    else followers.set(leader, [...(followers.get(leader) ?? []), loadable])
  })
  const ordered: Loadable[] = []
  const visit = (loadable: Loadable): void => {
    ordered.push(loadable)
    for (const follower of followers.get(loadable) ?? []) visit(follower)
  }
  roots.forEach(visit)
  return ordered
}

const cpuText = (run: RunMeasurement): string => run.serverCpuMicrosPerResponse !== null ? `, server ${run.serverCpuMicrosPerResponse} µs/resp` : ''

/** The churn row's reads without writes, kept as its control for this round. */
async function controlRun (plan: SessionPlan, loadable: Loadable, round: number, run: RunMeasurement, how: string): Promise<void> {
  const { scenario, result, server } = loadable
  const serverRssMB = await residentMegabytes(server.pid)
  ;(result.controlRuns ??= []).push({ ...run, round, serverRssMB, hostStealPercent: null })
  plan.log(`[${round}/${plan.runs}] ${scenario.name} control (${how}): ${Math.round(run.reqPerSec)} req/s, p50 ${run.latencyMs.p50} ms, p99 ${run.latencyMs.p99} ms${cpuText(run)}`)
  if (run.errors + run.unexpected > 0) throw new Error(`control run without writes: ${run.errors} errors, ${run.unexpected} unexpected statuses ${JSON.stringify(run.statusCodes)}`)
}

interface ChurnRun {
  run: RunMeasurement
  writes: ChurnStats
}

// The run lasts three scenario lengths (30 phases of 1 s at the default 10 s); alternation.ts says why.
const DRAFT_CHURN_LENGTHS = 3

/**
 * Draft churn: one run in alternating phases with and without saves (alternation.ts). A draft save
 * costs its work while it runs, so a second's phase holds its whole cost; the phases without saves
 * are the control, measured under the same host drift.
 */
async function alternatingChurnRun (plan: SessionPlan, loadable: Loadable, round: number, target: ChurnTarget): Promise<ChurnRun> {
  const { scenario, server } = loadable
  const churn = switchedChurn(scenario.churn!, target)
  let sides: AlternatingMeasurement
  let writes: ChurnStats
  try {
    sides = await measureAlternating(server.baseUrl, loadable.requests, scenario.expectStatus, plan.settings, {
      writesFirst: round % 2 === 1,
      startWrites: churn.start,
      stopWrites: churn.stop,
      serverPid: server.pid,
      lengths: DRAFT_CHURN_LENGTHS
    })
  } finally {
    writes = await churn.finish()
  }
  loadable.result.control = 'alternating'
  await controlRun(plan, loadable, round, sides.withoutWrites, 'phases without writes')
  return { run: sides.withWrites, writes }
}

/**
 * Published-edit churn: an edit every 5 s makes its cost after it (entries re-rendered over the
 * following reads), which short phases would split, so its control is a whole run without writes,
 * measured right before or after (alternating by round).
 */
async function pairedChurnRun (plan: SessionPlan, loadable: Loadable, round: number, target: ChurnTarget): Promise<ChurnRun> {
  const { scenario, server } = loadable
  loadable.result.control = 'paired'
  const control = async (): Promise<void> => {
    const run = await measure(server.baseUrl, loadable.requests, scenario.expectStatus, plan.settings, { serverPid: server.pid })
    await controlRun(plan, loadable, round, run, 'no writes')
  }
  if (round % 2 === 1) await control()
  let churn: Churn | undefined
  const run = await measure(server.baseUrl, loadable.requests, scenario.expectStatus, plan.settings, {
    beforeRun: () => { churn = startChurn(scenario.churn!, target) },
    serverPid: server.pid
  })
  const writes = churn !== undefined ? await churn.stop() : { writes: 0, failed: 0, lastProblem: null }
  if (round % 2 === 0) await control()
  return { run, writes }
}

async function runRounds (plan: SessionPlan, loadables: Loadable[], servers: SessionServers | null): Promise<void> {
  for (let round = 1; round <= plan.runs; round++) {
    // Round-robin rather than scenario after scenario: drift on the machine (thermal, noisy neighbours)
    // then lands on every scenario and on hello-world alike, and the ratios stay honest.
    for (const loadable of loadables) {
      if (loadable.result.outcome === 'failed') continue
      const { scenario, result, server } = loadable
      const exit = server.exitDescription()
      if (exit !== null) {
        result.outcome = 'failed'
        result.reason = `${server.name} server exited (${exit}) during the benchmark\n${server.recentOutput()}`
        continue
      }
      try {
        if (loadable.refresh !== undefined) loadable.requests = await loadable.refresh()
        const ticksBefore = await hostCpuTicks()
        const target = servers?.churn ?? null
        let run: RunMeasurement
        let writes: ChurnStats | null = null
        if (scenario.churn !== undefined && target !== null) {
          // A churn row is compared with the same reads measured next to it, not with its reference
          // row minutes earlier: on a shared host, throughput drifts more within a round than two
          // writes a second cost.
          ({ run, writes } = scenario.churn === 'draft' ? await alternatingChurnRun(plan, loadable, round, target) : await pairedChurnRun(plan, loadable, round, target))
        } else {
          run = await measure(server.baseUrl, loadable.requests, scenario.expectStatus, plan.settings, { serverPid: server.pid })
        }
        if (writes !== null) {
          const rest = result.note?.replace(/^\d+ writes in the last run(; )?/, '') ?? ''
          result.note = `${writes.writes} writes in the last run` + (rest !== '' ? `; ${rest}` : '')
          if (writes.failed > 0) {
            result.outcome = 'failed'
            result.reason = `${writes.failed} of ${writes.writes} churn writes failed: ${writes.lastProblem ?? ''}`
          }
        }
        const hostStealPercent = stealPercent(ticksBefore, await hostCpuTicks())
        const serverRssMB = await residentMegabytes(server.pid)
        result.runs.push({ ...run, round, serverRssMB, hostStealPercent })
        const failures = run.errors + run.unexpected
        plan.log(`[${round}/${plan.runs}] ${scenario.name}: ${Math.round(run.reqPerSec)} req/s, p50 ${run.latencyMs.p50} ms, p99 ${run.latencyMs.p99} ms` +
          cpuText(run) +
          (hostStealPercent !== null ? `, host steal ${hostStealPercent} %` : '') +
          (failures > 0 ? `, ${run.errors} errors, ${run.unexpected} unexpected statuses ${JSON.stringify(run.statusCodes)}` : ''))
        if (failures > 0) {
          const crashed = server.exitDescription()
          result.outcome = 'failed'
          result.reason = `${run.errors} errors (${run.timeouts} timeouts), ${run.unexpected} responses other than ${scenario.expectStatus}: ${JSON.stringify(run.statusCodes)}` +
            (crashed !== null ? `; ${server.name} server exited (${crashed})` : '')
          if (crashed !== null) plan.log(`${server.name} server exited (${crashed}); its last output:\n${server.recentOutput() || "(none)"}`)
        }
      } catch (error) {
        result.outcome = 'failed'
        result.reason = `load: ${(error as Error).message}`
      }
    }
  }
  for (const loadable of loadables) loadable.result.summary = summarize(loadable.result.runs)
}

export async function runSession (plan: SessionPlan): Promise<Session> {
  const baselineResult = emptyResult(helloWorld)
  baselineResult.requestCount = 1
  baselineResult.sampleRequests = staticRequests(helloWorld)
  const loadables: Loadable[] = [{ scenario: helloWorld, result: baselineResult, requests: staticRequests(helloWorld), server: plan.baseline }]
  const session: Session = { articles: plan.articles, seedSeconds: null, databaseBytes: null, helloWorld: baselineResult, scenarios: [] }

  if (plan.articles === null) {
    await runRounds(plan, loadables, null)
    applyRatios(session)
    return session
  }

  const directory = await mkdtemp(join(tmpdir(), 'quire-bench-'))
  temporaryDirectories.add(directory)
  // every server this session starts, stopped on every exit path
  const started: ServerProcess[] = []
  try {
    const databasePath = join(directory, 'quire.db')
    const seeded = await seedDatabase(plan, plan.articles, databasePath)
    session.seedSeconds = seeded.seconds
    session.databaseBytes = seeded.bytes
    const needsChurn = plan.scenarios.some((scenario) => scenario.churn !== undefined)
    const token = needsChurn ? await editorToken(plan, databasePath) : null
    const quire = await startQuire(plan, databasePath, plan.responseCache)
    started.push(quire)
    plan.log(`quire server ready at ${quire.baseUrl} (pid ${quire.pid})`)
    const servers: SessionServers = { quire, uncached: null, sameData: null, churn: null }
    if (plan.scenarios.some((scenario) => scenario.uncached === true)) {
      servers.uncached = plan.responseCache ? await startQuire(plan, databasePath, false) : quire
      if (servers.uncached !== quire) started.push(servers.uncached)
      if (servers.uncached !== quire) plan.log(`quire server with the response cache off ready at ${servers.uncached.baseUrl} (pid ${servers.uncached.pid})`)
    }
    if (plan.scenarios.some((scenario) => scenario.sameData !== undefined)) {
      servers.sameData = await startSameData(plan, databasePath)
      started.push(servers.sameData)
      plan.log(`same-data server ready at ${servers.sameData.baseUrl} (pid ${servers.sameData.pid})`)
    }
    if (token !== null) servers.churn = await churnTarget(quire, token)
    const memo = new Map<string, Promise<unknown>>()
    for (const scenario of plan.scenarios) {
      const server = scenario.uncached === true && servers.uncached !== null ? servers.uncached : quire
      const { result, requests, refresh } = await prepare(scenario, server, setupContext(server, plan.articles, memo))
      if (scenario.reference !== undefined) result.reference = scenario.reference
      session.scenarios.push(result)
      if (requests === null) {
        plan.log(`${scenario.name}: ${result.outcome}${result.reason !== undefined ? ` — ${result.reason}` : ''}`)
        continue
      }
      loadables.push({ scenario, result, requests, server, refresh })
      if (scenario.sameData !== undefined && servers.sameData !== null) {
        const twin = sameDataLoadable(scenario, requests, servers.sameData)
        result.sameData = twin.result.name
        session.scenarios.push(twin.result)
        const mismatch = await compareSameData(server.baseUrl, requests, servers.sameData.baseUrl, twin.requests)
        if (mismatch !== null) {
          twin.result.outcome = 'failed'
          twin.result.reason = `not the same articles as Quire: ${mismatch}`
          plan.log(`${twin.scenario.name}: ${twin.result.reason}`)
        } else {
          // same-data-check.ts: one article is compared whole, a list by its articles
          twin.result.note = scenario.name.startsWith('article-') ? 'same document as Quire checked before loading' : 'same articles as Quire (ids, slugs, count) checked before loading'
          loadables.push(twin)
        }
      }
    }
    await runRounds(plan, measurementOrder(loadables), servers)
    applyRatios(session)
    return session
  } finally {
    await Promise.allSettled(started.map(async (server) => await server.stop()))
    if (plan.keep) plan.log(`kept ${directory}`)
    else await removeDirectory(directory)
  }
}
