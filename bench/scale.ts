// The scaled deployment measured once (`npx tsx bench/scale.ts`; needs varnishd for the last two parts):
// read throughput of one Quire process, of two (CLUSTER_WORKERS=2), and of Varnish hits in front of one,
// all loaded from this process on the same machine; then purge latency — write committed (the PATCH
// answered) → the Varnish object gone (the next GET is no longer a HIT) — median and p99; then the
// recovery times: a backup, and a standby's restore + start (RTO).
import autocannon from 'autocannon'
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startQuireProcess, type QuireProcess } from '../test/helpers/server-process.js'
import { freePort, startVarnish, varnishInstalled } from '../test/helpers/varnish.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'quire-scale-bench-'))
const database = join(dir, 'quire.db')
const log = (line: string) => { process.stdout.write(line + '\n') }
const cli = (args: string[], databasePath = database) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: root, env: { PATH: process.env.PATH ?? '', DATABASE_PATH: databasePath, LOG_LEVEL: 'silent' }, encoding: 'utf8' })
const path = '/v1/articles?edition=en&limit=20'
const seconds = Number(process.env.BENCH_SECONDS ?? 10)

async function load (url: string): Promise<{ rps: number, p50: number, p99: number, errors: number }> {
  await autocannon({ url: url + path, connections: 32, duration: 2 })
  const result = await autocannon({ url: url + path, connections: 32, duration: seconds })
  return { rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx }
}

async function main (): Promise<void> {
  log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load generator in the same machine; ${seconds} s per run, 32 connections, GET ${path}`)
  cli(['seed', '--articles', process.env.BENCH_ARTICLES ?? '5000'])
  const created = cli(['keys', 'create', '--name', 'bench', '--role', 'editor']).stdout.split('\n')
  const token = created[created.findIndex((line) => line.startsWith('token')) + 1]
  const env = { RATE_LIMIT_ENABLED: 'false', LOAD_SHED_MAX_EVENT_LOOP_DELAY_MS: '0', LOAD_SHED_MAX_HEAP_MB: '0', NODE_ENV: 'production' }
  const rows: Array<[string, Awaited<ReturnType<typeof load>>]> = []

  let server: QuireProcess = await startQuireProcess(database, env)
  rows.push(['1 process', await load(server.url)])
  await server.stop()
  server = await startQuireProcess(database, { ...env, CLUSTER_WORKERS: '2' })
  rows.push(['2 processes (CLUSTER_WORKERS=2)', await load(server.url)])
  await server.stop()

  if (varnishInstalled && token !== undefined) {
    const varnishPort = await freePort()
    server = await startQuireProcess(database, { ...env, PURGE_VARNISH_URLS: `http://127.0.0.1:${varnishPort}`, PURGE_SOFT: 'false', PURGE_POLL_INTERVAL_MS: '50' })
    const varnish = await startVarnish(Number(new URL(server.url).port), varnishPort)
    const before = varnish.counters()
    rows.push(['Varnish hits in front of 1 process', await load(varnish.url)])
    const after = varnish.counters()
    const hits = after['MAIN.cache_hit']! - before['MAIN.cache_hit']!
    const misses = after['MAIN.cache_miss']! - before['MAIN.cache_miss']!
    log(`varnish hit ratio during the load: ${(100 * hits / (hits + misses)).toFixed(2)} % (${hits} hits, ${misses} misses)`)

    // purge latency
    const list = (await (await fetch(`${server.url}${path}`)).json()) as { data: Array<{ id: number }> }
    const id = list.data[0]!.id
    const latencies: number[] = []
    for (let i = 0; i < Number(process.env.BENCH_PURGES ?? 100); i++) {
      await fetch(`${varnish.url}/v1/articles/${id}`)
      if ((await fetch(`${varnish.url}/v1/articles/${id}`)).headers.get('x-cache') !== 'HIT') continue
      const res = await fetch(`${server.url}/v1/articles/${id}`, { method: 'PATCH', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ title: `Purge probe ${i}` }) })
      const committed = performance.now()
      if (res.status !== 200) throw new Error(`PATCH answered ${res.status}`)
      while ((await fetch(`${varnish.url}/v1/articles/${id}`, { method: 'HEAD' })).headers.get('x-cache') === 'HIT') { /* poll */ }
      latencies.push(performance.now() - committed)
    }
    latencies.sort((a, b) => a - b)
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1)
    log(`purge latency (write committed → Varnish object gone), ${latencies.length} writes: median ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${latencies.at(-1)!.toFixed(1)} ms`)
    await varnish.stop()
    await server.stop()
  }

  // recovery: a backup while nothing else runs (its duration adds to the RPO of the interval), then
  // a standby's restore of it and a start until /health/ready — the RTO, CLI start-up included
  const backups = join(dir, 'backups')
  mkdirSync(backups)
  let started = performance.now()
  const backup = cli(['backup', backups])
  const backupMs = performance.now() - started
  if (backup.status !== 0) throw new Error(`backup failed: ${backup.stderr}`)
  const file = readdirSync(backups).find((name) => name.endsWith('.db'))!
  const standbyPath = join(dir, 'standby', 'quire.db')
  mkdirSync(join(dir, 'standby'))
  started = performance.now()
  const restored = cli(['restore', join(backups, file)], standbyPath)
  if (restored.status !== 0) throw new Error(`restore failed: ${restored.stderr}`)
  const restoreMs = performance.now() - started
  const standby = await startQuireProcess(standbyPath, env)
  const rtoMs = performance.now() - started
  if ((await fetch(`${standby.url}${path}`)).status !== 200) throw new Error('the standby does not serve')
  await standby.stop()
  log(`recovery: backup ${(backupMs / 1000).toFixed(1)} s (${(statSync(join(backups, file)).size / 1_048_576).toFixed(0)} MB); restore ${(restoreMs / 1000).toFixed(1)} s; restore + start until ready (RTO) ${(rtoMs / 1000).toFixed(1)} s`)

  const base = rows[0]![1].rps
  log('\n| setup | req/s | × 1 process | p50 ms | p99 ms | errors |\n|---|---|---|---|---|---|')
  for (const [name, row] of rows) log(`| ${name} | ${row.rps} | ${(row.rps / base).toFixed(2)} | ${row.p50} | ${row.p99} | ${row.errors} |`)
}

try {
  await main()
} finally {
  rmSync(dir, { recursive: true, force: true })
}
