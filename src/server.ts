import closeWithGrace from 'close-with-grace'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { buildApp, loggerRedaction } from './app.js'
import { ConfigError, loadConfig, type Config } from './config.js'

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
const inMemory = config.databasePath === ':memory:'
const created = inMemory || !existsSync(config.databasePath)
let seeded = false
const app = await buildApp({
  config,
  onDemoSeed: (written) => { seeded = written },
  // the demo is a migrated WordPress site: the fixture beside the package, found from src/ and dist/ alike
  demoImport: {
    file: fileURLToPath(new URL('../fixtures/wordpress/publisher.xml', import.meta.url)),
    uploads: fileURLToPath(new URL('../fixtures/wordpress/uploads', import.meta.url))
  },
  logger: {
    level: config.logLevel,
    redact: loggerRedaction,
    ...(config.env === 'development' ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss' } } } : {})
  }
})

if (config.cursorSecretIsEphemeral) {
  app.log.warn('CURSOR_SECRET is not set: a random one is used, so pagination cursors will not survive a restart')
}
if (config.webhooks.secretKeyIsEphemeral) {
  app.log.warn('neither WEBHOOK_SECRET_KEY nor CURSOR_SECRET is set: webhook signing secrets registered now cannot be used after a restart')
}

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
} catch (err) {
  app.log.error({ err }, 'could not start listening')
  process.exit(1)
}
