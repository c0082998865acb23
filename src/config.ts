import { Type, type Static } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { randomBytes } from 'node:crypto'
import { availableParallelism } from 'node:os'
import { getHeapStatistics } from 'node:v8'

const LogLevel = Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)))

export const EnvSchema = Type.Object({
  NODE_ENV: Type.Union([Type.Literal('production'), Type.Literal('development'), Type.Literal('test')], { default: 'production' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  // Prometheus /metrics on its own port (bind it to an internal network), open there; unset: on PORT for admin keys only
  METRICS_PORT: Type.Optional(Type.Integer({ minimum: 0, maximum: 65535 })),
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
  // tags, authors (in the edition a response is for) and galleries; templates may hold only {edition} and {slug}
  TAG_URL_TEMPLATE: Type.String({ pattern: '^https?://[^\\s]*\\{slug\\}[^\\s]*$', default: 'https://example.org/{edition}/tag/{slug}' }),
  AUTHOR_URL_TEMPLATE: Type.String({ pattern: '^https?://[^\\s]*\\{slug\\}[^\\s]*$', default: 'https://example.org/{edition}/author/{slug}' }),
  GALLERY_URL_TEMPLATE: Type.String({ pattern: '^https?://[^\\s]*\\{slug\\}[^\\s]*$', default: 'https://example.org/{edition}/gallery/{slug}' }),
  CURSOR_SECRET: Type.Optional(Type.String({ minLength: 32 })),
  SEED_DEMO: Type.Boolean({ default: true }),
  GRAPHIQL: Type.Optional(Type.Boolean()),
  GRAPHQL_INTROSPECTION: Type.Optional(Type.Boolean()),
  // a GraphQL document executed this many times runs compiled (graphql-jit) from then on; 0: from its first run; off: never
  GRAPHQL_JIT: Type.Union([Type.Literal('off'), Type.Integer({ minimum: 0, maximum: 1_000_000 })], { default: 10 }),
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
  // cache purges (docs/caching.md, Purging): the targets each write's surrogate keys are sent to
  PURGE_WORKER: Type.Boolean({ default: true }),
  // comma-separated base URLs of Varnish nodes running deploy/varnish/default.vcl; each gets every purge
  PURGE_VARNISH_URLS: Type.String({ pattern: '^(https?://[^\\s,]+(,https?://[^\\s,]+)*)?$', default: '' }),
  // soft purge (xkey-softpurge, Fastly-Soft-Purge): stale objects keep serving within grace while refetched
  PURGE_SOFT: Type.Boolean({ default: true }),
  PURGE_FASTLY_SERVICE_ID: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9]{1,64}$' })),
  PURGE_FASTLY_TOKEN: Type.Optional(Type.String({ minLength: 8 })),
  PURGE_FASTLY_API_URL: Type.String({ pattern: '^https?://[^\\s]+$', default: 'https://api.fastly.com' }),
  PURGE_CLOUDFLARE_ZONE_ID: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9]{1,64}$' })),
  PURGE_CLOUDFLARE_TOKEN: Type.Optional(Type.String({ minLength: 8 })),
  PURGE_CLOUDFLARE_API_URL: Type.String({ pattern: '^https?://[^\\s]+$', default: 'https://api.cloudflare.com/client/v4' }),
  PURGE_POLL_INTERVAL_MS: Type.Integer({ minimum: 10, maximum: 600_000, default: 1000 }),
  PURGE_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 120_000, default: 5000 }),
  PURGE_RETRY_BASE_MS: Type.Integer({ minimum: 0, maximum: 3_600_000, default: 1000 }),
  PURGE_MAX_ATTEMPTS: Type.Integer({ minimum: 1, maximum: 100, default: 15 }),
  // HTTP processes sharing the port and the database file (node:cluster); 0: one per core (docs/deployment.md)
  CLUSTER_WORKERS: Type.Integer({ minimum: 0, maximum: 64, default: 1 }),
  // scheduled online backups (docs/operations.md, Backups): where, how often (0: off), how many kept
  BACKUP_DIR: Type.Optional(Type.String({ minLength: 1 })),
  BACKUP_INTERVAL_MINUTES: Type.Integer({ minimum: 0, maximum: 10_080, default: 0 }),
  BACKUP_KEEP: Type.Integer({ minimum: 1, maximum: 1000, default: 7 }),
  // writes to existing versioned resources must say which version they change (docs/security.md)
  REQUIRE_IF_MATCH: Type.Boolean({ default: false }),
  // the network edge (docs/security.md): time limits, the proxy in front, rate limits, load shedding, HSTS
  REQUEST_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 3_600_000, default: 30_000 }),
  HEADERS_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 600_000, default: 15_000 }),
  KEEP_ALIVE_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 600_000, default: 5_000 }),
  // false, true (any proxy: only when nothing can reach the server except through it), a hop count, or addresses/CIDRs
  TRUST_PROXY: Type.String({ pattern: '^(true|false|[0-9]{1,2}|[0-9a-fA-F.:/]+(,[0-9a-fA-F.:/]+)*)$', default: 'false' }),
  RATE_LIMIT_ENABLED: Type.Boolean({ default: true }),
  RATE_LIMIT_WINDOW_MS: Type.Integer({ minimum: 1000, maximum: 86_400_000, default: 60_000 }),
  RATE_LIMIT_ANONYMOUS_MAX: Type.Integer({ minimum: 1, default: 600 }),
  RATE_LIMIT_KEY_MAX: Type.Integer({ minimum: 1, default: 6000 }),
  LOAD_SHED_MAX_EVENT_LOOP_DELAY_MS: Type.Integer({ minimum: 0, maximum: 60_000, default: 1000 }),
  // unset: 90 % of the V8 heap limit; 0 turns the heap check off
  LOAD_SHED_MAX_HEAP_MB: Type.Optional(Type.Integer({ minimum: 0 })),
  // how far V8 lets the heap grow past what the last full collection kept, in percent; 0 leaves V8's own (docs/deployment.md)
  HEAP_GROWING_PERCENT: Type.Integer({ minimum: 0, maximum: 400, default: 30 }),
  // unset: one year in production when PUBLIC_BASE_URL is https, else off; 0 turns it off
  HSTS_MAX_AGE: Type.Optional(Type.Integer({ minimum: 0, maximum: 63_072_000 })),
  // readers' comments and the contact form (docs/comments.md)
  COMMENTS_MAX_DEPTH: Type.Integer({ minimum: 1, maximum: 10, default: 3 }),
  COMMENTS_AUTO_APPROVE_RETURNING: Type.Boolean({ default: false }),
  COMMENTS_MIN_SUBMIT_SECONDS: Type.Integer({ minimum: 0, maximum: 3600, default: 3 }),
  COMMENTS_TOKEN_TTL_SECONDS: Type.Integer({ minimum: 60, maximum: 86_400, default: 7200 }),
  COMMENTS_MAX_LINKS: Type.Integer({ minimum: 0, maximum: 100, default: 2 }),
  COMMENTS_MAX_LENGTH: Type.Integer({ minimum: 100, maximum: 100_000, default: 5000 }),
  COMMENTS_PER_IP_MAX: Type.Integer({ minimum: 1, default: 5 }),
  COMMENTS_PER_ARTICLE_MAX: Type.Integer({ minimum: 1, default: 60 }),
  COMMENTS_RATE_WINDOW_SECONDS: Type.Integer({ minimum: 1, maximum: 86_400, default: 600 }),
  // comma-separated words, email addresses and IP addresses whose comments and messages go to spam
  COMMENTS_BLOCKLIST: Type.String({ default: '' }),
  COMMENTS_IP_RETENTION_DAYS: Type.Integer({ minimum: 1, maximum: 3650, default: 30 }),
  // salts the stored IP hashes; CURSOR_SECRET when unset
  COMMENTS_IP_SALT: Type.Optional(Type.String({ minLength: 16 })),
  CONTACT_RETENTION_DAYS: Type.Integer({ minimum: 1, maximum: 3650, default: 180 }),
  // how often the running app applies both retentions without waiting for a submission; 0 turns the timer off
  COMMENTS_PURGE_INTERVAL_MINUTES: Type.Integer({ minimum: 0, maximum: 10_080, default: 60 }),
  // uploaded media files (docs/media.md): where they are stored, how large each kind may be, image renditions
  MEDIA_STORAGE: Type.Union([Type.Literal('local'), Type.Literal('s3')], { default: 'local' }),
  // local storage root; unset: a media/ folder beside DATABASE_PATH
  MEDIA_DIR: Type.Optional(Type.String({ minLength: 1 })),
  // uploads are written here while they arrive; unset: MEDIA_DIR/.uploads (local) or the system temp folder (s3)
  MEDIA_TMP_DIR: Type.Optional(Type.String({ minLength: 1 })),
  MEDIA_S3_ENDPOINT: Type.Optional(Type.String({ pattern: '^https?://[^\\s]+$' })),
  MEDIA_S3_REGION: Type.String({ minLength: 1, default: 'us-east-1' }),
  MEDIA_S3_BUCKET: Type.Optional(Type.String({ minLength: 3, maxLength: 63 })),
  MEDIA_S3_PREFIX: Type.String({ pattern: '^([A-Za-z0-9._-]+/)*$', default: '' }),
  MEDIA_S3_ACCESS_KEY_ID: Type.Optional(Type.String({ minLength: 1 })),
  MEDIA_S3_SECRET_ACCESS_KEY: Type.Optional(Type.String({ minLength: 1 })),
  // path-style URLs (http://host/bucket/key), which MinIO and most emulators need; unset: on when an endpoint is set
  MEDIA_S3_FORCE_PATH_STYLE: Type.Optional(Type.Boolean()),
  MEDIA_MAX_IMAGE_MB: Type.Integer({ minimum: 1, maximum: 1024, default: 25 }),
  MEDIA_MAX_VIDEO_MB: Type.Integer({ minimum: 1, maximum: 5120, default: 2048 }),
  MEDIA_MAX_AUDIO_MB: Type.Integer({ minimum: 1, maximum: 5120, default: 200 }),
  MEDIA_MAX_DOCUMENT_MB: Type.Integer({ minimum: 1, maximum: 5120, default: 100 }),
  // decoded pixels an image may have (width × height): larger ones, and decompression bombs, are refused
  MEDIA_MAX_IMAGE_PIXELS: Type.Integer({ minimum: 1, maximum: 1_000_000_000, default: 100_000_000 }),
  MEDIA_IMAGE_WIDTHS: Type.String({ pattern: '^[1-9][0-9]{1,4}(,[1-9][0-9]{1,4})*$', default: '320,640,960,1280,1920,2560' }),
  // an upload answers once its srcset renditions are stored; false: each is made on its first request
  MEDIA_RENDITIONS_AT_UPLOAD: Type.Boolean({ default: true })
}, { additionalProperties: true })

