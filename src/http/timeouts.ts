import type { FastifyServerOptions } from 'fastify'
import type { ServerOptions as HttpServerOptions } from 'node:http'
import type { HttpConfig } from '../config.js'
import { handleClientError } from './client-errors.js'
import { drainOptions } from './shutdown.js'

type ServerOptions = Pick<FastifyServerOptions, 'requestTimeout' | 'connectionTimeout' | 'keepAliveTimeout' | 'trustProxy' | 'clientErrorHandler' | 'return503OnClosing' | 'forceCloseConnections'> & { http: HttpServerOptions }

/**
 * The server options of the network edge: how it closes (shutdown.ts), and its time limits, so a client that sends slowly cannot hold a connection (and its
 * memory) open: node answers 408 and closes when the headers (`headersTimeout`) or the whole
 * request (`requestTimeout`) take too long, an idle keep-alive connection is closed after
 * `keepAliveTimeout`, and a socket on which nothing moves for `connectionTimeout` is destroyed
 * (a reader that stops reading a response). Node checks the first two only every
 * `connectionsCheckingInterval` (30 s by default, far coarser than the limits themselves), so
 * that interval follows the shortest limit.
 *
 * Media uploads will need a longer request limit than JSON: give their routes their own (a
 * streaming body with a per-route deadline) rather than raising REQUEST_TIMEOUT_MS for all.
 */
export function serverOptions (config: HttpConfig): ServerOptions {
  const shortest = Math.min(config.headersTimeoutMs, config.requestTimeoutMs)
  const trustProxy = config.trustProxy
  return {
    requestTimeout: config.requestTimeoutMs,
    // a socket with no traffic at all for this long is dead either way; a response still being
    // written to a slow reader gets the same allowance as a request being read
    connectionTimeout: config.requestTimeoutMs,
    keepAliveTimeout: config.keepAliveTimeoutMs,
    http: {
      // node requires headersTimeout ≤ requestTimeout
      headersTimeout: Math.min(config.headersTimeoutMs, config.requestTimeoutMs),
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(shortest / 4)))
    },
    // a hop count trusts the nearest n proxies, as proxy-addr counts them
    trustProxy: typeof trustProxy === 'number' ? (_address: string, hop: number) => hop < trustProxy : trustProxy,
    clientErrorHandler: handleClientError,
    ...drainOptions
  }
}
