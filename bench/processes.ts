import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { promisify } from 'node:util'
import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'

export interface ServerProcess {
  name: string
  pid: number
  baseUrl: string
  /** How the process ended, or null while it runs: a crash mid-benchmark is reported as the crash it is. */
  exitDescription (): string | null
  /** Last lines the server printed: shown when it dies or fails its readiness check. */
  recentOutput (): string
  stop (): Promise<void>
}

export interface StartOptions {
  name: string
  command: string
  args: string[]
  cwd: string
  env: NodeJS.ProcessEnv
  host: string
  port: number
  readyPath: string
  readyTimeoutMs: number
  /** Pin the server to this CPU with `taskset -c` (which execs it: the pid stays the server's). */
  cpu?: number
}

const live = new Set<ServerProcess>()

/** Servers still running; the runner stops them on every exit path, including Ctrl-C. */
export function liveServers (): ServerProcess[] {
  return [...live]
}

/** The OS picks a port nobody holds; there is a small window before the server binds it, acceptable on a bench box. */
export async function freePort (host: string): Promise<number> {
  return await new Promise((resolve, reject) => {
    const probe = createServer()
    probe.unref()
    probe.once('error', reject)
    probe.listen(0, host, () => {
      const address = probe.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      probe.close(() => port > 0 ? resolve(port) : reject(new Error('no free port')))
    })
  })
}

function keepTail (child: ChildProcess, limit = 60): () => string {
  const lines: string[] = []
  const collect = (chunk: Buffer): void => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim() === '') continue
      lines.push(line)
      if (lines.length > limit) lines.shift()
    }
  }
  // Both pipes must be drained or a chatty server blocks on a full pipe mid-benchmark.
  child.stdout?.on('data', collect)
  child.stderr?.on('data', collect)
  return () => lines.join('\n')
}

export async function startServer (options: StartOptions): Promise<ServerProcess> {
  const [command, args] = options.cpu === undefined
    ? [options.command, options.args]
    : ['taskset', ['-c', String(options.cpu), options.command, ...options.args]]
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const recentOutput = keepTail(child)
  let exited: { code: number | null, signal: NodeJS.Signals | null } | undefined
  const exit = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => { exited = { code, signal }; resolve() })
  })
  const spawnError = new Promise<never>((_resolve, reject) => child.once('error', reject))
  spawnError.catch(() => {})
  if (child.pid === undefined) await spawnError

  const baseUrl = `http://${options.host}:${options.port}`
  const server: ServerProcess = {
    name: options.name,
    pid: child.pid ?? 0,
    baseUrl,
    exitDescription: () => exited === undefined ? null : `code ${String(exited.code)}, signal ${String(exited.signal)}`,
    recentOutput,
    async stop () {
      live.delete(server)
      if (exited !== undefined) return
      child.kill('SIGTERM')
      const graceful = await Promise.race([exit.then(() => true), sleep(10_000).then(() => false)])
      if (!graceful) {
        child.kill('SIGKILL')
        await exit
      }
    }
  }
  live.add(server)

  const deadline = Date.now() + options.readyTimeoutMs
  let lastProblem = 'no answer yet'
  while (Date.now() < deadline) {
    if (exited !== undefined) {
      live.delete(server)
      throw new Error(`${options.name} exited (code ${String(exited.code)}, signal ${String(exited.signal)}) before it was ready:\n${recentOutput()}`)
    }
    try {
      const response = await fetch(baseUrl + options.readyPath, { signal: AbortSignal.timeout(2_000) })
      await response.arrayBuffer()
      if (response.status === 200) return server
      lastProblem = `${options.readyPath} answered ${response.status}`
    } catch (error) {
      lastProblem = (error as Error).message
    }
    await sleep(100)
  }
  await server.stop()
  throw new Error(`${options.name} was not ready within ${options.readyTimeoutMs} ms (${lastProblem}):\n${recentOutput()}`)
}

/** Resident set size from the kernel's own accounting, so it includes native memory (SQLite page cache) that process.memoryUsage in the child would not show us from outside. */
export async function residentMegabytes (pid: number): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8')
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)
    return match?.[1] !== undefined ? Number(match[1]) / 1024 : null
  } catch {
    // Not Linux, or the process is gone: RSS is reported as unknown rather than failing the run.
    return null
  }
}

/** The machine's CPU time so far, in ticks: all of it, and what the hypervisor gave to other guests (steal). */
export interface CpuTicks { total: number, steal: number }