export type Env = Static<typeof EnvSchema>

export interface Config {
  env: 'production' | 'development' | 'test'
  port: number
  host: string
  /** Serve /metrics on this port (unauthenticated, beside the API); null: on the API port for admin keys. */
  metricsPort: number | null
  databasePath: string
  /** SQLite `synchronous` in WAL mode: `full` survives power loss, `normal` only process crashes. */
  sqliteSynchronous: 'full' | 'normal'
  logLevel: string
  publicBaseUrl: string
  articleUrlTemplate: string
  categoryUrlTemplate: string
  pageUrlTemplate: string
  editionUrlTemplate: string
  tagUrlTemplate: string
  authorUrlTemplate: string
  galleryUrlTemplate: string
  cursorSecret: string
  cursorSecretIsEphemeral: boolean
  seedDemo: boolean
  graphiql: boolean
  graphqlIntrospection: boolean
  /**
   * Executions of one GraphQL document by graphql-js before it is compiled with graphql-jit and run
   * compiled from then on; 0 compiles before its first execution; null never compiles.
   */
  graphqlJit: number | null
  cache: { maxAge: number, sMaxAge: number, staleWhileRevalidate: number }
  responseCacheBytes: number
  corsOrigins: '*' | string[]
  videoEmbedHosts: readonly string[]
  webhooks: WebhookConfig
  purges: PurgeConfig
  /** HTTP processes on this machine (node:cluster); 1 runs no cluster primary. */
  clusterWorkers: number
  /** V8's heap growing step for the server process, in percent; 0: V8's default. */
  heapGrowingPercent: number
  backup: BackupConfig
  /** PATCH, DELETE and workflow actions (and GraphQL's update/delete mutations) need If-Match / expectedVersion: 428 without. */
  requireIfMatch: boolean
  http: HttpConfig
  discussion: DiscussionConfig
  media: MediaConfig
}

