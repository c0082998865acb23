import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../helpers/app.js'

let open: TestApp
let restricted: TestApp
beforeAll(async () => {
  open = await buildTestApp()
  restricted = await buildTestApp({ config: { corsOrigins: ['https://news.example.org'] } })
})
afterAll(async () => {
  await open.close()
  await restricted.close()
})

describe('CORS for browser frontends', () => {
  it('answers preflights and exposes the caching headers', async () => {
    const preflight = await open.inject({
      method: 'OPTIONS', url: '/v1/articles',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match' }
    })
    expect(preflight.statusCode).toBe(204)
    expect(preflight.headers['access-control-allow-origin']).toBe('*')
    const res = await open.inject({ url: '/v1/editions', headers: { origin: 'https://app.example.com' } })
    expect(res.headers['access-control-allow-origin']).toBe('*')
    expect(res.headers['access-control-expose-headers']).toContain('etag')
    // a browser client can back off when rate limited
    expect(res.headers['access-control-expose-headers']).toContain('retry-after')
    expect(res.headers['access-control-expose-headers']).toContain('ratelimit-remaining')
    // refusals before any route runs are readable by the browser too
    const refused = await open.inject({ url: '/v1/editions', headers: { origin: 'https://app.example.com', authorization: 'Bearer not-a-key' } })
    expect(refused.statusCode).toBe(401)
    expect(refused.headers['access-control-allow-origin']).toBe('*')
  })

  it('only allows the configured origins when restricted', async () => {
    const allowed = await restricted.inject({ url: '/v1/editions', headers: { origin: 'https://news.example.org' } })
    expect(allowed.headers['access-control-allow-origin']).toBe('https://news.example.org')
    const other = await restricted.inject({ url: '/v1/editions', headers: { origin: 'https://evil.example.com' } })
    expect(other.headers['access-control-allow-origin']).toBeUndefined()
  })
})

describe('CORS with the response cache', () => {
  it('never replays one origin\'s CORS headers to another', async () => {
    await restricted.inject({ url: '/v1/tags?edition=en', headers: { origin: 'https://news.example.org' } })
    const replay = await restricted.inject({ url: '/v1/tags?edition=en', headers: { origin: 'https://evil.example.com' } })
    expect(replay.headers['x-cache']).toBe('HIT')
    expect(replay.headers['access-control-allow-origin']).toBeUndefined()
    const again = await restricted.inject({ url: '/v1/tags?edition=en', headers: { origin: 'https://news.example.org' } })
    expect(again.headers['x-cache']).toBe('HIT')
    expect(again.headers['access-control-allow-origin']).toBe('https://news.example.org')
    expect(again.headers.vary).toContain('Origin')
    expect(again.headers.vary).toContain('Accept-Encoding')
  })
})
