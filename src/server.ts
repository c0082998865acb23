import closeWithGrace from 'close-with-grace'
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
const app = await buildApp({
  config,
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
  await app.listen({ port: config.port, host: config.host })
} catch (err) {
  app.log.error({ err }, 'could not start listening')
  process.exit(1)
}
