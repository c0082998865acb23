import compress from '@fastify/compress'
import cors from '@fastify/cors'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyServerOptions } from 'fastify'
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { apiKeyRoutes } from './auth/routes.js'
import { withCursorSecret, type Config } from './config.js'
import { storedSecret } from './db/instance-secrets.js'
import { openDatabase } from './database.js'
import type { Db } from './db/connection.js'
import { seedDemo } from './db/seed/demo.js'
import { feedRoutes } from './feeds/routes.js'
import { graphqlImplementation } from './graphql-schema.js'
import { graphqlPlugin } from './graphql/plugin.js'
import { registerApiIndex } from './http/api-index.js'
import { registerAuth } from './http/auth.js'
import { registerHttpCaching } from './http/caching.js'
import { brotliOptions, COMPRESSION_THRESHOLD } from './http/content-codings.js'
import { registerContentLanguage } from './http/content-language.js'
import { registerEncodingValidators } from './http/encoding-etags.js'
import { registerIfMatchPolicy } from './http/editorial.js'
import { registerGuards } from './http/guards.js'
import { registerIdempotency } from './http/idempotency.js'
import { registerListHeaders } from './http/list-headers.js'
import { registerMetrics, registerMetricsRoute } from './http/metrics.js'
import { withRedactedUrls } from './http/log-redaction.js'
import type { ModuleOptions } from './http/module-options.js'
import { registerOpenApi } from './http/openapi.js'
import { frameworkErrors, registerProblemHandlers } from './http/problem.js'
import { registerProblemPages } from './http/problem-pages.js'
import { registerQueryCredentialRefusal } from './http/query-credentials.js'
import { serverOptions } from './http/timeouts.js'
import { sharedSerializers } from './http/shared-serializers.js'
import { rejectEncodedIntegers, strictValidatorCompiler } from './http/validation.js'
import { articleComponents, articleRest } from './modules/articles/index.js'
import { authorComponents, authorRest } from './modules/authors/index.js'
import { categoryComponents, categoryRest } from './modules/categories/index.js'
import { changeComponents, changeRest } from './modules/changes/index.js'
import { commentComponentSchemas, commentRoutes } from './modules/comments/index.js'
import { contactComponentSchemas, contactRoutes } from './modules/contact/index.js'
import { editionComponents, editionRest } from './modules/editions/index.js'
import { galleryComponents, galleryRest } from './modules/galleries/index.js'
import { healthRoutes } from './modules/health/index.js'
import { mediaComponents, mediaRest } from './modules/media/index.js'
import { menuComponents, menuRest } from './modules/menus/index.js'
import { pageComponents, pageRest } from './modules/pages/index.js'
import { redirectComponents, redirectRest } from './modules/redirects/index.js'
import { settingsComponents, settingsRest } from './modules/settings/index.js'
import { tagComponents, tagRest } from './modules/tags/index.js'
import { Problem } from './schemas/common.js'
import { searchRoutes } from './search/routes.js'
import { searchComponents } from './search/schemas.js'
import { createServices, type Services } from './services.js'
import { sitemapRoutes } from './sitemaps/routes.js'
import { syncRoutes } from './sync/routes.js'
import { scheduledBackupWithMedia, type MediaCopyReport } from './storage/backup-media.js'
import { createMediaStorage } from './storage/create-storage.js'
import type { MediaStorage } from './storage/media-storage.js'
import type { Clock } from './time.js'
import { registerWebhookWorker } from './webhooks/lifecycle.js'
import { registerPeriodicTask } from './http/periodic-task.js'
import { webhookRoutes } from './webhooks/routes.js'
import { registerPurgeWorker } from './purges/lifecycle.js'
import { purgeRoutes } from './purges/routes.js'
import { webhookComponents } from './webhooks/schemas.js'
import type { HostResolver } from './webhooks/url-guard.js'
import { wordpressRoutes } from './wordpress/routes.js'

export interface AppOptions {
  config: Config
  clock?: Clock
  logger?: FastifyServerOptions['logger']
  /** Sees every SQL statement; tests use it to prove relation loading is batched. */
  onQuery?: (sql: string) => void
  /** Gets the open connection; tests use it to make the storage fail for real (PRAGMA max_page_count). */
  onDatabase?: (client: Db['$client']) => void
  /** Told whether the demo content was written (a fresh database with seedDemo on); the start-up log says so. */
  onDemoSeed?: (seeded: boolean) => void
  /**
   * A WordPress export the demo start-up imports after the demo content, when it seeds a fresh
   * database. Only server.ts passes it (`npm start`): the test template (test/global-setup.ts,
   * seedDemo alone) keeps the data ~2,500 tests count on, and the import tests cover the import.
   */
  demoImport?: { file: string, uploads?: string, /** short video and audio clips the demo's media get as files (src/demo-media.ts) */ clips?: string }
  /** Sitemap file size; the protocol's 50,000 URLs unless a test needs to see files split. */
  sitemaps?: { urlsPerFile?: number, newsLimit?: number }
  /** How webhook host names are resolved; tests make a name resolve to a chosen address. */
  resolveHost?: HostResolver
  /** Wraps the configured media storage; tests use it to make writes fail as a full disk does. */
  wrapMediaStorage?: (storage: MediaStorage) => MediaStorage
}

