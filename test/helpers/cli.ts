import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))

/**
 * The real CLI, as an operator runs it. Asynchronously: a spawnSync would block this process's
 * event loop for the seconds the CLI takes, so the pooled keep-alive connection to the server
 * would outlive the server's keep-alive timeout unnoticed (neither undici's idle timer nor the
 * server's FIN gets processed) and the next fetch would be sent on a closed socket.
 */
export function quire (args: string[], env: Record<string, string>): Promise<{ status: number, stdout: string, stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: root, env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk })
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('close', (status) => { resolve({ status: status ?? -1, stdout, stderr }) })
  })
}
