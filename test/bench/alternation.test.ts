// The draft-churn row's ratio comes from one run cut into phases with and without writes: responses
// must land on the side of the phase they completed in, the rates must use each side's own time, and
// the writes must be switched on and off once per phase against a real server.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { countResponse, PHASES, phaseTally, sideFigures, sideSeconds, writesIn } from '../../bench/alternation.js'
import { measureAlternating } from '../../bench/alternating-run.js'

describe('phase tally', () => {
  it('counts each response in the side of the phase it completed in, late ones in the last phase', () => {
    const tally = phaseTally(10, true)
    expect(tally.phaseMs).toBe(1000)
    countResponse(tally, 0, 200, 1)
    countResponse(tally, 999.9, 200, 2)
    countResponse(tally, 1000, 200, 3)
    countResponse(tally, 2500, 304, 4)
    countResponse(tally, 12_000, 200, 5) // after the run's end: phase 9, which is without writes here
    expect(tally.withWrites.responses).toBe(3)
    expect(tally.withWrites.latencies).toEqual([1, 2, 4])
    expect(tally.withWrites.statusCodes).toEqual({ 200: 2, 304: 1 })
    expect(tally.withoutWrites.latencies).toEqual([3, 5])
  })

  it('lasts a whole number of scenario lengths, in phases of a tenth of one', () => {
    const tally = phaseTally(10, true, 3)
    expect(tally.phases).toBe(3 * PHASES)
    expect(tally.phaseMs).toBe(1000)
    expect(sideSeconds(tally)).toBe(15)
    countResponse(tally, 25_500, 200, 1) // phase 25: odd, so without writes when the first phase writes
    countResponse(tally, 28_200, 200, 2)
    countResponse(tally, 45_000, 200, 3) // after the run's end: phase 29
    expect(tally.withWrites.latencies).toEqual([2])
    expect(tally.withoutWrites.latencies).toEqual([1, 3])
    expect(sideFigures(tally, tally.withoutWrites).reqPerSec).toBeCloseTo(2 / 15)
    expect(phaseTally(10, true).phases).toBe(PHASES)
    for (const lengths of [0, 1.5, -1]) expect(() => phaseTally(10, true, lengths)).toThrow(/whole number of scenario lengths/)
  })

  it('alternates which side the first phase is on', () => {
    const first = phaseTally(10, true)
    const second = phaseTally(10, false)
    for (let index = 0; index < PHASES; index++) expect(writesIn(first, index)).toBe(!writesIn(second, index))
    expect(Array.from({ length: PHASES }, (_, index) => writesIn(first, index)).filter(Boolean)).toHaveLength(PHASES / 2)
  })

  it('rates a side over its own half of the run and takes nearest-rank percentiles', () => {
    const tally = phaseTally(10, false)
    for (let latency = 100; latency >= 1; latency--) countResponse(tally, 0, 200, latency)
    const figures = sideFigures(tally, tally.withoutWrites)
    expect(figures.reqPerSec).toBe(20) // 100 responses in 5 s of phases without writes
    expect(figures.latencyMs).toEqual({ p50: 50, p90: 90, p99: 99, average: 50.5, max: 100 })
    expect(sideFigures(tally, tally.withWrites)).toEqual({ reqPerSec: 0, latencyMs: { p50: 0, p90: 0, p99: 0, average: 0, max: 0 } })
  })
})

describe('measureAlternating', () => {
  let server: Server
  let baseUrl: string
  // while the "writes" are on, the server answers 201: each side's statuses show where its responses were counted
  let writing = false
  beforeAll(async () => {
    server = createServer((request, response) => {
      response.statusCode = request.url === '/missing' ? 404 : request.url === '/phase' && writing ? 201 : 200
      response.end('ok')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve))
  })

  it('switches the writes on and off once per phase, over every length of the run, and splits it into both sides', async () => {
    const switches: string[] = []
    const sides = await measureAlternating(baseUrl, [{ method: 'GET', path: '/' }, { method: 'GET', path: '/missing' }], 200,
      { connections: 4, durationSeconds: 1, warmupSeconds: 0 },
      { writesFirst: true, startWrites: () => switches.push('on'), stopWrites: () => switches.push('off'), lengths: 2 })
    expect(switches).toEqual(Array.from({ length: 2 * PHASES }, (_, index) => index % 2 === 0 ? 'on' : 'off'))
    for (const side of [sides.withWrites, sides.withoutWrites]) {
      expect(side.durationSeconds).toBe(1)
      expect(side.totalRequests).toBeGreaterThan(0)
      expect(side.statusCodes['200']! + side.statusCodes['404']!).toBe(side.totalRequests)
      expect(side.unexpected).toBe(side.statusCodes['404'])
      expect(side.non2xx).toBe(side.statusCodes['404'])
      expect(side.reqPerSec).toBe(side.totalRequests / 1)
      // no server pid given: the server's CPU is not read (server-cpu.test.ts reads it)
      expect(side.serverCpuMicrosPerResponse).toBeNull()
    }
  })

  it.each(['autocannon', 'wrk'] as const)('counts each response in the phase it completed in, under %s', async (generator) => {
    const sides = await measureAlternating(baseUrl, [{ method: 'GET', path: '/phase' }], 200,
      { connections: 4, durationSeconds: 2, warmupSeconds: 0, generator },
      { writesFirst: false, startWrites: () => { writing = true }, stopWrites: () => { writing = false } })
    expect(writing).toBe(false)
    const { withWrites, withoutWrites } = sides
    expect(withWrites.totalRequests).toBeGreaterThan(100)
    expect(withoutWrites.totalRequests).toBeGreaterThan(100)
    // only responses in flight at a switch can land on the other side
    expect(withWrites.statusCodes['201']! / withWrites.totalRequests).toBeGreaterThan(0.95)
    expect((withoutWrites.statusCodes['200'] ?? 0) / withoutWrites.totalRequests).toBeGreaterThan(0.95)
    expect(withWrites.unexpected).toBe(withWrites.statusCodes['201'])
    expect(withWrites.reqPerSec).toBe(withWrites.totalRequests / 1)
  })
})