/**
 * Schemas registered once with `addSchema`: routes `$ref` them and OpenAPI lists them as named
 * components, in this order. Each module's door says which of its schemas are components.
 */
const componentSchemas = [
  Problem, ...editionComponents, ...mediaComponents, ...articleComponents, ...categoryComponents, ...authorComponents,
  ...tagComponents, ...galleryComponents, ...pageComponents, ...menuComponents, ...settingsComponents,
  ...searchComponents, ...changeComponents, ...webhookComponents, ...commentComponentSchemas, ...contactComponentSchemas,
  ...redirectComponents
]

const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version
const requestIdPattern = /^[A-Za-z0-9._-]{1,64}$/

export const loggerRedaction = {
  paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]', 'headers.authorization', '*.token', '*.password', '*.secret'],
  censor: '[redacted]'
}

export async function buildApp ({ config, clock = () => new Date(), logger = false, onQuery, onDatabase, onDemoSeed, demoImport, sitemaps, resolveHost, wrapMediaStorage }: AppOptions) {
  const app = Fastify({
    logger: withRedactedUrls(logger),
    // an incoming X-Request-Id is honoured only if it is short and plain, so it cannot forge log lines
    requestIdHeader: false,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id']
      return typeof incoming === 'string' && requestIdPattern.test(incoming) ? incoming : randomUUID()
    },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 300 },
    frameworkErrors,
    bodyLimit: 1024 * 1024,
    schemaController: { compilersFactory: { buildSerializer: sharedSerializers() } },
    ...serverOptions(config.http)
  }).withTypeProvider<TypeBoxTypeProvider>()

  const db = openDatabase(config.databasePath, { synchronous: config.sqliteSynchronous, ...(onQuery !== undefined ? { onQuery } : {}) })
  app.addHook('onClose', async () => { db.$client.close() })
  // without CURSOR_SECRET, one generated once and kept in the database: cursors and sync tokens survive restarts
  if (config.cursorSecretIsEphemeral) config = withCursorSecret(config, storedSecret(db, 'cursor', clock()))
  onDatabase?.(db.$client)
  // the demo start-up: a fresh database gets the demo content when the config asks for it
  const demoSeeded = config.seedDemo && seedDemo(db, { now: clock() }).seeded
  const mediaStorage = (wrapMediaStorage ?? ((storage) => storage))(createMediaStorage(config.media, config.databasePath))
  const services = createServices({ db, clock, config, mediaStorage, ...(resolveHost !== undefined ? { resolveHost } : {}) })
  if (demoSeeded && demoImport !== undefined) {
    // loaded only here: the WordPress importer and the PDF library are not a running server's memory
    const [{ importDemoSite }, { attachDemoMediaFiles }] = await Promise.all([import('./demo-import.js'), import('./demo-media.js')])
    await importDemoSite({ db, clock, config, services, file: demoImport.file, ...(demoImport.uploads !== undefined ? { uploads: demoImport.uploads } : {}), log: app.log })
    if (demoImport.clips !== undefined) await attachDemoMediaFiles({ services, clips: demoImport.clips, log: app.log })
  }
  onDemoSeed?.(demoSeeded)

  app.setValidatorCompiler(strictValidatorCompiler)
  for (const schema of componentSchemas) app.addSchema(schema)
  // callback hooks where nothing waits: an async hook costs every request a promise and a microtask turn
  app.addHook('onRequest', (request, reply, done) => { reply.header('x-request-id', request.id); done() })
  app.addHook('preValidation', (request, _reply, done) => { rejectEncodedIntegers(request); done() })
  // first, so refusals by the edge (429, 503) are counted too
  const metrics = registerMetrics(app, { databasePath: config.databasePath, webhookDeliveries: services.webhookDeliveries.countByStatus })
  // first, so every refusal (429, 503, 401) carries the CORS headers a browser needs to read it
  await app.register(cors, {
    origin: config.corsOrigins,
    methods: ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'if-match', 'if-none-match', 'if-modified-since', 'idempotency-key', 'mercurius-require-preflight', 'x-mercurius-operation-name', 'x-request-id'],
    // browsers hide other response headers from cross-origin scripts; clients need the limiter's to back off
    exposedHeaders: ['etag', 'last-modified', 'location', 'x-request-id', 'x-cache', 'retry-after', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'link', 'x-total-count', 'x-wp-total', 'x-wp-totalpages'],
    maxAge: 600
  })
  const guards = await registerGuards(app, { config, db })
  registerProblemHandlers(app, { storage: guards.storage, baseUrl: config.publicBaseUrl })
  registerQueryCredentialRefusal(app)
  // before caching: a request with a broken key is refused before any cached answer is considered
  registerAuth(app, { keys: services.keys })
  registerIfMatchPolicy(app, { required: config.requireIfMatch })
  registerIdempotency(app, { store: services.idempotency })
  // after CORS, so replayed and 304 responses carry the CORS headers set for this request's origin
  registerHttpCaching(app, { ...config.cache, responseCacheBytes: config.responseCacheBytes, snapshot: services.freshness.snapshot, version, now: () => clock().getTime(), onCompressed: metrics.cacheCompressed })
  registerListHeaders(app)
  registerContentLanguage(app)
  // the response cache compresses its hits with the same settings (http/content-codings.ts)
  await app.register(compress, { threshold: COMPRESSION_THRESHOLD, brotliOptions })
  // after compress: a compressed body's ETag names its coding
  registerEncodingValidators(app)
  await registerOpenApi(app, { baseUrl: config.publicBaseUrl, version })

  const purgeWorker = registerPurgeWorker(app, { store: services.purgeStore, outbox: services.purgeOutbox, clock, config: config.purges })

  // shared by every module's plugin, given once
  const shared: ModuleOptions<Services> = { services, baseUrl: config.publicBaseUrl }

  registerApiIndex(app, { baseUrl: config.publicBaseUrl, version, graphiql: config.graphiql })
  registerProblemPages(app, { baseUrl: config.publicBaseUrl })
  // with METRICS_PORT, server.ts serves them on that port instead
  if (config.metricsPort === null) registerMetricsRoute(app)
  await app.register(healthRoutes, { db, unready: guards.unready })
  await app.register(async (v1) => {
    // content, each module's reads and writes together, in the order they build on each other
    await v1.register(editionRest, shared)
    await v1.register(categoryRest, shared)
    await v1.register(tagRest, shared)
    await v1.register(authorRest, shared)
    await v1.register(mediaRest, shared)
    await v1.register(galleryRest, shared)
    await v1.register(articleRest, shared)
    await v1.register(pageRest, shared)
    await v1.register(menuRest, shared)
    await v1.register(settingsRest, shared)
    await v1.register(redirectRest, shared)
    // readers writing back: comments and the contact form
    await v1.register(commentRoutes, { comments: services.comments, baseUrl: shared.baseUrl, eraseContactMessages: services.contact.eraseByEmail })
    await v1.register(contactRoutes, { contact: services.contact, baseUrl: shared.baseUrl })
    // capabilities across modules, and administration
    await v1.register(searchRoutes, shared)
    await v1.register(syncRoutes, shared)
    await v1.register(apiKeyRoutes, shared)
    await v1.register(changeRest, shared)
    await v1.register(webhookRoutes, shared)
    await v1.register(purgeRoutes, { store: services.purgeStore, worker: purgeWorker, config: config.purges, clock })
  }, { prefix: '/v1' })
  // the other protocols over the same services
  await app.register(graphqlPlugin, { services, implementation: graphqlImplementation, config, storage: guards.storage })
  await app.register(feedRoutes, shared)
  await app.register(sitemapRoutes, { ...shared, ...sitemaps })
  // a migration bridge for WordPress clients, read-only (docs/wordpress-api.md)
  await app.register(wordpressRoutes, { reads: services.wordpress, baseUrl: config.publicBaseUrl, prefix: '/wp-json' })
  registerPeriodicTask(app, { name: 'discussion retention', everyMs: config.discussion.purgeIntervalMinutes * 60_000, run: services.purgeDiscussion })
  // in a cluster the primary takes the backups (server.ts), so N workers do not take N copies
  if (config.backup.dir !== null && config.clusterWorkers <= 1) {
    const dir = config.backup.dir
    const mediaCopied = (error: unknown, media: MediaCopyReport | null): void => {
      if (error !== null) app.log.error({ err: error }, 'scheduled backup: copying the media files failed')
      else app.log.info({ media: { ...media, missing: media?.missing.length } }, 'scheduled backup: media files copied')
    }
    registerPeriodicTask(app, { name: 'scheduled backup', everyMs: config.backup.intervalMinutes * 60_000, run: () => scheduledBackupWithMedia(db.$client, dir, config.backup.keep, clock(), mediaStorage, mediaCopied) })
  }
  registerWebhookWorker(app, { store: services.webhookDeliveries, outbox: services.webhookOutbox, clock, config: config.webhooks, version, ...(resolveHost !== undefined ? { resolveHost } : {}) })

  return app
}
