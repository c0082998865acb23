import { connect, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HttpConfig } from '../../src/config.js'
import { routeRateLimit } from '../../src/http/rate-limit.js'
import { API_CSP, DOCS_CSP } from '../../src/http/security-headers.js'
import { issueKey } from '../helpers/keys.js'
import { buildTestApp, testConfig, type TestApp } from '../helpers/app.js'

// The edge against a real listening server and raw sockets: what inject cannot show (time limits,
// keep-alive, client addresses). Short limits keep it quick; no assertion is about durations.
const edgeHttp = (overrides: Partial<HttpConfig>): HttpConfig => ({ ...testConfig().http, ...overrides })

let edge: TestApp
let edgeLines: string[]
let limited: TestApp
let edgePort: number
let limitedUrl: string

beforeAll(async () => {
  edgeLines = []
  const logger = { level: 'debug', stream: { write: (line: string) => { edgeLines.push(line) } } }
  ;[edge, limited] = await Promise.all([
    buildTestApp({ logger, config: { http: edgeHttp({ requestTimeoutMs: 1000, headersTimeoutMs: 500, keepAliveTimeoutMs: 300 }) } }),
    buildTestApp({
      config: {
        http: edgeHttp({ trustProxy: ['127.0.0.1'], rateLimit: { enabled: true, windowMs: 60_000, anonymousMax: 3, keyMax: 5 } })
      }
    })
  ])
  await edge.listen({ port: 0, host: '127.0.0.1' })
  edgePort = (edge.server.address() as { port: number }).port
  limitedUrl = await limited.listen({ port: 0, host: '127.0.0.1' })
})
afterAll(async () => { await Promise.all([edge.close(), limited.close()]) })

/** Opens a raw connection, runs `drive` on it, and resolves with everything the server sent once it closed the connection. */
function exchange (drive: (socket: Socket) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    let received = ''
    const socket = connect(edgePort, '127.0.0.1', () => drive(socket))
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => { received += chunk })
    socket.on('error', reject)
    socket.on('close', () => resolve(received))
  })
}

describe('security headers', () => {
  it('are on API responses, errors included', async () => {
    for (const path of ['/v1/editions', '/v1/nothing-here', '/health/live']) {
      const res = await fetch(`http://127.0.0.1:${edgePort}${path}`)
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff')
      expect(res.headers.get('referrer-policy')).toBe('no-referrer')
      expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin')
      expect(res.headers.get('content-security-policy')).toBe(API_CSP)
      expect(res.headers.get('x-frame-options')).toBe('DENY')
      expect(res.headers.get('strict-transport-security')).toBeNull()
    }
  })

  it('give the docs page a policy that lets it load its own scripts, and the page and scripts are served', async () => {
    const page = await fetch(`http://127.0.0.1:${edgePort}/docs/`)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toBe(DOCS_CSP)
    const html = await page.text()
    expect(html).toContain('swagger-ui-bundle.js')
    const script = await fetch(`http://127.0.0.1:${edgePort}/docs/static/swagger-initializer.js`)
    expect(script.status).toBe(200)
    expect(script.headers.get('content-security-policy')).toBe(DOCS_CSP)
    expect(await script.text()).toContain('SwaggerUIBundle')
  })

  it('include HSTS only when configured', async () => {
    const app = await buildTestApp({ config: { http: edgeHttp({ hstsMaxAge: 31_536_000 }), graphiql: true } })
    try {
      const res = await app.inject({ method: 'GET', url: '/v1/editions' })
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000')
      const graphiql = await app.inject({ method: 'GET', url: '/graphiql' })
      expect(graphiql.statusCode).toBe(200)
      expect(graphiql.headers['content-security-policy']).toBe(DOCS_CSP)
    } finally {
      await app.close()
    }
  })
})

