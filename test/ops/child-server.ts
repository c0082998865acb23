import { spawn, type ChildProcess } from 'node:child_process'

export interface RunningServer { child: ChildProcess, url: string, output: () => string, exited: Promise<number | null> }

/**
 * The real entry point (`src/server.ts` through tsx) in a child process on `databasePath`, in
 * production mode; resolves once it logs the address it listens on.
 */
export async function startServer (databasePath: string, env: Record<string, string> = {}): Promise<RunningServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { ...process.env, PORT: '0', DATABASE_PATH: databasePath, LOG_LEVEL: 'info', NODE_ENV: 'production', CURSOR_SECRET: 's'.repeat(40), ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString() })
  child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString() })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000)
    const check = () => {
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)
      if (match !== null) { clearTimeout(timer); resolve(match[1]!) } else if (child.exitCode !== null) { clearTimeout(timer); reject(new Error(`server exited:\n${output}`)) } else setTimeout(check, 50)
    }
    check()
  })
  return { child, url, output: () => output, exited }
}
