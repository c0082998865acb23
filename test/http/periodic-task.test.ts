import Fastify from 'fastify'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { registerPeriodicTask } from '../../src/http/periodic-task.js'

beforeEach(() => { vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] }) })
afterEach(() => { vi.useRealTimers() })

describe('registerPeriodicTask', () => {
  it('runs only between ready and close, and keeps running after a failed run', async () => {
    const app = Fastify({ logger: false })
    let runs = 0
    registerPeriodicTask(app, { name: 'test task', everyMs: 1_000, run: () => { runs++; if (runs === 1) throw new Error('first run fails') } })
    vi.advanceTimersByTime(5_000)
    expect(runs).toBe(0)
    await app.ready()
    expect(vi.getTimerCount()).toBe(1)
    vi.advanceTimersByTime(3_000)
    expect(runs).toBe(3)
    await app.close()
    expect(vi.getTimerCount()).toBe(0)
    vi.advanceTimersByTime(10_000)
    expect(runs).toBe(3)
  })

  it('starts nothing when the period is 0', async () => {
    const app = Fastify({ logger: false })
    let runs = 0
    registerPeriodicTask(app, { name: 'off', everyMs: 0, run: () => { runs++ } })
    await app.ready()
    expect(vi.getTimerCount()).toBe(0)
    vi.advanceTimersByTime(60_000)
    expect(runs).toBe(0)
    await app.close()
  })
})