export type MediaKindName = 'image' | 'video' | 'audio' | 'document'

export type MediaStorageConfig =
  | { driver: 'local', dir: string | null }
  | { driver: 's3', endpoint: string | null, region: string, bucket: string, prefix: string, accessKeyId: string | null, secretAccessKey: string | null, forcePathStyle: boolean }

/** Uploaded media files: see docs/media.md. */
export interface MediaConfig {
  storage: MediaStorageConfig
  /** Where uploads are written while they arrive; null: beside the stored files (local) or the system temp folder. */
  tmpDir: string | null
  /** Bytes an upload of each kind may have. */
  maxBytes: Readonly<Record<MediaKindName, number>>
  maxImagePixels: number
  /** Rendition widths in pixels, ascending; an image gets those narrower than itself. */
  imageWidths: readonly number[]
  /** Whether an upload makes its srcset renditions before it answers (else: on first request). */
  renditionsAtUpload: boolean
}

/** Readers' comments and the contact form: see docs/comments.md. */
export interface DiscussionConfig {
  /** Replies nest at most this deep (a top-level comment is depth 1). */
  maxDepth: number
  /** A commenter with an approved comment under the same email is approved at once. */
  autoApproveReturning: boolean
  /** The comment token must be at least this old: bots submit faster than people type. */
  minSubmitSeconds: number
  tokenTtlSeconds: number
  maxLinks: number
  maxLength: number
  /** Submissions (comments and contact messages each) per client address, and comments per article, per window. */
  perIpMax: number
  perArticleMax: number
  rateWindowSeconds: number
  /** Lower-cased words, emails and IP addresses. */
  blocklist: readonly string[]
  ipRetentionDays: number
  ipSalt: string
  contactRetentionDays: number
  /** The retention timer's period; 0: off (tests, or a cron running `quire comments purge` instead). */
  purgeIntervalMinutes: number
}