describe('time limits', () => {
  it('answer headers that never finish with 408 and close the connection', async () => {
    const received = await exchange((socket) => { socket.write('GET /v1/editions HTTP/1.1\r\nHost: quire.test\r\nX-Slow: ') })
    expect(received).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/)
    expect(received).toContain('content-type: application/problem+json'.replace('content-type', 'Content-Type'))
    expect(received).toContain('"type":"http://quire.test/problems/request-timeout"')
  })

  it('answer a body sent a byte at a time with 408 and close the connection', async () => {
    let timer: NodeJS.Timeout | undefined
    const received = await exchange((socket) => {
      socket.write('POST /graphql HTTP/1.1\r\nHost: quire.test\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{')
      timer = setInterval(() => { if (!socket.destroyed) socket.write(' ') }, 100)
    })
    clearInterval(timer)
    expect(received).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/)
    // the abandoned body is the client's doing: logged at info without a stack, never as an error
    const logged = edgeLines.map((line) => JSON.parse(line) as { level: number, msg: string, err?: unknown })
    expect(logged.some((entry) => entry.msg === 'client aborted the request' && entry.level === 30 && entry.err === undefined)).toBe(true)
    expect(logged.filter((entry) => entry.level >= 50)).toEqual([])
  })

  it('close an idle keep-alive connection after the keep-alive limit', async () => {
    // the client never closes: the exchange ends only because the server closes the idle connection
    const received = await exchange((socket) => {
      socket.write('GET /health/live HTTP/1.1\r\nHost: quire.test\r\nConnection: keep-alive\r\n\r\n')
    })
    expect(received).toMatch(/^HTTP\/1\.1 200 OK\r\n/)
    expect(received).toMatch(/\r\nConnection: keep-alive\r\n/i)
    expect(received.match(/HTTP\/1\.1 /g)).toHaveLength(1)
  })
})

describe('rate limits', () => {
  const from = (forwardedFor: string, headers: Record<string, string> = {}) =>
    fetch(`${limitedUrl}/v1/editions`, { headers: { 'x-forwarded-for': forwardedFor, ...headers } })

  it('count anonymous clients by their address behind a trusted proxy and answer 429 problems with Retry-After', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await from('203.0.113.7')
      expect(res.status).toBe(200)
      expect(res.headers.get('ratelimit-limit')).toBe('3')
      expect(res.headers.get('ratelimit-remaining')).toBe(String(2 - i))
      expect(Number(res.headers.get('ratelimit-reset'))).toBeGreaterThan(0)
    }
    const refused = await from('203.0.113.7', { origin: 'https://app.example.com' })
    expect(refused.status).toBe(429)
    // a browser client may read the refusal (and its Retry-After)
    expect(refused.headers.get('access-control-allow-origin')).toBe('*')
    expect(refused.headers.get('content-type')).toBe('application/problem+json; charset=utf-8')
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(refused.headers.get('ratelimit-remaining')).toBe('0')
    expect(await refused.json()).toMatchObject({ status: 429, type: 'http://quire.test/problems/rate-limited', title: 'Too Many Requests' })
    // another client behind the same proxy has its own allowance
    expect((await from('198.51.100.20')).status).toBe(200)
    // probes are never limited
    expect((await fetch(`${limitedUrl}/health/ready`, { headers: { 'x-forwarded-for': '203.0.113.7' } })).status).toBe(200)
  })

  it('believe X-Forwarded-For only from a trusted proxy', async () => {
    const untrusted = async (forwardedFor: string) => (await limited.inject({ method: 'GET', url: '/v1/editions', remoteAddress: '192.0.2.50', headers: { 'x-forwarded-for': forwardedFor } })).statusCode
    expect([await untrusted('203.0.113.1'), await untrusted('203.0.113.2'), await untrusted('203.0.113.3')]).toEqual([200, 200, 200])
    // a forged header per request does not buy a new allowance: the socket's address is counted
    expect(await untrusted('203.0.113.4')).toBe(429)
  })

  it('count each API key separately from the address it comes from', async () => {
    const key = issueKey(limited, 'preview')
    const statuses = []
    for (let i = 0; i < 6; i++) statuses.push((await from('203.0.113.7', key.auth)).status)
    // the address is over its anonymous limit already; the key has its own five
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429])
  })

  it('can be made stricter for one route, which counts on its own', async () => {
    const app = await buildTestApp({ config: { http: edgeHttp({ rateLimit: { enabled: true, windowMs: 60_000, anonymousMax: 100, keyMax: 100 } }) } })
    try {
      // a public form: a POST, which no cache answers before the route's own hooks run
      app.post('/v1/strict', { onRequest: routeRateLimit(app, { max: 2, windowMs: 60_000 }) }, async () => ({ ok: true }))
      const statuses = []
      for (let i = 0; i < 3; i++) statuses.push((await app.inject({ method: 'POST', url: '/v1/strict' })).statusCode)
      expect(statuses).toEqual([200, 200, 429])
      const other = await app.inject({ method: 'GET', url: '/v1/editions' })
      expect(other.statusCode).toBe(200)
      expect(other.headers['ratelimit-limit']).toBe('100')
      expect(other.headers['ratelimit-remaining']).toBe('96')
    } finally {
      await app.close()
    }
  })
})
