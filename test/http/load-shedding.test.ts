import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, testConfig, type TestApp } from '../helpers/app.js'

let app: TestApp
beforeAll(async () => {
  app = await buildTestApp({ config: { http: { ...testConfig().http, loadShedding: { maxEventLoopDelayMs: 5, maxHeapUsedBytes: 0 } } } })
  await app.ready()
})
afterAll(async () => { await app.close() })

/** Holds the event loop, as a burst of synchronous work would. */
function block (ms: number): void {
  const until = Date.now() + ms
  while (Date.now() < until) { /* busy */ }
}

describe('load shedding', () => {
  it('answers 503 problems with Retry-After while the event loop lags; the probes answer for themselves', async () => {
    // shedding is armed two sample windows after start-up, whose own lag is not load
    await sleep(2200)

    // longer than a sample window (1 s), so a sample always falls due during the block: with a
    // shorter block, one falling due just after it came later than the request below now and then
    block(1100)
    await sleep(50) // the overdue sample is taken first
    const shed = await app.inject({ method: 'GET', url: '/v1/editions' })
    expect(shed.statusCode).toBe(503)
    expect(shed.headers['content-type']).toBe('application/problem+json; charset=utf-8')
    expect(shed.headers['retry-after']).toBe('10')
    expect(shed.json()).toMatchObject({ status: 503, type: 'http://quire.test/problems/overloaded', title: 'Service Unavailable' })

    const ready = await app.inject({ method: 'GET', url: '/health/ready' })
    expect(ready.statusCode).toBe(503)
    expect(ready.json()).toEqual({ status: 'unavailable' })
    expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200)
  })
})
