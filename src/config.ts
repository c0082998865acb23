import { Type, type Static } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { randomBytes } from 'node:crypto'

const LogLevel = Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)))

export const EnvSchema = Type.Object({
  NODE_ENV: Type.Union([Type.Literal('production'), Type.Literal('development'), Type.Literal('test')], { default: 'production' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  DATABASE_PATH: Type.String({ minLength: 1, default: 'data/quire.db' }),
  // full: every commit is on disk before it is acknowledged (docs/security.md, Durability); normal: faster, may lose the last commits on power loss
  SQLITE_SYNCHRONOUS: Type.Union([Type.Literal('full'), Type.Literal('normal')], { default: 'full' }),
  LOG_LEVEL: Type.Union(LogLevel.anyOf, { default: 'info' }),
  // absolute base for links in responses; defaults to http://HOST:PORT
  PUBLIC_BASE_URL: Type.Optional(Type.String({ pattern: '^https?://[^\\s/]+(/[^\\s]*)?$' })),
  // {edition} and {slug} are substituted (slug percent-encoded) to build each article's public URL
  ARTICLE_URL_TEMPLATE: Type.String({ pattern: '^https?://[^\\s]*\\{slug\\}[^\\s]*$', default: 'https://example.org/{edition}/{slug}' }),
  // the same for categories and pages (feeds, sitemaps), and {edition} alone for an edition's home page
  CATEGORY_URL_TEMPLATE: Type.String({ pattern: '^https?://[^\\s]*\\{slug\\}[^\\s]*$', default: 'https://example.org/{edition}/category/{slug}' }),
  PAGE_URL_TEMPLATE: Type.String({ pattern: '^https?://[^\\s]*\\{slug\\}[^\\s]*$', default: 'https://example.org/{edition}/{slug}' }),
  EDITION_URL_TEMPLATE: Type.String({ pattern: '^https?://[^\\s]*\\{edition\\}[^\\s]*$', default: 'https://example.org/{edition}/' }),
  CURSOR_SECRET: Type.Optional(Type.String({ minLength: 32 })),
  SEED_DEMO: Type.Boolean({ default: true }),
  GRAPHIQL: Type.Optional(Type.Boolean()),
  GRAPHQL_INTROSPECTION: Type.Optional(Type.Boolean()),
  CACHE_MAX_AGE: Type.Integer({ minimum: 0, default: 60 }),
  CACHE_S_MAXAGE: Type.Integer({ minimum: 0, default: 300 }),
  CACHE_STALE_WHILE_REVALIDATE: Type.Integer({ minimum: 0, default: 600 }),
  RESPONSE_CACHE_MB: Type.Integer({ minimum: 0, maximum: 4096, default: 32 }),
  // comma-separated browser origins allowed to call the API, or * for any (no cookies are used, so * is safe for reads)
  CORS_ORIGINS: Type.String({ pattern: '^(\\*|https?://[^\\s,]+(,https?://[^\\s,]+)*)$', default: '*' }),
  // hosts (and their subdomains) whose https players may be embedded as iframes in rich-text bodies
  VIDEO_EMBED_HOSTS: Type.String({ pattern: '^[a-z0-9.-]+(,[a-z0-9.-]+)*$', default: 'youtube.com,www.youtube-nocookie.com,player.vimeo.com' }),
  // webhooks (docs/webhooks.md): the delivery worker, and whether endpoints may be private/loopback addresses
  WEBHOOK_WORKER: Type.Boolean({ default: true }),
  WEBHOOK_ALLOW_PRIVATE_URLS: Type.Boolean({ default: false }),
  WEBHOOK_POLL_INTERVAL_MS: Type.Integer({ minimum: 10, maximum: 600_000, default: 1000 }),
  WEBHOOK_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 120_000, default: 10_000 }),
  WEBHOOK_RETRY_BASE_MS: Type.Integer({ minimum: 0, maximum: 3_600_000, default: 30_000 }),
  WEBHOOK_MAX_ATTEMPTS: Type.Integer({ minimum: 1, maximum: 50, default: 12 }),
  // encrypts webhook signing secrets at rest (docs/security.md, Secrets); CURSOR_SECRET when unset
  WEBHOOK_SECRET_KEY: Type.Optional(Type.String({ minLength: 32 })),
  // writes to existing versioned resources must say which version they change (docs/security.md)
  REQUIRE_IF_MATCH: Type.Boolean({ default: false })
}, { additionalProperties: true })

export type Env = Static<typeof EnvSchema>