/** The network edge: see docs/security.md. */
export interface HttpConfig {
  /** The whole request, headers and body, must arrive within this (slow bodies); later media uploads will need their own, longer limit. */
  requestTimeoutMs: number
  /** The request line and headers must arrive within this (slow headers). */
  headersTimeoutMs: number
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number
  /** fastify `trustProxy`: which hops' X-Forwarded-For is believed for the client address. */
  trustProxy: boolean | number | string[]
  rateLimit: { enabled: boolean, windowMs: number, anonymousMax: number, keyMax: number }
  /** 0 turns a check off. */
  loadShedding: { maxEventLoopDelayMs: number, maxHeapUsedBytes: number }
  /** Strict-Transport-Security max-age in seconds; 0 sends no header. */
  hstsMaxAge: number
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

/** Where a write's surrogate keys are purged: see docs/caching.md, Purging. */
export type PurgeTarget =
  | { kind: 'varnish', name: string, url: string, soft: boolean }
  | { kind: 'fastly', name: string, apiUrl: string, serviceId: string, token: string, soft: boolean }
  | { kind: 'cloudflare', name: string, apiUrl: string, zoneId: string, token: string }

export interface BackupConfig {
  /** Null: no scheduled backups. */
  dir: string | null
  /** 0: off. */
  intervalMinutes: number
  /** The newest this many backups are kept; older ones are deleted after each new one. */
  keep: number
  /** How `s3://` backup locations are reached: the MEDIA_S3_* connection settings, whatever MEDIA_STORAGE is. */
  s3: S3Connection
}

export interface S3Connection { endpoint: string | null, region: string, accessKeyId: string | null, secretAccessKey: string | null, forcePathStyle: boolean }

export interface PurgeConfig {
  /** Run the purge worker in this process (several processes may: jobs are leased). */
  worker: boolean
  targets: readonly PurgeTarget[]
  pollIntervalMs: number
  timeoutMs: number
  /** The first retry waits about this long, each later one twice as long (with jitter). */
  retryBaseMs: number
  maxAttempts: number
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
  const badTemplates = urlTemplateProblems(env)
  if (badTemplates.length > 0) throw new ConfigError(`invalid configuration: ${badTemplates.join('; ')}`)
  const development = env.NODE_ENV === 'development'
  const cursorSecret = env.CURSOR_SECRET ?? randomBytes(32).toString('hex')
  return Object.freeze({
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    metricsPort: env.METRICS_PORT ?? null,
    databasePath: env.DATABASE_PATH,
    sqliteSynchronous: env.SQLITE_SYNCHRONOUS,
    logLevel: env.LOG_LEVEL,
    publicBaseUrl: (env.PUBLIC_BASE_URL ?? `http://${env.HOST}:${env.PORT}`).replace(/\/+$/, ''),
    articleUrlTemplate: env.ARTICLE_URL_TEMPLATE,
    categoryUrlTemplate: env.CATEGORY_URL_TEMPLATE,
    pageUrlTemplate: env.PAGE_URL_TEMPLATE,
    editionUrlTemplate: env.EDITION_URL_TEMPLATE,
    tagUrlTemplate: env.TAG_URL_TEMPLATE,
    authorUrlTemplate: env.AUTHOR_URL_TEMPLATE,
    galleryUrlTemplate: env.GALLERY_URL_TEMPLATE,
    cursorSecret,
    cursorSecretIsEphemeral: env.CURSOR_SECRET === undefined,
    seedDemo: env.SEED_DEMO,
    graphiql: env.GRAPHIQL ?? development,
    graphqlIntrospection: env.GRAPHQL_INTROSPECTION ?? development,
    graphqlJit: env.GRAPHQL_JIT === 'off' ? null : env.GRAPHQL_JIT,
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
    purges: purgeConfigOf(env),
    clusterWorkers: env.CLUSTER_WORKERS === 0 ? availableParallelism() : env.CLUSTER_WORKERS,
    heapGrowingPercent: env.HEAP_GROWING_PERCENT,
    backup: Object.freeze({ dir: env.BACKUP_DIR ?? null, intervalMinutes: env.BACKUP_DIR === undefined ? 0 : env.BACKUP_INTERVAL_MINUTES, keep: env.BACKUP_KEEP, s3: s3ConnectionOf(env) }),
    requireIfMatch: env.REQUIRE_IF_MATCH,
    http: Object.freeze({
      requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
      headersTimeoutMs: env.HEADERS_TIMEOUT_MS,
      keepAliveTimeoutMs: env.KEEP_ALIVE_TIMEOUT_MS,
      trustProxy: trustProxyOf(env.TRUST_PROXY),
      rateLimit: Object.freeze({ enabled: env.RATE_LIMIT_ENABLED, windowMs: env.RATE_LIMIT_WINDOW_MS, anonymousMax: env.RATE_LIMIT_ANONYMOUS_MAX, keyMax: env.RATE_LIMIT_KEY_MAX }),
      loadShedding: Object.freeze({
        maxEventLoopDelayMs: env.LOAD_SHED_MAX_EVENT_LOOP_DELAY_MS,
        maxHeapUsedBytes: env.LOAD_SHED_MAX_HEAP_MB === undefined ? Math.floor(getHeapStatistics().heap_size_limit * 0.9) : env.LOAD_SHED_MAX_HEAP_MB * 1024 * 1024
      }),
      hstsMaxAge: env.HSTS_MAX_AGE ?? (env.NODE_ENV === 'production' && env.PUBLIC_BASE_URL?.startsWith('https://') === true ? 31_536_000 : 0)
    }),
    discussion: discussionConfigOf(env, cursorSecret),
    media: mediaConfigOf(env)
  })
}

const MB = 1024 * 1024

function s3ConnectionOf (env: Env): S3Connection {
  return Object.freeze({
    endpoint: env.MEDIA_S3_ENDPOINT ?? null,
    region: env.MEDIA_S3_REGION,
    accessKeyId: env.MEDIA_S3_ACCESS_KEY_ID ?? null,
    secretAccessKey: env.MEDIA_S3_SECRET_ACCESS_KEY ?? null,
    forcePathStyle: env.MEDIA_S3_FORCE_PATH_STYLE ?? env.MEDIA_S3_ENDPOINT !== undefined
  })
}

function mediaConfigOf (env: Env): MediaConfig {
  let storage: MediaStorageConfig = { driver: 'local', dir: env.MEDIA_DIR ?? null }
  if (env.MEDIA_STORAGE === 's3') {
    if (env.MEDIA_S3_BUCKET === undefined) throw new ConfigError('invalid configuration: MEDIA_S3_BUCKET is required when MEDIA_STORAGE=s3')
    storage = {
      driver: 's3',
      endpoint: env.MEDIA_S3_ENDPOINT ?? null,
      region: env.MEDIA_S3_REGION,
      bucket: env.MEDIA_S3_BUCKET,
      prefix: env.MEDIA_S3_PREFIX,
      accessKeyId: env.MEDIA_S3_ACCESS_KEY_ID ?? null,
      secretAccessKey: env.MEDIA_S3_SECRET_ACCESS_KEY ?? null,
      forcePathStyle: env.MEDIA_S3_FORCE_PATH_STYLE ?? env.MEDIA_S3_ENDPOINT !== undefined
    }
  }
  return Object.freeze({
    storage: Object.freeze(storage),
    tmpDir: env.MEDIA_TMP_DIR ?? null,
    maxBytes: Object.freeze({ image: env.MEDIA_MAX_IMAGE_MB * MB, video: env.MEDIA_MAX_VIDEO_MB * MB, audio: env.MEDIA_MAX_AUDIO_MB * MB, document: env.MEDIA_MAX_DOCUMENT_MB * MB }),
    maxImagePixels: env.MEDIA_MAX_IMAGE_PIXELS,
    imageWidths: Object.freeze([...new Set(env.MEDIA_IMAGE_WIDTHS.split(',').map(Number))].sort((a, b) => a - b)),
    renditionsAtUpload: env.MEDIA_RENDITIONS_AT_UPLOAD
  })
}

/**
 * The config with the cursor secret the database holds (db/instance-secrets.ts) in place of the
 * random one loadConfig made because CURSOR_SECRET is unset, and in every place that fell back to it.
 */
export function withCursorSecret (config: Config, secret: string): Config {
  if (!config.cursorSecretIsEphemeral) return config
  return Object.freeze({
    ...config,
    cursorSecret: secret,
    cursorSecretIsEphemeral: false,
    webhooks: config.webhooks.secretKeyIsEphemeral ? Object.freeze({ ...config.webhooks, secretKey: secret, secretKeyIsEphemeral: false }) : config.webhooks,
    discussion: config.discussion.ipSalt === config.cursorSecret ? Object.freeze({ ...config.discussion, ipSalt: secret }) : config.discussion
  })
}

function purgeConfigOf (env: Env): PurgeConfig {
  const pair = (id: string | undefined, token: string | undefined, name: string): [string, string] | null => {
    if (id === undefined && token === undefined) return null
    if (id === undefined || token === undefined) throw new ConfigError(`invalid configuration: ${name}_SERVICE_ID/ZONE_ID and ${name}_TOKEN go together`)
    return [id, token]
  }
  const targets: PurgeTarget[] = env.PURGE_VARNISH_URLS === ''
    ? []
    : env.PURGE_VARNISH_URLS.split(',').map((url) => ({ kind: 'varnish', name: `varnish:${url.replace(/\/+$/, '')}`, url: url.replace(/\/+$/, ''), soft: env.PURGE_SOFT }))
  const fastly = pair(env.PURGE_FASTLY_SERVICE_ID, env.PURGE_FASTLY_TOKEN, 'PURGE_FASTLY')
  if (fastly !== null) targets.push({ kind: 'fastly', name: `fastly:${fastly[0]}`, apiUrl: env.PURGE_FASTLY_API_URL.replace(/\/+$/, ''), serviceId: fastly[0], token: fastly[1], soft: env.PURGE_SOFT })
  const cloudflare = pair(env.PURGE_CLOUDFLARE_ZONE_ID, env.PURGE_CLOUDFLARE_TOKEN, 'PURGE_CLOUDFLARE')
  if (cloudflare !== null) targets.push({ kind: 'cloudflare', name: `cloudflare:${cloudflare[0]}`, apiUrl: env.PURGE_CLOUDFLARE_API_URL.replace(/\/+$/, ''), zoneId: cloudflare[0], token: cloudflare[1] })
  return Object.freeze({
    worker: env.PURGE_WORKER,
    targets: Object.freeze(targets),
    pollIntervalMs: env.PURGE_POLL_INTERVAL_MS,
    timeoutMs: env.PURGE_TIMEOUT_MS,
    retryBaseMs: env.PURGE_RETRY_BASE_MS,
    maxAttempts: env.PURGE_MAX_ATTEMPTS
  })
}

const urlTemplateVariables = ['ARTICLE_URL_TEMPLATE', 'CATEGORY_URL_TEMPLATE', 'PAGE_URL_TEMPLATE', 'EDITION_URL_TEMPLATE', 'TAG_URL_TEMPLATE', 'AUTHOR_URL_TEMPLATE', 'GALLERY_URL_TEMPLATE'] as const

/**
 * A placeholder the URL builder does not know (`{id}`, `{lang}`) would be served verbatim in every
 * url, feed and sitemap; a template that is not a URL once filled would be served broken. Both stop
 * the start.
 */
function urlTemplateProblems (env: Env): string[] {
  return urlTemplateVariables.flatMap((name) => {
    const template = env[name]
    const unknown = [...template.matchAll(/\{[^}]*\}?/g)].map((m) => m[0]).filter((p) => p !== '{edition}' && p !== '{slug}')
    if (unknown.length > 0) return [`${name}=${JSON.stringify(template)} has unknown placeholders ${unknown.join(', ')}: only {edition} and {slug} are filled`]
    if (!URL.canParse(template.replaceAll('{edition}', 'en').replaceAll('{slug}', 'x'))) return [`${name}=${JSON.stringify(template)} is not a URL once filled`]
    return []
  })
}

