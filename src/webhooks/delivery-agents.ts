import { Agent as HttpAgent } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'
import type { LookupFunction } from 'node:net'
import { addressRefusal, type HostResolver, type ResolvedAddress } from './url-guard.js'

/** A connection the URL policy refused; its message goes to the delivery log. */
export class AddressRefusedError extends Error {
  readonly code = 'EADDRREFUSED'
}

/**
 * The socket's own DNS lookup: resolves once, refuses the connection unless every address is
 * public, and hands the socket only addresses it has checked. The check and the connection use
 * the same answer, so a name that resolves to a public address at the check and to 127.0.0.1 a
 * moment later (DNS rebinding) cannot slip through between them. Net passes `all: true` when it
 * races IPv4 and IPv6 (autoSelectFamily), a single address otherwise.
 */
export function createVettedLookup ({ resolve, allowPrivate }: { resolve: HostResolver, allowPrivate: boolean }): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then((resolved) => {
      const family = options.family === 4 || options.family === 6 ? options.family : 0
      const addresses = resolved.filter((a) => family === 0 || a.family === family)
      const refusal = allowPrivate ? (addresses.length === 0 ? 'resolves to no address' : null) : addressRefusal(addresses.map((a) => a.address))
      if (refusal !== null) {
        callback(new AddressRefusedError(`refused: ${hostname} ${refusal}`), '', 0)
        return
      }
      if (options.all === true) (callback as unknown as (err: null, all: ResolvedAddress[]) => void)(null, addresses)
      else callback(null, addresses[0]!.address, addresses[0]!.family)
    }, (error: NodeJS.ErrnoException) => { callback(error, '', 0) })
  }
}

export interface DeliveryAgents {
  http: HttpAgent
  https: HttpsAgent
  destroy: () => void
}

/**
 * The agents every delivery goes through, both with the vetted lookup. No keep-alive: deliveries
 * go to many endpoints, a few at a time, and an idle socket would outlive the worker's stop.
 */
export function createDeliveryAgents (options: { resolve: HostResolver, allowPrivate: boolean }): DeliveryAgents {
  const lookup = createVettedLookup(options)
  const http = new HttpAgent({ keepAlive: false, lookup })
  const https = new HttpsAgent({ keepAlive: false, lookup })
  return { http, https, destroy: () => { http.destroy(); https.destroy() } }
}