export interface Config {
  env: 'production' | 'development' | 'test'
  port: number
  host: string
  databasePath: string
  /** SQLite `synchronous` in WAL mode: `full` survives power loss, `normal` only process crashes. */
  sqliteSynchronous: 'full' | 'normal'
  logLevel: string
  publicBaseUrl: string
  articleUrlTemplate: string
  categoryUrlTemplate: string
  pageUrlTemplate: string
  editionUrlTemplate: string
  cursorSecret: string
  cursorSecretIsEphemeral: boolean
  seedDemo: boolean
  graphiql: boolean
  graphqlIntrospection: boolean
  cache: { maxAge: number, sMaxAge: number, staleWhileRevalidate: number }
  responseCacheBytes: number
  corsOrigins: '*' | string[]
  videoEmbedHosts: readonly string[]
  webhooks: WebhookConfig
  /** PATCH, DELETE and workflow actions (and GraphQL's update/delete mutations) need If-Match / expectedVersion: 428 without. */
  requireIfMatch: boolean
}

export interface WebhookConfig {
  /** Run the delivery worker in this process (several instances may: deliveries are leased). */
  worker: boolean
  /** Accept endpoints on loopback, private and link-local addresses, and plain http in production. */
  allowPrivateUrls: boolean
  pollIntervalMs: number
  timeoutMs: number
  /** The first retry waits about this long, each later one twice as long (with jitter, capped at 6 hours). */
  retryBaseMs: number
  maxAttempts: number
  /** Key material for the encryption of signing secrets at rest (WEBHOOK_SECRET_KEY, else CURSOR_SECRET). */
  secretKey: string
  /** Neither variable is set: secrets stored now cannot be read after a restart. */
  secretKeyIsEphemeral: boolean
}

export class ConfigError extends Error {}

/** Reads the environment once; every problem is named by its variable so the process can stop with one line. */
export function loadConfig (source: Record<string, string | undefined>): Config {
  const known = Object.keys(EnvSchema.properties)
  const input: Record<string, unknown> = {}
  for (const key of known) {
    const value = source[key]
    if (value !== undefined && value !== '') input[key] = value
  }
  const converted = Value.Convert(EnvSchema, Value.Default(EnvSchema, input))
  const errors = [...Value.Errors(EnvSchema, converted)]
  if (errors.length > 0) {
    const messages = errors.map((e) => {
      const name = e.path.replace(/^\//, '')
      return `${name}=${JSON.stringify(input[name] ?? null)} ${e.message}`
    })
    throw new ConfigError(`invalid configuration: ${[...new Set(messages)].join('; ')}`)
  }
  const env = converted as Env
  const development = env.NODE_ENV === 'development'
  const cursorSecret = env.CURSOR_SECRET ?? randomBytes(32).toString('hex')
  return Object.freeze({
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    databasePath: env.DATABASE_PATH,
    sqliteSynchronous: env.SQLITE_SYNCHRONOUS,
    logLevel: env.LOG_LEVEL,
    publicBaseUrl: (env.PUBLIC_BASE_URL ?? `http://${env.HOST}:${env.PORT}`).replace(/\/+$/, ''),
    articleUrlTemplate: env.ARTICLE_URL_TEMPLATE,
    categoryUrlTemplate: env.CATEGORY_URL_TEMPLATE,
    pageUrlTemplate: env.PAGE_URL_TEMPLATE,
    editionUrlTemplate: env.EDITION_URL_TEMPLATE,
    cursorSecret,
    cursorSecretIsEphemeral: env.CURSOR_SECRET === undefined,
    seedDemo: env.SEED_DEMO,
    graphiql: env.GRAPHIQL ?? development,
    graphqlIntrospection: env.GRAPHQL_INTROSPECTION ?? development,
    cache: { maxAge: env.CACHE_MAX_AGE, sMaxAge: env.CACHE_S_MAXAGE, staleWhileRevalidate: env.CACHE_STALE_WHILE_REVALIDATE },
    responseCacheBytes: env.RESPONSE_CACHE_MB * 1024 * 1024,
    corsOrigins: env.CORS_ORIGINS === '*' ? '*' : env.CORS_ORIGINS.split(','),
    videoEmbedHosts: Object.freeze(env.VIDEO_EMBED_HOSTS.split(',')),
    webhooks: Object.freeze({
      worker: env.WEBHOOK_WORKER,
      allowPrivateUrls: env.WEBHOOK_ALLOW_PRIVATE_URLS,
      pollIntervalMs: env.WEBHOOK_POLL_INTERVAL_MS,
      timeoutMs: env.WEBHOOK_TIMEOUT_MS,
      retryBaseMs: env.WEBHOOK_RETRY_BASE_MS,
      maxAttempts: env.WEBHOOK_MAX_ATTEMPTS,
      secretKey: env.WEBHOOK_SECRET_KEY ?? cursorSecret,
      secretKeyIsEphemeral: env.WEBHOOK_SECRET_KEY === undefined && env.CURSOR_SECRET === undefined
    }),
    requireIfMatch: env.REQUIRE_IF_MATCH
  })
}
