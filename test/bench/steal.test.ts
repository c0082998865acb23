// The bench reports the CPU time the hypervisor took from the machine while each row ran: on a shared
// host that, not the server, is what moves a row's tail latency from run to run.
import { describe, expect, it } from 'vitest'
import { hostCpuTicks, parseCpuTicks, stealPercent } from '../../bench/processes.js'
import { summarize, type RunRecord } from '../../bench/report.js'

const SAMPLE = [
  'cpu  1000 20 300 8000 50 0 30 600 40 0',
  'cpu0 500 10 150 4000 25 0 15 300 20 0',
  'intr 12345'
].join('\n')

function run (hostStealPercent: number | null): RunRecord {
  return {
    reqPerSec: 1000, latencyMs: { p50: 1, p90: 2, p99: 3, average: 1, max: 4 }, totalRequests: 10_000, durationSeconds: 10,
    errors: 0, timeouts: 0, non2xx: 0, unexpected: 0, statusCodes: { 200: 10_000 }, serverCpuMicrosPerResponse: null, round: 1, serverRssMB: 100, hostStealPercent
  }
}

describe('host steal', () => {
  it('reads the aggregate cpu line: the first eight fields are all CPU time, the eighth is steal; guest time is not counted twice', () => {
    expect(parseCpuTicks(SAMPLE)).toEqual({ total: 1000 + 20 + 300 + 8000 + 50 + 0 + 30 + 600, steal: 600 })
    expect(parseCpuTicks('intr 1\nctxt 2')).toBeNull()
    expect(parseCpuTicks('cpu  1 2 3')).toBeNull()
  })

  it('gives steal between two readings as a percentage of the CPU time in between, or null when it cannot', () => {
    expect(stealPercent({ total: 1000, steal: 10 }, { total: 3000, steal: 160 })).toBe(7.5)
    expect(stealPercent({ total: 1000, steal: 10 }, { total: 1000, steal: 10 })).toBeNull()
    expect(stealPercent(null, { total: 1, steal: 0 })).toBeNull()
  })

  it.runIf(process.platform === 'linux')('reads this machine\'s /proc/stat', async () => {
    const now = await hostCpuTicks()
    expect(now).not.toBeNull()
    expect(now!.total).toBeGreaterThan(0)
    expect(now!.steal).toBeLessThanOrEqual(now!.total)
  })

  it('summarizes a row by the largest steal of its runs, ignoring runs where it was unknown', () => {
    expect(summarize([run(2.5), run(null), run(11.2), run(0)])!.stealMaxPercent).toBe(11.2)
    expect(summarize([run(null)])!.stealMaxPercent).toBeNull()
  })
})
