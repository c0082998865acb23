import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inject, test as base } from 'vitest'
import { buildApp, type AppOptions } from '../../src/app.js'
import type { Config } from '../../src/config.js'
import type { ApiKeyRole } from '../../src/db/schema.js'
import { fixedClock } from './clock.js'
import { openReadOnly } from './db.js'
import { issueKeys, type IssuedKey } from './keys.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** GRAPHQL_JIT for every test app; the `graphql-jit` project (vitest.config.ts) sets 0. */
    graphqlJit: number | null
  }
}

export function testConfig (overrides: Partial<Config> = {}): Config {
  return {
    env: 'test',
    port: 0,
    host: '127.0.0.1',
    metricsPort: null,
    databasePath: ':memory:',
    // a test database need not survive power loss; fsync at every commit would only slow the suite
    sqliteSynchronous: 'normal',
    logLevel: 'silent',
    publicBaseUrl: 'http://quire.test',
    articleUrlTemplate: 'https://example.org/{edition}/{slug}',
    categoryUrlTemplate: 'https://example.org/{edition}/category/{slug}',
    pageUrlTemplate: 'https://example.org/{edition}/{slug}',
    editionUrlTemplate: 'https://example.org/{edition}/',
    tagUrlTemplate: 'https://example.org/{edition}/tag/{slug}',
    authorUrlTemplate: 'https://example.org/{edition}/author/{slug}',
    galleryUrlTemplate: 'https://example.org/{edition}/gallery/{slug}',
    cursorSecret: 'test-cursor-secret-that-is-long-enough-000',
    cursorSecretIsEphemeral: false,
    seedDemo: false,
    graphiql: false,
    graphqlIntrospection: true,
    // graphql-js only, unless the project runs the GraphQL tests compiled from the first execution
    graphqlJit: inject('graphqlJit') ?? null,
    cache: { maxAge: 60, sMaxAge: 300, staleWhileRevalidate: 600 },
    responseCacheBytes: 8 * 1024 * 1024,
    corsOrigins: '*',
    videoEmbedHosts: ['youtube.com', 'www.youtube-nocookie.com', 'player.vimeo.com'],
    // the worker polls only in the webhook tests, which turn it on; loopback receivers are allowed
    webhooks: { worker: false, allowPrivateUrls: true, pollIntervalMs: 20, timeoutMs: 5000, retryBaseMs: 0, maxAttempts: 5, secretKey: 'test-webhook-secret-key-that-is-long-enough', secretKeyIsEphemeral: false },
    purges: { worker: false, targets: [], pollIntervalMs: 20, timeoutMs: 2000, retryBaseMs: 0, maxAttempts: 3 },
    clusterWorkers: 1,
    heapGrowingPercent: 0,
    backup: { dir: null, intervalMinutes: 0, keep: 7, s3: { endpoint: null, region: 'us-east-1', accessKeyId: null, secretAccessKey: null, forcePathStyle: false } },
    requireIfMatch: false,
    // the limiter runs but never trips in a test that injects hundreds of requests; load shedding on a
    // busy test machine would make unrelated tests flaky, so the guard tests turn both on themselves
    http: {
      requestTimeoutMs: 30_000,
      headersTimeoutMs: 15_000,
      keepAliveTimeoutMs: 5_000,
      trustProxy: false,
      rateLimit: { enabled: true, windowMs: 60_000, anonymousMax: 1_000_000, keyMax: 1_000_000 },
      loadShedding: { maxEventLoopDelayMs: 0, maxHeapUsedBytes: 0 },
      hstsMaxAge: 0
    },
    discussion: {
      maxDepth: 3,
      autoApproveReturning: false,
      // most test apps run on a fixed clock, where no form token can age; the comment tests set 3
      minSubmitSeconds: 0,
      tokenTtlSeconds: 7200,
      maxLinks: 2,
      maxLength: 5000,
      perIpMax: 5,
      perArticleMax: 60,
      rateWindowSeconds: 600,
      blocklist: ['viagra', 'spammer@example.com'],
      ipRetentionDays: 30,
      ipSalt: 'test-ip-salt-0123456789',
      contactRetentionDays: 180,
      // off: a test that wants the retention timer turns it on
      purgeIntervalMinutes: 0
    },
    // files go beside the test's database (removed with it); small limits keep the size tests cheap
    media: {
      storage: { driver: 'local', dir: null },
      tmpDir: null,
      maxBytes: { image: 25 * 1024 * 1024, video: 50 * 1024 * 1024, audio: 20 * 1024 * 1024, document: 20 * 1024 * 1024 },
      maxImagePixels: 100_000_000,
      imageWidths: [320, 640, 960, 1280, 1920, 2560],
      renditionsAtUpload: true
    },
    ...overrides
  }
}

/** A private copy of the seeded template database, removed by the returned cleanup. */
export function copyTemplateDatabase (): { path: string, cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'quire-test-'))
  const path = join(dir, 'quire.db')
  copyFileSync(inject('templateDatabase'), path)
  return { path, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

export type TestApp = Awaited<ReturnType<typeof buildApp>> & { databasePath: string }

export type TestAppOptions = Partial<Omit<AppOptions, 'config'>> & { config?: Partial<Config> }

/** Builds the real app on its own copy of the demo database, at the fixed test instant. */
export async function buildTestApp (options: TestAppOptions = {}): Promise<TestApp> {
  const db = copyTemplateDatabase()
  const app = await buildApp({
    clock: fixedClock(),
    ...options,
    config: testConfig({ databasePath: db.path, ...options.config })
  })
  app.addHook('onClose', async () => { db.cleanup() })
  return Object.assign(app, { databasePath: db.path })
}

/**
 * The one harness of a test file, as vitest fixtures: `app` (the real app on a private copy of
 * the seeded template database, built on first use and closed after the file), `keys` (an admin,
 * editor, author and preview key in that database) and `sql` (a read-only connection to it, for
 * expectations computed independently of the services). All three are file-scoped: one app per
 * file, never one per test, and never a re-seed. A file that needs other app options sets them
 * once with `test.override('appOptions', { … })` at its top level.
 *
 *   import { test } from '../helpers/app.js'
 *   test('lists articles', async ({ app, keys, sql }) => { … })
 */
export const test = base
  .extend('appOptions', { scope: 'file' }, (): TestAppOptions => ({}))
  .extend('app', { scope: 'file' }, async ({ appOptions }, { onCleanup }) => {
    const app = await buildTestApp(appOptions)
    onCleanup(async () => { await app.close() })
    return app
  })
  .extend('keys', { scope: 'file' }, ({ app }): Record<ApiKeyRole, IssuedKey> => issueKeys(app))
  .extend('sql', { scope: 'file' }, ({ app }, { onCleanup }) => {
    const sql = openReadOnly(app.databasePath)
    onCleanup(() => { sql.close() })
    return sql
  })
export const it = test
