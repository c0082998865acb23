import compress from '@fastify/compress'
import cors from '@fastify/cors'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyServerOptions } from 'fastify'
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { constants as zlib } from 'node:zlib'
import type { Config } from './config.js'
import { openDatabase } from './database.js'
import { seedDemo } from './db/seed/demo.js'
import { registerHttpCaching } from './http/caching.js'
import { registerAuth } from './http/auth.js'
import { registerIdempotency } from './http/idempotency.js'
import { articleWriteRoutes } from './modules/articles/write-routes.js'
import { pageWriteRoutes } from './modules/pages/write-routes.js'
import { tagWriteRoutes } from './modules/tags/write-routes.js'
import { categoryWriteRoutes } from './modules/categories/write-routes.js'
import { authorWriteRoutes } from './modules/authors/write-routes.js'
import { editionWriteRoutes } from './modules/editions/write-routes.js'
import { settingsWriteRoutes } from './modules/settings/write-routes.js'
import { mediaWriteRoutes } from './modules/media/write-routes.js'
import { galleryWriteRoutes } from './modules/galleries/write-routes.js'
import { menuWriteRoutes } from './modules/menus/write-routes.js'
import { apiKeyRoutes } from './auth/routes.js'
import { changeRoutes } from './modules/changes/routes.js'
import { feedRoutes } from './feeds/routes.js'
import { createFeedService } from './feeds/service.js'
import { createFrontendUrls } from './frontend-urls.js'
import { sitemapRoutes } from './sitemaps/routes.js'
import { createSitemapService } from './sitemaps/service.js'
import { graphqlPlugin } from './graphql/plugin.js'
import { registerOpenApi } from './http/openapi.js'
import { registerProblemHandlers } from './http/problem.js'
import { rejectEncodedIds, strictValidatorCompiler } from './http/validation.js'
import { articleRoutes } from './modules/articles/routes.js'
import { authorRoutes } from './modules/authors/routes.js'
import { categoryRoutes } from './modules/categories/routes.js'
import { tagRoutes } from './modules/tags/routes.js'
import { componentSchemas } from './schemas/components.js'
import { editionRoutes } from './modules/editions/routes.js'
import { healthRoutes } from './modules/health/routes.js'
import { mediaRoutes } from './modules/media/routes.js'
import { galleryRoutes } from './modules/galleries/routes.js'
import { menuRoutes } from './modules/menus/routes.js'
import { pageRoutes } from './modules/pages/routes.js'
import { settingsRoutes } from './modules/settings/routes.js'
import { searchRoutes } from './search/routes.js'
import { createSearchShaper } from './search/shape.js'
import { syncRoutes } from './sync/routes.js'
import { createServices } from './services.js'
import type { Clock } from './time.js'
import { registerWebhookWorker } from './webhooks/lifecycle.js'
import { webhookRoutes } from './webhooks/routes.js'

export interface AppOptions {
  config: Config
  clock?: Clock
  logger?: FastifyServerOptions['logger']
  /** Sees every SQL statement; tests use it to prove relation loading is batched. */
  onQuery?: (sql: string) => void
  /** Sitemap file size; the protocol's 50,000 URLs unless a test needs to see files split. */
  sitemaps?: { urlsPerFile?: number }
}

const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version
const requestIdPattern = /^[A-Za-z0-9._-]{1,64}$/

export const loggerRedaction = {
  paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]', 'headers.authorization', '*.token', '*.password', '*.secret'],
  censor: '[redacted]'
}

