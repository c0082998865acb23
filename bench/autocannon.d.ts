// autocannon ships no types and @types/autocannon lags its major versions; this declares only what bench/ uses.
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events'

  namespace autocannon {
    interface Histogram {
      average: number
      mean: number
      stddev: number
      min: number
      max: number
      total: number
      p50: number
      p90: number
      p97_5: number
      p99: number
      p99_9: number
    }

    interface Request {
      method?: string
      path?: string
      headers?: Record<string, string>
      body?: string | Buffer
    }

    interface Client extends EventEmitter {
      setRequests (requests: Request[]): void
    }

    interface Options {
      url: string
      connections?: number
      duration?: number
      timeout?: number
      pipelining?: number
      method?: string
      headers?: Record<string, string>
      body?: string | Buffer
      requests?: Request[]
      setupClient?: (client: Client) => void
    }

    interface Result {
      title?: string
      url: string
      requests: Histogram
      latency: Histogram
      throughput: Histogram
      duration: number
      errors: number
      timeouts: number
      mismatches: number
      non2xx: number
      resets: number
      start: Date
      finish: Date
      connections: number
      pipelining: number
      statusCodeStats: Record<string, { count: number }>
      '1xx': number
      '2xx': number
      '3xx': number
      '4xx': number
      '5xx': number
    }

    interface Instance extends EventEmitter, PromiseLike<Result> {
      stop (): void
    }
  }

  function autocannon (options: autocannon.Options): autocannon.Instance
  export default autocannon
}
