// `npm run bench -- --generator wrk` hands the scenario's requests to wrk through a generated Lua
// script: every request must arrive byte for byte (methods, headers, bodies with quotes and
// non-ASCII text), in rotation, and the figures wrk prints must become the runner's measurement,
// statuses included. wrk is Debian's package, installed by .ci/run.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { measure } from '../../bench/load.js'
import type { LoadRequest } from '../../bench/scenarios.js'
import { luaString, parseWrkOutput, runWrk, wrkScript } from '../../bench/wrk.js'

describe('luaString', () => {
  it('keeps printable ASCII and escapes quotes, backslashes and every other byte', () => {
    expect(luaString('plain /v1/articles?x=1')).toBe('"plain /v1/articles?x=1"')
    expect(luaString('a "b" \\ c\n')).toBe('"a \\"b\\" \\\\ c\\010"')
    expect(luaString('جـ')).toBe('"\\216\\172\\217\\128"')
  })
})

describe('parseWrkOutput', () => {
  it('reads the figures line and refuses output without one', () => {
    const figures = parseWrkOutput('Running 1s test\nQUIRE_WRK {"requests":3,"durationMicros":1000000,"errors":{"connect":0,"read":0,"write":0,"status":0,"timeout":0},"latency":{"p50":1,"p90":2,"p99":3,"mean":1.5,"max":4},"statuses":{"200":3}}\n')
    expect(figures.requests).toBe(3)
    expect(figures.statuses).toEqual({ 200: 3 })
    expect(() => parseWrkOutput('unable to connect to 127.0.0.1:1 Connection refused\n')).toThrow(/wrk printed no figures:\nunable to connect/)
  })
})

describe('runWrk against a real server', () => {
  const seen = new Map<string, number>()
  const wrong: string[] = []
  let server: Server
  let baseUrl: string
  const requests: LoadRequest[] = [
    { method: 'GET', path: '/v1/articles?edition=ar&q=%D8%AC' },
    { method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json', 'x-note': 'a "quoted" value' }, body: '{"query":"{ a }","variables":{"title":"جـ \\"x\\""}}' }
  ]

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = ''
      request.setEncoding('utf8')
      request.on('data', (chunk: string) => { body += chunk })
      request.on('end', () => {
        const expected = requests.find((candidate) => candidate.method === request.method && candidate.path === request.url)
        const ok = expected !== undefined && (expected.body ?? '') === body &&
          Object.entries(expected.headers ?? {}).every(([name, value]) => request.headers[name] === value)
        if (!ok) wrong.push(`${request.method ?? ''} ${request.url ?? ''} ${body}`)
        const key = `${request.method ?? ''} ${request.url ?? ''}`
        seen.set(key, (seen.get(key) ?? 0) + 1)
        response.statusCode = request.method === 'POST' ? 404 : 200
        response.end('{}')
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  })

  it('sends every request intact, in rotation, and counts the statuses it got', async () => {
    const figures = await runWrk(baseUrl, requests, 4, 1)
    expect(wrong).toEqual([])
    const gets = seen.get(`GET ${requests[0]!.path}`) ?? 0
    const posts = seen.get(`POST ${requests[1]!.path}`) ?? 0
    expect(gets).toBeGreaterThan(10)
    expect(Math.abs(gets - posts)).toBeLessThanOrEqual(4) // one rotation across all connections
    expect(figures.statuses!['200']! + figures.statuses!['404']!).toBe(figures.requests)
    expect(figures.errors.status).toBe(figures.statuses!['404']) // wrk's own count of statuses ≥ 400
    expect(figures.latency.p99).toBeGreaterThanOrEqual(figures.latency.p50)
  })

  it('leaves the body-copying response hook out of a run that does not count statuses, and keeps wrk\'s count of those ≥ 400', async () => {
    expect(wrkScript(requests)).toContain('function response (')
    expect(wrkScript(requests, undefined, false)).not.toContain('function response')
    expect(() => wrkScript(requests, { startNs: 0n, phaseMs: 1000, count: 2 }, false)).toThrow(/per phase/)
    const figures = await runWrk(baseUrl, requests, 4, 1, undefined, false)
    expect(wrong).toEqual([])
    expect(figures.statuses).toBeNull()
    expect(figures.requests).toBeGreaterThan(10)
    // every other request is the POST the server answers 404
    expect(Math.abs(figures.requests - 2 * figures.errors.status)).toBeLessThanOrEqual(4)
  })

  it('becomes the runner measurement with --generator wrk: statuses ≥ 400 from the run that counts, each status from the warm-up', async () => {
    const run = await measure(baseUrl, requests, 200, { connections: 4, durationSeconds: 1, warmupSeconds: 0, generator: 'wrk' })
    expect(run.totalRequests).toBeGreaterThan(10)
    expect(run.statusCodes['<400']! + run.statusCodes['>=400']!).toBe(run.totalRequests)
    expect(run.statusCodes['>=400']).toBeGreaterThan(0)
    expect(run.unexpected).toBe(run.statusCodes['>=400'])
    expect(run.non2xx).toBe(run.statusCodes['>=400'])
    expect(run.reqPerSec).toBeCloseTo(run.totalRequests / run.durationSeconds)
    expect(run.errors).toBe(0)

    const warmed = await measure(baseUrl, requests, 200, { connections: 4, durationSeconds: 1, warmupSeconds: 1, generator: 'wrk' })
    // the warm-up's 404s are unexpected too, on top of the measured run's
    expect(warmed.unexpected).toBeGreaterThan(warmed.statusCodes['>=400']! + 10)
    const clean = await measure(baseUrl, requests.slice(0, 1), 200, { connections: 4, durationSeconds: 1, warmupSeconds: 1, generator: 'wrk' })
    expect(clean.unexpected).toBe(0)
    expect(clean.statusCodes).toEqual({ '<400': clean.totalRequests, '>=400': 0 })
  })
})