export async function buildApp ({ config, clock = () => new Date(), logger = false, onQuery, sitemaps }: AppOptions) {
  const app = Fastify({
    logger,
    // an incoming X-Request-Id is honoured only if it is short and plain, so it cannot forge log lines
    requestIdHeader: false,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id']
      return typeof incoming === 'string' && requestIdPattern.test(incoming) ? incoming : randomUUID()
    },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 300 },
    bodyLimit: 1024 * 1024
  }).withTypeProvider<TypeBoxTypeProvider>()

  const db = openDatabase(config.databasePath, onQuery !== undefined ? { onQuery } : {})
  app.addHook('onClose', async () => { db.$client.close() })
  if (config.seedDemo) seedDemo(db, { now: clock() })
  const services = createServices({ db, clock, config })

  app.setValidatorCompiler(strictValidatorCompiler)
  for (const schema of componentSchemas) app.addSchema(schema)
  app.addHook('onRequest', async (request, reply) => { reply.header('x-request-id', request.id) })
  app.addHook('preValidation', async (request) => {
    const problem = rejectEncodedIds(request)
    if (problem !== null) throw Object.assign(new Error('invalid id'), { statusCode: 400, validation: problem.validation, validationContext: 'params' })
  })
  registerProblemHandlers(app)
  // before caching: a request with a broken key is refused before any cached answer is considered
  registerAuth(app, { keys: services.keys })
  registerIdempotency(app, { store: services.idempotency })
  await app.register(cors, {
    origin: config.corsOrigins,
    methods: ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'if-match', 'if-none-match', 'if-modified-since', 'idempotency-key', 'mercurius-require-preflight', 'x-mercurius-operation-name', 'x-request-id'],
    exposedHeaders: ['etag', 'last-modified', 'location', 'x-request-id', 'x-cache'],
    maxAge: 600
  })
  // after CORS, so replayed and 304 responses carry the CORS headers set for this request's origin
  registerHttpCaching(app, { ...config.cache, responseCacheBytes: config.responseCacheBytes, contentVersion: () => services.contentVersion.at(clock().getTime()), now: () => clock().getTime() })
  await app.register(compress, {
    threshold: 1024,
    // quality 4 keeps brotli's CPU cost near gzip's while still beating it on size
    brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } }
  })
  await registerOpenApi(app, { baseUrl: config.publicBaseUrl, version })

  await app.register(healthRoutes, { db })
  await app.register(async (v1) => {
    await v1.register(editionRoutes, { editions: services.editions })
    await v1.register(articleRoutes, { articles: services.articles, baseUrl: config.publicBaseUrl })
    await v1.register(categoryRoutes, { categories: services.categories, baseUrl: config.publicBaseUrl })
    await v1.register(authorRoutes, { authors: services.authors, baseUrl: config.publicBaseUrl })
    await v1.register(tagRoutes, { tags: services.tags, baseUrl: config.publicBaseUrl })
    await v1.register(mediaRoutes, { media: services.media, baseUrl: config.publicBaseUrl })
    await v1.register(galleryRoutes, { galleries: services.galleries, baseUrl: config.publicBaseUrl })
    await v1.register(pageRoutes, { pages: services.pages, baseUrl: config.publicBaseUrl })
    await v1.register(syncRoutes, { sync: services.sync, baseUrl: config.publicBaseUrl })
    await v1.register(menuRoutes, { menus: services.menus })
    await v1.register(settingsRoutes, { settings: services.settings })
    await v1.register(searchRoutes, {
      search: services.search, shape: createSearchShaper({ editions: services.editions, urlFor: services.articles.urlFor }), baseUrl: config.publicBaseUrl
    })
    await v1.register(articleWriteRoutes, { articles: services.articles, baseUrl: config.publicBaseUrl })
    await v1.register(pageWriteRoutes, { pages: services.pages, baseUrl: config.publicBaseUrl })
    await v1.register(tagWriteRoutes, { tags: services.tags, baseUrl: config.publicBaseUrl })
    await v1.register(categoryWriteRoutes, { categories: services.categories, baseUrl: config.publicBaseUrl })
    await v1.register(authorWriteRoutes, { authors: services.authors, baseUrl: config.publicBaseUrl })
    await v1.register(editionWriteRoutes, { editions: services.editions, baseUrl: config.publicBaseUrl })
    await v1.register(settingsWriteRoutes, { settings: services.settings })
    await v1.register(mediaWriteRoutes, { media: services.media, baseUrl: config.publicBaseUrl })
    await v1.register(galleryWriteRoutes, { galleries: services.galleries, baseUrl: config.publicBaseUrl })
    await v1.register(menuWriteRoutes, { menus: services.menus, baseUrl: config.publicBaseUrl })
    await v1.register(apiKeyRoutes, { keys: services.keys, baseUrl: config.publicBaseUrl })
    await v1.register(changeRoutes, { changes: services.changeHistory, baseUrl: config.publicBaseUrl })
    await v1.register(webhookRoutes, { webhooks: services.webhooks, baseUrl: config.publicBaseUrl })
  }, { prefix: '/v1' })
  registerWebhookWorker(app, { store: services.webhookDeliveries, outbox: services.webhookOutbox, clock, config: config.webhooks, version })
  await app.register(graphqlPlugin, { services, config })
  const frontendUrls = createFrontendUrls(config)
  await app.register(feedRoutes, { feeds: createFeedService({ ...services, urls: frontendUrls }), baseUrl: config.publicBaseUrl })
  await app.register(sitemapRoutes, {
    sitemaps: createSitemapService({ ...services, clock, urls: frontendUrls }),
    baseUrl: config.publicBaseUrl,
    ...(sitemaps?.urlsPerFile !== undefined ? { urlsPerFile: sitemaps.urlsPerFile } : {})
  })

  return app
}