function trustProxyOf (value: string): boolean | number | string[] {
  if (value === 'true') return true
  if (value === 'false') return false
  if (/^[0-9]+$/.test(value)) return Number(value)
  return value.split(',')
}

function discussionConfigOf (env: Env, cursorSecret: string): DiscussionConfig {
  return Object.freeze({
    maxDepth: env.COMMENTS_MAX_DEPTH,
    autoApproveReturning: env.COMMENTS_AUTO_APPROVE_RETURNING,
    minSubmitSeconds: env.COMMENTS_MIN_SUBMIT_SECONDS,
    tokenTtlSeconds: env.COMMENTS_TOKEN_TTL_SECONDS,
    maxLinks: env.COMMENTS_MAX_LINKS,
    maxLength: env.COMMENTS_MAX_LENGTH,
    perIpMax: env.COMMENTS_PER_IP_MAX,
    perArticleMax: env.COMMENTS_PER_ARTICLE_MAX,
    rateWindowSeconds: env.COMMENTS_RATE_WINDOW_SECONDS,
    blocklist: Object.freeze(env.COMMENTS_BLOCKLIST.split(',').map((entry) => entry.trim().toLowerCase()).filter((entry) => entry.length > 0)),
    ipRetentionDays: env.COMMENTS_IP_RETENTION_DAYS,
    ipSalt: env.COMMENTS_IP_SALT ?? cursorSecret,
    contactRetentionDays: env.CONTACT_RETENTION_DAYS,
    purgeIntervalMinutes: env.COMMENTS_PURGE_INTERVAL_MINUTES
  })
}
