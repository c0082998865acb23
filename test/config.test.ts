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

  it.each([
    ['PORT', 'abc'], ['PORT', '70000'], ['LOG_LEVEL', 'loud'], ['PUBLIC_BASE_URL', 'ftp://x'],
    ['CURSOR_SECRET', 'short'], ['SEED_DEMO', 'perhaps'], ['ARTICLE_URL_TEMPLATE', 'https://example.org/no-slug'], ['SQLITE_SYNCHRONOUS', 'off']
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
