import { parseArgs } from 'node:util'
import type { Generator } from './load.js'

export interface BenchOptions {
  quick: boolean
  articles: number
  runs: number
  durationSeconds: number
  warmupSeconds: number
  connections: number
  /** null: every scenario (or, with --growth, the core ones). */
  scenarios: string[] | null
  jsonPath: string
  /** Article counts for --growth, always starting at 10000 so every ratio has the same reference. */
  growth: number[] | null
  baselineOnly: boolean
  keep: boolean
  responseCache: boolean
  pin: boolean
  generator: Generator
}

export class UsageError extends Error {}

export const usage = `Usage: npx tsx bench/run.ts [options]     (npm run bench -- [options] builds first)

  --quick                 1 run of 2 s after a 1 s warm-up (defaults: 3 runs of 10 s after 3 s)
  --articles N            synthetic articles to seed (default 10000; 100000 and 1000000 are the reference sizes)
  --runs R                measured runs per scenario; the median is reported
  --duration S            seconds per measured run
  --warmup S              seconds of warm-up before every measured run
  --connections C         concurrent connections (default 50)
  --scenarios a,b         only these scenarios (hello-world is always measured)
  --growth N1,N2          core scenarios at 10000 and each N, each on a fresh database and server
  --baseline-only         measure only the hello-world server (no build or database needed)
  --json PATH             where to write full results (default bench/results/latest.json)
  --keep                  keep the temporary database directories
  --no-response-cache     run Quire with RESPONSE_CACHE_MB=0 (every request renders)
  --no-pin                do not pin servers to CPU 0 and the load generator to CPU 1 (taskset)
  --generator G           autocannon (default, installed by npm ci) or wrk (Debian's \`wrk\`; it keeps
                          the server busy where autocannon is the limit, e.g. 111 KB list bodies);
                          draft-churn rows use autocannon either way (bench/README.md)
  --help
`

export const REFERENCE_ARTICLES = 10_000

function positiveInteger (name: string, raw: string | undefined, fallback: number, allowZero = false): number {
  if (raw === undefined) return fallback
  const value = Number(raw.replace(/_/g, ''))
  if (!Number.isInteger(value) || value < (allowZero ? 0 : 1)) throw new UsageError(`--${name} must be a ${allowZero ? 'non-negative' : 'positive'} integer, got "${raw}"`)
  return value
}

export function parseOptions (argv: string[], defaultJsonPath: string): BenchOptions | 'help' {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        quick: { type: 'boolean', default: false },
        articles: { type: 'string' },
        runs: { type: 'string' },
        duration: { type: 'string' },
        warmup: { type: 'string' },
        connections: { type: 'string' },
        scenarios: { type: 'string' },
        growth: { type: 'string' },
        'baseline-only': { type: 'boolean', default: false },
        json: { type: 'string' },
        keep: { type: 'boolean', default: false },
        'no-response-cache': { type: 'boolean', default: false },
        'no-pin': { type: 'boolean', default: false },
        generator: { type: 'string' },
        help: { type: 'boolean', default: false }
      }
    })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const values = parsed.values
  if (values.help === true) return 'help'
  const quick = values.quick === true
  const growth = values.growth === undefined
    ? null
    : [...new Set([REFERENCE_ARTICLES, ...values.growth.split(',').map((part) => positiveInteger('growth', part.trim(), 0))])].sort((a, b) => a - b)
  if (growth !== null && growth.length < 2) throw new UsageError(`--growth needs an article count other than ${REFERENCE_ARTICLES}, e.g. --growth 10000,100000`)
  if (growth !== null && values['baseline-only'] === true) throw new UsageError('--growth and --baseline-only exclude each other')
  const generator = values.generator ?? 'autocannon'
  if (generator !== 'autocannon' && generator !== 'wrk') throw new UsageError(`--generator must be autocannon or wrk, got "${generator}"`)
  const scenarios = values.scenarios === undefined
    ? null
    : values.scenarios.split(',').map((name) => name.trim()).filter((name) => name !== '')
  return {
    quick,
    articles: positiveInteger('articles', values.articles, REFERENCE_ARTICLES),
    runs: positiveInteger('runs', values.runs, quick ? 1 : 3),
    durationSeconds: positiveInteger('duration', values.duration, quick ? 2 : 10),
    warmupSeconds: positiveInteger('warmup', values.warmup, quick ? 1 : 3, true),
    connections: positiveInteger('connections', values.connections, 50),
    scenarios,
    jsonPath: values.json ?? defaultJsonPath,
    growth,
    baselineOnly: values['baseline-only'] === true,
    keep: values.keep === true,
    responseCache: values['no-response-cache'] !== true,
    pin: values['no-pin'] !== true,
    generator
  }
}
