// The bench reads the server's own CPU time around every run and at every phase boundary of a
// draft-churn run: CPU per response is what a response costs the server, and per side of one run it
// gives the writes' cost with the host's drift on both sides. Checked against a real child process
// whose requests burn a known amount of CPU.
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { measureAlternating } from '../../bench/alternating-run.js'
import { measure } from '../../bench/load.js'
import { parseProcessCpuTicks, processCpuSeconds } from '../../bench/processes.js'
import { applyRatios, sessionTable, summarize, type RunRecord, type ScenarioResult, type Session } from '../../bench/report.js'

const BURN_MICROS = 2000

// `/heavy` and `/light` switch the mode; in heavy mode every other request spins until the process
// has used BURN_MICROS more CPU (not wall time, which a descheduled process would also pass).
const SERVER = `
const http = require('node:http')
let heavy = false
const burn = (micros) => {
  const start = process.cpuUsage()
  for (;;) { const used = process.cpuUsage(start); if (used.user + used.system >= micros) return }
}
http.createServer((request, response) => {
  if (request.url === '/heavy') heavy = true
  else if (request.url === '/light') heavy = false
  else if (heavy) burn(${BURN_MICROS})
  response.end('ok')
}).listen(0, '127.0.0.1', function () { process.stdout.write(this.address().port + '\\n') })
`

const onLinux = process.platform === 'linux'

describe('reading a process\'s CPU time', () => {
  it('adds utime and stime from a /proc/<pid>/stat line whose command name holds spaces and parentheses', () => {
    const line = '4242 (node (x) y) S 1 4242 4242 0 -1 4194560 9000 0 0 0 1234 567 0 0 20 0 11 0 100 1000000 5000 18446744073709551615'
    expect(parseProcessCpuTicks(line)).toBe(1234 + 567)
    expect(parseProcessCpuTicks('4242 (short) S 1')).toBeNull()
  })

  it.runIf(onLinux)('reads this process\'s CPU time, which grows with work done, and null for a pid that does not exist', () => {
    const before = processCpuSeconds(process.pid)
    expect(before).not.toBeNull()
    const start = process.cpuUsage()
    for (;;) { const used = process.cpuUsage(start); if (used.user + used.system >= 200_000) break }
    expect(processCpuSeconds(process.pid)! - before!).toBeGreaterThanOrEqual(0.15)
    expect(processCpuSeconds(0)).toBeNull()
  })
})

describe.runIf(onLinux)('server CPU per response against a real server', () => {
  let child: ChildProcess
  let baseUrl: string
  const mode = async (which: 'heavy' | 'light'): Promise<void> => {
    await (await fetch(`${baseUrl}/${which}`)).text()
  }

  beforeAll(async () => {
    child = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] })
    const [chunk] = await once(child.stdout!, 'data') as [Buffer]
    baseUrl = `http://127.0.0.1:${chunk.toString().trim()}`
  })
  afterAll(() => {
    child.kill()
  })

  it('divides the server\'s CPU time over the measured run by its responses, and gives null without a pid', async () => {
    await mode('heavy')
    const settings = { connections: 2, durationSeconds: 1, warmupSeconds: 0 }
    const measured = await measure(baseUrl, [{ method: 'GET', path: '/' }], 200, settings, { serverPid: child.pid! })
    expect(measured.totalRequests).toBeGreaterThan(50)
    expect(measured.serverCpuMicrosPerResponse).toBeGreaterThanOrEqual(BURN_MICROS * 0.75)
    expect(measured.serverCpuMicrosPerResponse).toBeLessThan(BURN_MICROS * 3)
    const unread = await measure(baseUrl, [{ method: 'GET', path: '/' }], 200, settings)
    expect(unread.serverCpuMicrosPerResponse).toBeNull()
  })

  it('charges each phase\'s CPU time to the side of that phase', async () => {
    await mode('light')
    const sides = await measureAlternating(baseUrl, [{ method: 'GET', path: '/' }], 200,
      { connections: 2, durationSeconds: 2, warmupSeconds: 0 },
      { writesFirst: false, startWrites: () => { void mode('heavy') }, stopWrites: () => { void mode('light') }, serverPid: child.pid! })
    await mode('light')
    const heavy = sides.withWrites.serverCpuMicrosPerResponse
    const light = sides.withoutWrites.serverCpuMicrosPerResponse
    expect(heavy).not.toBeNull()
    expect(light).not.toBeNull()
    expect(heavy!).toBeGreaterThan(BURN_MICROS / 2)
    expect(heavy!).toBeGreaterThan(light! * 3)
  })
})

function record (round: number, reqPerSec: number, cpu: number | null): RunRecord {
  return {
    reqPerSec, latencyMs: { p50: 1, p90: 2, p99: 3, average: 1, max: 4 }, totalRequests: reqPerSec * 10, durationSeconds: 10,
    errors: 0, timeouts: 0, non2xx: 0, unexpected: 0, statusCodes: { 200: reqPerSec * 10 },
    serverCpuMicrosPerResponse: cpu, round, serverRssMB: 100, hostStealPercent: null
  }
}

describe('reporting server CPU per response', () => {
  it('takes the median over the runs that read it, and compares a churn row with its control round by round', () => {
    expect(summarize([record(1, 100, 60), record(2, 100, null), record(3, 100, 80), record(4, 100, 70)])!.cpuMicrosPerResponse).toBe(70)
    expect(summarize([record(1, 100, null)])!.cpuMicrosPerResponse).toBeNull()

    const churn: ScenarioResult = {
      name: 'article-by-slug:churn-draft', describe: '', expectStatus: 200, outcome: 'ok', requestCount: 1, sampleRequests: [],
      // round 1: throughput fell to 0.5× while a response cost the server 1.02× the CPU: the host, not the writes
      runs: [record(1, 5000, 61.2), record(2, 9800, 62)],
      controlRuns: [record(1, 10_000, 60), record(2, 10_000, 62)],
      control: 'alternating',
      summary: null
    }
    churn.summary = summarize(churn.runs)
    const helloRuns = [record(1, 50_000, 20)]
    const hello: ScenarioResult = { name: 'hello-world', describe: '', expectStatus: 200, outcome: 'ok', requestCount: 1, sampleRequests: [], runs: helloRuns, summary: summarize(helloRuns) }
    const session: Session = { articles: 10_000, seedSeconds: 1, databaseBytes: 1, helloWorld: hello, scenarios: [churn] }
    applyRatios(session)
    expect(churn.summary!.ratioToReference).toBeCloseTo((0.5 + 0.98) / 2, 5)
    expect(churn.summary!.cpuRatioToReference).toBeCloseTo((1.02 + 1) / 2, 5)
    const table = sessionTable(session)
    expect(table).toContain('server µs/resp')
    expect(table).toMatch(/article-by-slug:churn-draft .*\| +62 \|.*0\.740 no churn, alternating phases; server CPU\/resp ×1\.01/)
  })
})
