// wrk (Debian's `wrk`, written in C) as the load generator, for rows whose responses are large.
// autocannon decodes every response body into a JS string (its request queue appends each chunk
// with `+=`, for an onResponse hook we do not use): on the 111 KB full-body list that was 54 % of its
// CPU in a profile, it capped near 5k req/s with the server's core half idle, and the row's p99 was
// autocannon's queue, not the server's. wrk keeps the server's core busy at the same settings.
// One thread (the load generator has one pinned core); the requests rotate from a Lua script, which
// prints the figures as one JSON line for us to read.
//
// Statuses are counted by a Lua `response` hook only where asked (warm-ups and phased runs): with
// the hook defined, wrk buffers every body and copies it into a Lua string. On the 487 KB first
// page of a sync that capped wrk at 1.8k req/s with the server's core half idle, and the row's p99
// (29–45 ms) was wrk's backlog; without the hook, 4.5–5.5k req/s on the same server. A measured run
// without it still has wrk's own count of statuses ≥ 400 (`errors.status`).
import { spawn, spawnSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { LoadRequest } from './scenarios.js'

const MARKER = 'QUIRE_WRK '

export interface WrkFigures {
  requests: number
  durationMicros: number
  errors: { connect: number, read: number, write: number, status: number, timeout: number }
  /** Microseconds, as wrk measures them. */
  latency: { p50: number, p90: number, p99: number, mean: number, max: number }
  /** Per status, when the run counted them (`countStatuses`); null when only wrk's `errors.status` was kept. */
  statuses: Record<string, number> | null
  /** With `phases`: statuses counted per phase, by the time each response completed (index 0 first). */
  phases?: Array<Record<string, number>>
}

/**
 * Phases of a run, for the draft-churn rows (alternation.ts): the script counts each response in the
 * phase it completed in, by CLOCK_MONOTONIC, which is also the clock of Node's process.hrtime, so the
 * runner's phase switches and wrk's counting share one time base.
 */
export interface WrkPhases {
  /** process.hrtime.bigint() at the start of phase 0, which lies after wrk has started and connected. */
  startNs: bigint
  phaseMs: number
  count: number
}

/** Whether `wrk` is on PATH. */
export function wrkAvailable (): boolean {
  // wrk has no flag that exits 0 without a URL; a missing binary is ENOENT, anything else runs it
  return spawnSync('wrk', ['--version'], { stdio: 'ignore' }).error === undefined
}

/** A Lua string literal for any text: printable ASCII as is, every other byte as a decimal escape. */
export function luaString (text: string): string {
  let out = '"'
  for (const byte of Buffer.from(text, 'utf8')) {
    if (byte === 0x22 || byte === 0x5c) out += '\\' + String.fromCharCode(byte)
    else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte)
    else out += '\\' + String(byte).padStart(3, '0')
  }
  return out + '"'
}

function luaRequest (request: LoadRequest): string {
  const headers = Object.entries(request.headers ?? {}).map(([name, value]) => `[${luaString(name)}] = ${luaString(value)}`)
  const body = request.body !== undefined ? luaString(request.body) : 'nil'
  return `wrk.format(${luaString(request.method)}, ${luaString(request.path)}, { ${headers.join(', ')} }, ${body})`
}

// LuaJIT's FFI (wrk runs LuaJIT) reads the same monotonic clock as Node; statuses per phase are kept
// flat, phase * 1000 + status, so thread:get copies one plain table. Responses before phase 0 or after
// the last phase belong to no phase: the runner starts wrk before phase 0 and stops it after the last.
function phaseCounting (phases: WrkPhases): { counting: string, merging: string } {
  return {
    counting: `
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } quire_timespec;
int clock_gettime(int clock_id, quire_timespec *tp);
]]
local now = ffi.new("quire_timespec")
local start_ns = ${phases.startNs.toString()}
local phase_ns = ${Math.round(phases.phaseMs * 1e6)}
local last_phase = ${phases.count - 1}
local function count_phase (status)
  ffi.C.clock_gettime(1, now)
  local index = math.floor((tonumber(now.tv_sec) * 1e9 + tonumber(now.tv_nsec) - start_ns) / phase_ns)
  if index < 0 or index > last_phase then return end
  local key = index * 1000 + status
  phase_statuses[key] = (phase_statuses[key] or 0) + 1
end
`,
    merging: `
  local by_phase = {}
  for _, thread in ipairs(threads) do
    for key, count in pairs(thread:get("phase_statuses")) do by_phase[key] = (by_phase[key] or 0) + count end
  end
  local phase_parts = {}
  for index = 0, last_phase do
    local cells = {}
    for key, count in pairs(by_phase) do
      if math.floor(key / 1000) == index then table.insert(cells, string.format('"%d":%d', key % 1000, count)) end
    end
    table.insert(phase_parts, "{" .. table.concat(cells, ",") .. "}")
  end
  phases_json = ',"phases":[' .. table.concat(phase_parts, ",") .. "]"
`
  }
}

