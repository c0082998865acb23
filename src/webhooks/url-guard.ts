import { lookup } from 'node:dns/promises'
import { isIP } from 'node:net'
import { classifyAddress, describeAddress } from './address-ranges.js'

export interface UrlPolicy {
  /** Loopback, private, link-local … addresses and plain http everywhere (tests, private networks). */
  allowPrivate: boolean
  /** https only, unless allowPrivate. */
  requireHttps: boolean
}

export interface ResolvedAddress { address: string, family: number }

/** Every address a host name resolves to. Injected so tests can make a name resolve anywhere. */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>

export const systemResolver: HostResolver = async (hostname) => lookup(hostname, { all: true, verbatim: true })

/** A host name without the brackets URL puts around an IPv6 literal. */
export const bareHost = (hostname: string): string => hostname.replace(/^\[(.*)\]$/, '$1')

/** The same test the socket layer makes: anything else is looked up through the resolver, and checked there. */
export const isIpLiteral = (host: string): boolean => isIP(host) !== 0

/** Why these addresses may not be called, or null: one private address among them is enough to refuse. */
export function addressRefusal (addresses: readonly string[]): string | null {
  for (const address of addresses) {
    const verdict = classifyAddress(address)
    if (!verdict.public) return `resolves to ${describeAddress(address, verdict)}, not a public unicast address (set WEBHOOK_ALLOW_PRIVATE_URLS to allow it)`
  }
  return addresses.length === 0 ? 'resolves to no address' : null
}

/**
 * Why an endpoint URL is refused, or null. Without `allowPrivate` the host must resolve to public
 * unicast addresses only: a webhook must not become a way to make the server call its own
 * network (SSRF: 127.0.0.1, 10/8, 169.254.169.254 metadata services, ::1, fc00::/7 …).
 * This is the check at registration; the delivery worker checks again at connect time, on the
 * very addresses it connects to (delivery-agents.ts), since DNS may answer differently by then.
 */
export async function urlRefusal (raw: string, policy: UrlPolicy, resolve: HostResolver = systemResolver): Promise<string | null> {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return 'must be an absolute http(s) URL'
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an http(s) URL'
  // credentials in a URL end up in logs and in the delivery log; the signature authenticates us instead
  if (url.username !== '' || url.password !== '') return 'must not contain credentials'
  if (policy.requireHttps && !policy.allowPrivate && url.protocol !== 'https:') return 'must use https'
  if (policy.allowPrivate) return null
  return hostRefusal(url.hostname, resolve)
}

/** Resolves the host (an IP literal needs no lookup) and refuses it unless every address is public. */
export async function hostRefusal (hostname: string, resolve: HostResolver = systemResolver): Promise<string | null> {
  const host = bareHost(hostname)
  if (isIpLiteral(host)) return addressRefusal([host])
  let addresses: ResolvedAddress[]
  try {
    addresses = await resolve(host)
  } catch {
    return `host ${host} does not resolve`
  }
  return addressRefusal(addresses.map((a) => a.address))
}
