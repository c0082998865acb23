import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../src/config.js'

describe('loadConfig', () => {
  it('has working defaults for a fresh clone', () => {
    const config = loadConfig({})
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', databasePath: 'data/quire.db', logLevel: 'info', publicBaseUrl: 'http://127.0.0.1:3000', seedDemo: true })
    expect(config.cursorSecretIsEphemeral).toBe(true)
    // an acknowledged write survives power loss unless the operator trades that for speed
    expect(config.sqliteSynchronous).toBe('full')
    expect(loadConfig({ SQLITE_SYNCHRONOUS: 'normal' }).sqliteSynchronous).toBe('normal')
    expect(config.cursorSecret).toHaveLength(64)
  })

  it('compiles hot GraphQL documents after GRAPHQL_JIT executions: 10 by default, 0 from the first, off never', () => {
    expect(loadConfig({}).graphqlJit).toBe(10)
    expect(loadConfig({ GRAPHQL_JIT: '0' }).graphqlJit).toBe(0)
    expect(loadConfig({ GRAPHQL_JIT: '3' }).graphqlJit).toBe(3)
    expect(loadConfig({ GRAPHQL_JIT: 'off' }).graphqlJit).toBeNull()
    expect(() => loadConfig({ GRAPHQL_JIT: 'on' })).toThrow(/GRAPHQL_JIT/)
    expect(() => loadConfig({ GRAPHQL_JIT: '-1' })).toThrow(/GRAPHQL_JIT/)
  })

  it('converts and validates values from the environment', () => {
    const config = loadConfig({ PORT: '8080', HOST: '0.0.0.0', SEED_DEMO: 'false', PUBLIC_BASE_URL: 'https://api.example.org/', CURSOR_SECRET: 'k'.repeat(40), UNRELATED: 'x' })
    expect(config).toMatchObject({ port: 8080, host: '0.0.0.0', seedDemo: false, publicBaseUrl: 'https://api.example.org', cursorSecretIsEphemeral: false })
  })

  it('requires If-Match only when REQUIRE_IF_MATCH is true', () => {
    expect(loadConfig({}).requireIfMatch).toBe(false)
    expect(loadConfig({ REQUIRE_IF_MATCH: 'true' }).requireIfMatch).toBe(true)
    expect(() => loadConfig({ REQUIRE_IF_MATCH: 'sometimes' })).toThrow(/^invalid configuration: REQUIRE_IF_MATCH=/)
  })

  it('encrypts webhook secrets with WEBHOOK_SECRET_KEY, else CURSOR_SECRET, and says when the key will not survive a restart', () => {
    expect(loadConfig({ WEBHOOK_SECRET_KEY: 'w'.repeat(32), CURSOR_SECRET: 'c'.repeat(32) }).webhooks).toMatchObject({ secretKey: 'w'.repeat(32), secretKeyIsEphemeral: false })
    expect(loadConfig({ CURSOR_SECRET: 'c'.repeat(32) }).webhooks).toMatchObject({ secretKey: 'c'.repeat(32), secretKeyIsEphemeral: false })
    const fresh = loadConfig({})
    expect(fresh.webhooks.secretKeyIsEphemeral).toBe(true)
    expect(fresh.webhooks.secretKey).toBe(fresh.cursorSecret)
    expect(() => loadConfig({ WEBHOOK_SECRET_KEY: 'short' })).toThrow(/^invalid configuration: WEBHOOK_SECRET_KEY=/)
  })

  it('reads the network edge settings, with defaults for an API behind nothing in particular', () => {
    const defaults = loadConfig({}).http
    expect(defaults).toMatchObject({
      requestTimeoutMs: 30_000, headersTimeoutMs: 15_000, keepAliveTimeoutMs: 5_000, trustProxy: false, hstsMaxAge: 0,
      rateLimit: { enabled: true, windowMs: 60_000, anonymousMax: 600, keyMax: 6000 }
    })
    expect(defaults.loadShedding.maxEventLoopDelayMs).toBe(1000)
    expect(defaults.loadShedding.maxHeapUsedBytes).toBeGreaterThan(0)
    expect(loadConfig({ NODE_ENV: 'production', PUBLIC_BASE_URL: 'https://api.example.org' }).http.hstsMaxAge).toBe(31_536_000)
    expect(loadConfig({ NODE_ENV: 'production', PUBLIC_BASE_URL: 'https://api.example.org', HSTS_MAX_AGE: '0' }).http.hstsMaxAge).toBe(0)
    expect(loadConfig({ LOAD_SHED_MAX_HEAP_MB: '0', RATE_LIMIT_ENABLED: 'false' }).http).toMatchObject({ loadShedding: { maxHeapUsedBytes: 0 }, rateLimit: { enabled: false } })
    expect(loadConfig({ TRUST_PROXY: 'true' }).http.trustProxy).toBe(true)
    expect(loadConfig({ TRUST_PROXY: '2' }).http.trustProxy).toBe(2)
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8,::1' }).http.trustProxy).toEqual(['10.0.0.0/8', '::1'])
  })

  it('grows the heap by 30 % between full collections unless told otherwise; 0 keeps V8\'s own growth', () => {
    expect(loadConfig({}).heapGrowingPercent).toBe(30)
    expect(loadConfig({ HEAP_GROWING_PERCENT: '0' }).heapGrowingPercent).toBe(0)
    expect(loadConfig({ HEAP_GROWING_PERCENT: '100' }).heapGrowingPercent).toBe(100)
  })

  it.each([
    ['TRUST_PROXY', 'everyone'], ['REQUEST_TIMEOUT_MS', '0'], ['RATE_LIMIT_ANONYMOUS_MAX', '0'],
    ['PORT', 'abc'], ['PORT', '70000'], ['LOG_LEVEL', 'loud'], ['PUBLIC_BASE_URL', 'ftp://x'],
    ['CURSOR_SECRET', 'short'], ['SEED_DEMO', 'perhaps'], ['ARTICLE_URL_TEMPLATE', 'https://example.org/no-slug'], ['SQLITE_SYNCHRONOUS', 'off'],
    ['TAG_URL_TEMPLATE', 'https://example.org/{lang}/tag/{slug}'], ['AUTHOR_URL_TEMPLATE', 'https://example.org/author/{slug'], ['GALLERY_URL_TEMPLATE', 'https://exa mple.org/{slug}'],
    ['CATEGORY_URL_TEMPLATE', 'https://{edition}:x/{slug}'], ['HEAP_GROWING_PERCENT', '-5'], ['HEAP_GROWING_PERCENT', '1000'], ['HEAP_GROWING_PERCENT', 'lots']
  ])('rejects %s=%s naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError)
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^invalid configuration: ${name}=`))
  })

  it('stops the server with a one-line message naming the variable', async () => {
    const run = promisify(execFile)
    const failure = await run(process.execPath, ['--import', 'tsx', 'src/server.ts'], { env: { ...process.env, PORT: 'not-a-port' } })
      .then(() => null, (error: { code: number, stderr: string }) => error)
    expect(failure).not.toBeNull()
    expect(failure!.code).toBe(1)
    const lines = failure!.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/PORT="not-a-port"/)
  })
})
