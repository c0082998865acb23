import closeWithGrace from 'close-with-grace'
import cluster from 'node:cluster'
import { existsSync } from 'node:fs'
import { createServer } from 'node:http'
import { fileURLToPath } from 'node:url'
import { setFlagsFromString } from 'node:v8'
import { buildApp, loggerRedaction } from './app.js'
import { ConfigError, loadConfig, type Config } from './config.js'
import { openDatabase } from './database.js'
import { scheduledBackupWithMedia } from './storage/backup-media.js'
import { createMediaStorage } from './storage/create-storage.js'

function readConfig (): Config {
  try {
    return loadConfig(process.env)
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`quire: ${error.message}\n`)
      process.exit(1)
    }
    throw error
  }
}

const config = readConfig()

// V8 lets a server's heap grow to several times what the last full collection kept before it
// collects again; most of that growth is request garbage promoted under load, so resident memory
// settled near twice the live heap. A smaller step collects old garbage sooner (docs/deployment.md
// has the measurement).
if (config.heapGrowingPercent > 0) setFlagsFromString(`--heap-growing-percent=${config.heapGrowingPercent}`)

/**
 * CLUSTER_WORKERS > 1: this primary migrates (and seeds) the file once, then forks that many HTTP
 * processes sharing the port (the primary hands out connections round-robin) and the database
 * file (WAL: reads in parallel, writes serialised; see docs/deployment.md). A worker that dies is
 * replaced; SIGTERM/SIGINT are passed on, and the primary exits when all workers have.
 */
if (config.clusterWorkers > 1 && cluster.isPrimary && config.databasePath !== ':memory:') {
  // built once and closed: migrates the file and seeds the demo content before any worker starts
  await (await buildApp({ config: { ...config, purges: { ...config.purges, worker: false }, webhooks: { ...config.webhooks, worker: false } } })).close()
  const db = openDatabase(config.databasePath, { synchronous: config.sqliteSynchronous })
  if (config.backup.dir !== null && config.backup.intervalMinutes > 0) {
    const dir = config.backup.dir
    const media = createMediaStorage(config.media, config.databasePath)
    setInterval(() => {
      try {
        const done = scheduledBackupWithMedia(db.$client, dir, config.backup.keep, new Date(), media, (error, copied) => {
          process.stderr.write(error !== null
            ? `quire: copying the backup's media files failed: ${error instanceof Error ? error.message : 'unknown error'}\n`
            : `quire: backup media files: ${copied?.copied} copied, ${copied?.present} already there, ${copied?.missing.length} missing\n`)
        })
        process.stderr.write(`quire: backup ${done.path} (change-log head ${done.changeHead}, ${done.pruned} old ones removed)\n`)
      } catch (error) {
        process.stderr.write(`quire: scheduled backup failed: ${error instanceof Error ? error.message : String(error)}\n`)
      }
    }, config.backup.intervalMinutes * 60_000).unref()
  } else {
    db.$client.close()
  }
  let stopping = false
  const fork = () => cluster.fork()
  for (let i = 0; i < config.clusterWorkers; i++) fork()
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0)
      return
    }
    process.stderr.write(`quire: worker ${worker.process.pid ?? '?'} exited (${signal ?? code}); starting another\n`)
    fork()
  })
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      stopping = true
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal)
    })
  }
  process.stderr.write(`quire: ${config.clusterWorkers} worker processes on port ${config.port}, database ${config.databasePath}\n`)
} else {
  await serve(config)
}

async function serve (config: Config): Promise<void> {
const inMemory = config.databasePath === ':memory:'
const created = inMemory || !existsSync(config.databasePath)
let seeded = false
const app = await buildApp({
  config,
  onDemoSeed: (written) => { seeded = written },
  // the demo is a migrated WordPress site: the fixture beside the package, found from src/ and dist/ alike
  demoImport: {
    file: fileURLToPath(new URL('../fixtures/wordpress/publisher.xml', import.meta.url)),
    uploads: fileURLToPath(new URL('../fixtures/wordpress/uploads', import.meta.url)),
    clips: fileURLToPath(new URL('../fixtures/demo-media', import.meta.url))
  },
  logger: {
    level: config.logLevel,
    redact: loggerRedaction,
    ...(config.env === 'development' ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss' } } } : {})
  }
})

if (config.cursorSecretIsEphemeral) {
  // buildApp uses the secret stored in the database (generated on the first start): nothing is lost on a restart
  app.log.info('CURSOR_SECRET is not set: using the one generated and stored in the database (set it to share cursors across databases)')
}

// METRICS_PORT: a bare listener beside the API; Prometheus scrapes it without a key, so bind it where only it can reach
const metrics = config.metricsPort === null
  ? null
  : createServer((request, response) => {
    if (request.url !== '/metrics' || request.method !== 'GET') { response.writeHead(404).end(); return }
    app.metrics.render().then(
      (text) => { response.writeHead(200, { 'content-type': app.metrics.contentType, 'cache-control': 'no-store' }).end(text) },
      (err: unknown) => { app.log.error({ err }, 'metrics failed'); response.writeHead(500).end() }
    )
  })
if (metrics !== null) app.addHook('onClose', async () => { await new Promise((resolve) => metrics.close(resolve)) })

// On SIGTERM/SIGINT: drain (http/shutdown.ts: up to the keep-alive limit and a second), let running
// requests finish (10 s more), then close the database (onClose hook). An orchestrator's grace
// period should be longer than this delay.
closeWithGrace({ delay: config.http.keepAliveTimeoutMs + 1000 + 10_000 }, async ({ signal, err }) => {
  if (err !== undefined) app.log.error({ err }, 'shutting down after an uncaught error')
  else app.log.info({ signal }, 'shutting down')
  await app.close()
})

try {
  const address = await app.listen({ port: config.port, host: config.host })
  // what a newcomer needs on the first screen: which file holds the data, and where to look next
  // (PORT=0 picks a free port, which the configured base URL cannot know)
  const base = config.port === 0 ? address : config.publicBaseUrl
  app.log.info({
    database: config.databasePath,
    databaseState: inMemory ? 'in memory' : created ? 'created' : 'existing',
    demoContent: seeded ? 'seeded' : config.seedDemo ? 'kept (the database already had content)' : 'off (SEED_DEMO=false)',
    index: `${base}/`,
    docs: `${base}/docs`,
    openapi: `${base}/openapi.json`,
    graphql: `${base}/graphql`,
    ...(config.graphiql ? { graphiql: `${base}/graphiql` } : {})
  }, `Quire is up: ${base}/ (docs ${base}/docs, GraphQL ${base}/graphql); database ${config.databasePath}${inMemory ? '' : created ? ' (created)' : ''}${seeded ? ', demo content seeded' : ''}`)
  if (metrics !== null) {
    await new Promise<void>((resolve, reject) => { metrics.once('error', reject).listen(config.metricsPort ?? 0, config.host, resolve) })
    app.log.info({ metrics: `http://${config.host}:${config.metricsPort}/metrics` }, 'metrics listening')
  }
} catch (err) {
  app.log.error({ err }, 'could not start listening')
  process.exit(1)
}
}
