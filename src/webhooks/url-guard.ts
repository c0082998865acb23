import ipaddr from 'ipaddr.js'
import { lookup } from 'node:dns/promises'

export interface UrlPolicy {
  /** Loopback, private, link-local … addresses and plain http everywhere (tests, private networks). */
  allowPrivate: boolean
  /** https only, unless allowPrivate. */
  requireHttps: boolean
}

/**
 * Why an endpoint URL is refused, or null. Without `allowPrivate` the host must resolve to public
 * unicast addresses only: a webhook must not become a way to make the server call its own
 * network (SSRF: 127.0.0.1, 10/8, 169.254.169.254 metadata services, ::1, fc00::/7 …).
 */
export async function urlRefusal (raw: string, policy: UrlPolicy): Promise<string | null> {
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
  return hostRefusal(url.hostname)
}

/** Resolves the host (an IP literal needs no lookup) and refuses it unless every address is public. */
export async function hostRefusal (hostname: string): Promise<string | null> {
  const host = hostname.replace(/^\[(.*)\]$/, '$1')
  let addresses: string[]
  if (ipaddr.isValid(host)) {
    addresses = [host]
  } else {
    try {
      addresses = (await lookup(host, { all: true, verbatim: true })).map((a) => a.address)
    } catch {
      return `host ${host} does not resolve`
    }
  }
  const refused = addresses.find((address) => !isPublicAddress(address))
  return refused === undefined ? null : `resolves to ${refused}, a loopback, private or reserved address (set WEBHOOK_ALLOW_PRIVATE_URLS to allow it)`
}

// ipaddr.js names every special-purpose range (RFC 6890 and successors); only plain unicast is public
export const isPublicAddress = (address: string): boolean => ipaddr.process(address).range() === 'unicast'