/**
 * The script: requests in turn across all connections (an even mix at every instant); with
 * `countStatuses`, statuses counted per thread, and per phase when `phases` is given.
 */
export function wrkScript (requests: LoadRequest[], phases?: WrkPhases, countStatuses = true): string {
  if (phases !== undefined && !countStatuses) throw new Error('a phased run counts statuses per phase')
  const perPhase = phases !== undefined ? phaseCounting(phases) : undefined
  return `-- generated by bench/wrk.ts
local threads = {}${perPhase?.counting ?? ''}
function setup (thread) table.insert(threads, thread) end

local requests
local next_request = 0
function init (args)
  statuses = {}
  phase_statuses = {}
  requests = {
${requests.map((request) => `    ${luaRequest(request)}`).join(',\n')}
  }
end

function request ()
  next_request = next_request % #requests + 1
  return requests[next_request]
end

${countStatuses ? `function response (status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1${perPhase !== undefined ? '\n  count_phase(status)' : ''}
end
` : ''}
function done (summary, latency, requests)
  local counts = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do counts[status] = (counts[status] or 0) + count end
  end
  local phases_json = ""${perPhase?.merging ?? ''}
  local parts = {}
  for status, count in pairs(counts) do table.insert(parts, string.format('"%d":%d', status, count)) end
  local statuses_json = ${countStatuses ? '"{" .. table.concat(parts, ",") .. "}"' : '"null"'}
  local e = summary.errors
  io.write(string.format('${MARKER}{"requests":%.0f,"durationMicros":%.0f,"errors":{"connect":%.0f,"read":%.0f,"write":%.0f,"status":%.0f,"timeout":%.0f},' ..
    '"latency":{"p50":%.0f,"p90":%.0f,"p99":%.0f,"mean":%.1f,"max":%.0f},"statuses":%s%s}\\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.mean, latency.max,
    statuses_json, phases_json))
end
`
}

/** The figures line of wrk's output; throws with the output when there is none. */
export function parseWrkOutput (output: string): WrkFigures {
  const line = output.split('\n').find((candidate) => candidate.startsWith(MARKER))
  if (line === undefined) throw new Error(`wrk printed no figures:\n${output.slice(-1000)}`)
  return JSON.parse(line.slice(MARKER.length)) as WrkFigures
}

/** One wrk run of `durationSeconds` with `connections` connections on one thread; a phased run always counts statuses. */
export async function runWrk (baseUrl: string, requests: LoadRequest[], connections: number, durationSeconds: number, phases?: WrkPhases, countStatuses = true): Promise<WrkFigures> {
  const directory = await mkdtemp(join(tmpdir(), 'quire-wrk-'))
  try {
    const script = join(directory, 'requests.lua')
    await writeFile(script, wrkScript(requests, phases, countStatuses))
    const args = ['-t1', `-c${connections}`, `-d${durationSeconds}s`, '--timeout', '10s', '-s', script, baseUrl]
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] })
      let text = ''
      child.stdout.on('data', (chunk: Buffer) => { text += chunk.toString() })
      child.stderr.on('data', (chunk: Buffer) => { text += chunk.toString() })
      child.on('error', reject)
      child.on('close', (code) => code === 0 ? resolve(text) : reject(new Error(`wrk exited with ${code}:\n${text.slice(-1000)}`)))
    })
    return parseWrkOutput(output)
  } finally {
    await rm(directory, { recursive: true, force: true })
  }
}
