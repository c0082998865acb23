import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { freePort } from './varnish.js'

const root = fileURLToPath(new URL('../..', import.meta.url))

export interface QuireProcess {
  url: string
  child: ChildProcess
  output: () => string
  /** SIGTERM and wait (a graceful close). */
  stop: () => Promise<void>
  /** SIGKILL: no shutdown hook runs, like a crash or the OOM killer. */
  kill9: () => Promise<void>
}

/** `src/server.ts` as a real process on `databasePath`, as production runs it (through tsx, not the build). */
export async function startQuireProcess (databasePath: string, env: Record<string, string> = {}): Promise<QuireProcess> {
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_PATH: databasePath,
      SEED_DEMO: 'false',
      CURSOR_SECRET: 'test-cursor-secret-that-is-long-enough-000',
      LOG_LEVEL: 'warn',
      SQLITE_SYNCHRONOUS: 'normal',
      RATE_LIMIT_ENABLED: 'false',
      LOAD_SHED_MAX_EVENT_LOOP_DELAY_MS: '0',
      LOAD_SHED_MAX_HEAP_MB: '0',
      COMMENTS_PURGE_INTERVAL_MINUTES: '0',
      ...env
    },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString() })
  child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString() })
  const url = `http://127.0.0.1:${port}`
  const until = Date.now() + 180_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Quire exited: ${output}`)
    try {
      if ((await fetch(`${url}/health/live`)).ok) break
    } catch { /* not listening yet */ }
    if (Date.now() > until) throw new Error(`Quire did not start: ${output}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  const ended = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name)
    await ended
  }
  return { url, child, output: () => output, stop: async () => { await signal('SIGTERM') }, kill9: async () => { await signal('SIGKILL') } }
}
