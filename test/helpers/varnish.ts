import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const shippedVcl = new URL('../../deploy/varnish/default.vcl', import.meta.url)

/** Whether varnishd (and so, on Debian, the xkey vmod of varnish-modules) can be started here. */
export const varnishInstalled = spawnSync('varnishd', ['-V'], { stdio: 'ignore' }).status === 0

export async function freePort (): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/** The shipped VCL with its backend pointed at Quire's port (the rest is tested as shipped). */
export function vclFor (backendPort: number): string {
  const vcl = readFileSync(shippedVcl, 'utf8')
  const rewritten = vcl.replace(/(backend quire_origin \{\s*\.host = "127\.0\.0\.1";\s*\.port = ")3000(";)/, `$1${backendPort}$2`)
  if (rewritten === vcl) throw new Error('default.vcl: the backend block moved; update vclFor')
  return rewritten
}

export interface VarnishNode {
  url: string
  port: number
  /** MAIN.* counters from `varnishstat -1 -j`. */
  counters: () => Record<string, number>
  stop: () => Promise<void>
}

/**
 * Runs varnishd in the foreground on 127.0.0.1 with its own working directory (its shared memory
 * log, which varnishstat reads) and no jail, so it also starts as root in a container.
 */
export async function startVarnish (backendPort: number, port?: number): Promise<VarnishNode> {
  const dir = mkdtempSync(join(tmpdir(), 'quire-varnish-'))
  const listen = port ?? await freePort()
  writeFileSync(join(dir, 'default.vcl'), vclFor(backendPort))
  const child: ChildProcess = spawn('varnishd', ['-F', '-n', dir, '-a', `127.0.0.1:${listen}`, '-f', join(dir, 'default.vcl'), '-j', 'none', '-s', 'malloc,64m', '-T', 'none'], { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString() })
  child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString() })
  const url = `http://127.0.0.1:${listen}`
  const until = Date.now() + 30_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`varnishd exited: ${output}`)
    try {
      const res = await fetch(`${url}/`, { method: 'PURGE', headers: { 'xkey-purge': 'none' } })
      if (res.status === 200) break
    } catch { /* not listening yet */ }
    if (Date.now() > until) throw new Error(`varnishd did not start: ${output}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return {
    url,
    port: listen,
    counters () {
      const out = spawnSync('varnishstat', ['-n', dir, '-1', '-j', '-f', 'MAIN.*'], { encoding: 'utf8' })
      const json = JSON.parse(out.stdout) as { counters?: Record<string, { value: number }> } & Record<string, { value: number }>
      const counters = json.counters ?? json
      return Object.fromEntries(Object.entries(counters).filter(([, v]) => typeof v === 'object' && v !== null && 'value' in v).map(([k, v]) => [k, v.value]))
    },
    async stop () {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        await exited
      }
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