/** Reads the aggregate `cpu` line of /proc/stat: user nice system idle iowait irq softirq steal … */
export function parseCpuTicks (procStat: string): CpuTicks | null {
  const line = /^cpu\s+([\d\s]+)$/m.exec(procStat)?.[1]
  if (line === undefined) return null
  const fields = line.trim().split(/\s+/).map(Number)
  if (fields.length < 8) return null
  // guest time (fields 9 and 10) is already counted in user and nice
  const total = fields.slice(0, 8).reduce((sum, value) => sum + value, 0)
  return { total, steal: fields[7]! }
}

export async function hostCpuTicks (): Promise<CpuTicks | null> {
  try {
    return parseCpuTicks(await readFile('/proc/stat', 'utf8'))
  } catch {
    // not Linux: steal is reported as unknown
    return null
  }
}

/** Steal between two readings as a share of all CPU time in between, in percent (one decimal). */
export function stealPercent (before: CpuTicks | null, after: CpuTicks | null): number | null {
  if (before === null || after === null || after.total <= before.total) return null
  return Math.round((after.steal - before.steal) / (after.total - before.total) * 1000) / 10
}

/** user + system time of a process so far, in clock ticks, from its /proc/<pid>/stat line (all threads). */
export function parseProcessCpuTicks (procPidStat: string): number | null {
  // the command name (field 2) may hold spaces and parentheses: the fields that follow start after the last ')'
  const rest = procPidStat.slice(procPidStat.lastIndexOf(')') + 1).trim().split(/\s+/)
  // rest[0] is field 3 (state); utime and stime are fields 14 and 15
  const utime = Number(rest[11])
  const stime = Number(rest[12])
  return Number.isFinite(utime) && Number.isFinite(stime) ? utime + stime : null
}

let ticksPerSecond: number | undefined

function clockTicksPerSecond (): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
    } catch {
      // USER_HZ is 100 on every architecture Linux exposes /proc on in practice
      ticksPerSecond = 100
    }
  }
  return ticksPerSecond
}

/**
 * CPU time a process has used so far, in seconds (10 ms resolution). Synchronous, so a phase boundary
 * reads it at the instant it switches. null where /proc is missing.
 */
export function processCpuSeconds (pid: number): number | null {
  try {
    const ticks = parseProcessCpuTicks(readFileSync(`/proc/${pid}/stat`, 'utf8'))
    return ticks === null ? null : ticks / clockTicksPerSecond()
  } catch {
    return null
  }
}

export interface CommandResult {
  seconds: number
}

/**
 * Runs a one-shot command with its output shown live (seeding a million articles takes minutes and should
 * show progress), all of it on stderr so that stdout carries only the result tables.
 */
export async function runCommand (command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<CommandResult> {
  const started = process.hrtime.bigint()
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 2, 2] })
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (exitCode, signal) => resolve(signal !== null ? 128 : exitCode))
  })
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with code ${String(code)}`)
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9 }
}

/** A one-shot command whose standard output is the result (an API key printed by the CLI). */
export async function captureCommand (command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  const { stdout } = await promisify(execFile)(command, args, { cwd, env, encoding: 'utf8' })
  return stdout
}

export interface Pinning {
  applied: boolean
  /** CPU for the servers, or undefined when not pinned. */
  serverCpu: number | undefined
  description: string
}

/**
 * Servers on CPU 0, this process (the load generator, every thread of it) on CPU 1, so the two stop
 * competing for one core's time slices; the servers' children inherit nothing from us as taskset
 * re-pins them. Needs `taskset` (util-linux) and two CPUs; otherwise says why not.
 */
export async function pinProcesses (wanted: boolean, cpuCount: number): Promise<Pinning> {
  const off = (description: string): Pinning => ({ applied: false, serverCpu: undefined, description })
  if (!wanted) return off('CPU pinning off (--no-pin)')
  if (cpuCount < 2) return off(`CPU pinning not applied: ${cpuCount} CPU`)
  try {
    await captureCommand('taskset', ['-a', '-p', '-c', '1', String(process.pid)], process.cwd(), process.env)
  } catch (error) {
    return off(`CPU pinning not applied: taskset unavailable or refused (${(error as Error).message.split('\n')[0] ?? ''})`)
  }
  return { applied: true, serverCpu: 0, description: 'CPU pinning applied: servers on CPU 0, load generator (this process) on CPU 1' }
}
