// Benchmark runner: seeds a fresh database, starts the production server and a hello-world Fastify
// as separate processes, loads both from this one, and reports medians. `npm run bench` builds first;
// this file never builds.
import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { cpus, loadavg, release, totalmem } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseOptions, usage, UsageError, type BenchOptions } from './options.js'
import { freePort, liveServers, pinProcesses, startServer, type ServerProcess } from './processes.js'
import { growthRows, growthTable, hasFailures, sessionTable, type GrowthRow, type Session } from './report.js'
import { helloWorld, scenarios, type Scenario } from './scenarios.js'
import { pendingDirectories, removeDirectory, runSession } from './session.js'
import { wrkAvailable } from './wrk.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const log = (line: string): void => { process.stderr.write(line + '\n') }

function selectScenarios (options: BenchOptions): Scenario[] {
  const known = new Set(scenarios.map((scenario) => scenario.name))
  const unknown = (options.scenarios ?? []).filter((name) => !known.has(name) && name !== helloWorld.name)
  if (unknown.length > 0) throw new UsageError(`unknown scenario ${unknown.join(', ')}; known: ${[...known].join(', ')}`)
  if (options.scenarios !== null) {
    const wanted = new Set(options.scenarios)
    // a churn, uncached or GraphQL row is read against its reference, which must then run too
    for (let grown = true; grown;) {
      grown = false
      for (const scenario of scenarios) {
        if (wanted.has(scenario.name) && scenario.reference !== undefined && !wanted.has(scenario.reference)) {
          wanted.add(scenario.reference)
          grown = true
        }
      }
    }
    return scenarios.filter((scenario) => wanted.has(scenario.name))
  }
  return options.growth !== null ? scenarios.filter((scenario) => scenario.core === true) : scenarios
}

async function startBaseline (cpu: number | undefined): Promise<ServerProcess> {
  const port = await freePort('127.0.0.1')
  return await startServer({
    name: 'hello-world',
    command: process.execPath,
    // tsx only transpiles at load time; requests run plain JavaScript, same as the compiled server.
    args: ['--import', 'tsx', 'bench/baseline-server.ts'],
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production' },
    host: '127.0.0.1',
    port,
    readyPath: '/',
    readyTimeoutMs: 30_000,
    ...(cpu !== undefined ? { cpu } : {})
  })
}

async function cleanUp (): Promise<void> {
  await Promise.allSettled(liveServers().map(async (server) => await server.stop()))
  await Promise.allSettled(pendingDirectories().map(async (directory) => await removeDirectory(directory)))
}

async function main (): Promise<number> {
  let options: BenchOptions
  let selected: Scenario[]
  try {
    const parsed = parseOptions(process.argv.slice(2), join(root, 'bench', 'results', 'latest.json'))
    if (parsed === 'help') {
      process.stdout.write(usage)
      return 0
    }
    options = parsed
    selected = options.baselineOnly ? [] : selectScenarios(options)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    process.stderr.write(`${error.message}\n\n${usage}`)
    return 2
  }

  if (!options.baselineOnly) {
    const missing = ['dist/server.js', 'dist/cli/main.js'].filter((file) => !existsSync(join(root, file)))
    if (missing.length > 0) {
      log(`missing ${missing.join(', ')}: run \`npm run bench\` (it builds first) or \`npm run build\``)
      return 1
    }
  }

  const startedAt = new Date()
  const loadBefore = loadavg()[0] ?? 0
  if (loadBefore > cpus().length * 0.5) {
    log(`note: load average ${loadBefore.toFixed(2)} on ${cpus().length} CPUs before start — other processes compete with the servers; expect noise`)
  }
  if (options.generator === 'wrk' && !wrkAvailable()) {
    log('--generator wrk: no `wrk` on PATH (Debian: apt-get install wrk)')
    return 1
  }
  const settings = { connections: options.connections, durationSeconds: options.durationSeconds, warmupSeconds: options.warmupSeconds, generator: options.generator }
  log(`${options.runs} run(s) × ${options.durationSeconds} s after ${options.warmupSeconds} s warm-up, ${options.connections} connections, load from ${options.generator}`)

  const pinning = await pinProcesses(options.pin, cpus().length)
  log(pinning.description)
  const sessions: Session[] = []
  let fatal: string | null = null
  const baseline = await startBaseline(pinning.serverCpu)
  log(`hello-world server ready at ${baseline.baseUrl} (pid ${baseline.pid})`)
  try {
    const sizes: Array<number | null> = options.baselineOnly ? [null] : options.growth ?? [options.articles]
    for (const articles of sizes) {
      sessions.push(await runSession({ root, articles, scenarios: selected, baseline, settings, runs: options.runs, keep: options.keep, responseCache: options.responseCache, serverCpu: pinning.serverCpu, log }))
    }
  } catch (error) {
    fatal = (error as Error).message
    log(`benchmark aborted: ${fatal}`)
  } finally {
    await cleanUp()
  }

  let growth: GrowthRow[] | null = null
  process.stdout.write(`\n${pinning.description}; load generator ${options.generator}\n\n`)
  for (const session of sessions) process.stdout.write(sessionTable(session) + '\n\n')
  if (options.growth !== null && sessions.length > 1) {
    growth = growthRows(sessions, selected.map((scenario) => scenario.name))
    process.stdout.write(growthTable(growth) + '\n\n')
  }

  const failed = fatal !== null || sessions.some(hasFailures)
  const cpuList = cpus()
  const report = {
    version: 1,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    ok: !failed,
    fatal,
    machine: {
      node: process.version,
      platform: `${process.platform} ${release()}`,
      cpu: cpuList[0]?.model ?? 'unknown',
      cpus: cpuList.length,
      memoryMB: Math.round(totalmem() / 1024 / 1024),
      // One-minute load average: a busy machine explains a noisy result after the fact.
      loadAverage: { before: loadBefore, after: loadavg()[0] ?? 0 },
      pinning: pinning.description
    },
    options,
    method: 'Each measured run is preceded by its own warm-up; scenarios and hello-world are measured round-robin, ' +
      'R rounds; req/s is autocannon\'s mean of per-second samples, or wrk\'s requests over its run (options.generator); the table shows the median over rounds of req/s, p50 and p99, ' +
      'the sum of errors and unexpected statuses, and the max server RSS; ratio = scenario median req/s / hello-world median req/s of the same session; × same-data and × reference are medians of per-round ratios.',
    sessions,
    growth
  }
  const jsonPath = resolve(options.jsonPath)
  await mkdir(dirname(jsonPath), { recursive: true })
  await writeFile(jsonPath, JSON.stringify(report, null, 2) + '\n')
  log(`results written to ${jsonPath}`)
  if (failed) log('FAILED: at least one scenario had errors, unexpected statuses or a broken setup')
  return failed ? 1 : 0
}

// `on`, not `once`: tsx re-sends the signal when its child is slow to acknowledge it, and a second
// unhandled SIGINT would kill this process halfway through removing a multi-gigabyte database.
let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return
    stopping = true
    log(`\n${signal}: stopping servers and removing temporary databases`)
    cleanUp().finally(() => process.exit(130))
  })
}

main().then((code) => { process.exitCode = code }, async (error: unknown) => {
  log((error as Error).stack ?? String(error))
  await cleanUp()
  process.exitCode = 1
})
