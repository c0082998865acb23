import ipaddr from 'ipaddr.js'

export interface AddressClass {
  /** A global unicast destination a webhook may be sent to. */
  public: boolean
  /** The special-purpose range that decided (ipaddr.js names, plus ipv4Compatible and notGlobalUnicast). */
  range: string
  /** The IPv4 address an IPv6 transition form carries, when there is one. */
  embedded?: { address: string, range: string }
}

/** IANA's global unicast block: every other IPv6 address is reserved, special-purpose or unassigned. */
const globalUnicast = ipaddr.parseCIDR('2000::/3')
/** Only the well-known NAT64 prefix reaches the public IPv4 internet; 64:ff9b:1::/48 is for local use (RFC 8215). */
const nat64WellKnown = ipaddr.parseCIDR('64:ff9b::/96')

const ipv4From = (parts: number[]) => ipaddr.fromByteArray([parts[0]! >> 8, parts[0]! & 0xff, parts[1]! >> 8, parts[1]! & 0xff]) as ipaddr.IPv4

/**
 * The address in the WHATWG URL parser's hex notation, without a zone id; null if it is no IPv6
 * address. ipaddr.js reads the dotted `::a.b.c.d` as IPv4-mapped, where every socket reads it as
 * IPv4-compatible `::a.b.c.d`: classifying its reading would judge another address.
 */
function canonicalIPv6 (text: string): string | null {
  try {
    const hostname = new URL(`http://[${text.replace(/%[^%]*$/, '')}]/`).hostname
    return hostname.slice(1, -1)
  } catch {
    return null
  }
}

function classifyIPv4 (address: ipaddr.IPv4): AddressClass {
  const range = address.range()
  return { public: range === 'unicast', range }
}

/**
 * Classifies an IP address for outgoing webhooks, after the IANA IPv4 and IPv6 Special-Purpose
 * Address Registries. Only global unicast passes. Forms that carry an IPv4 address are judged
 * by what they carry, or refused outright:
 * - IPv4-mapped `::ffff:a.b.c.d` is the IPv4 address itself on a dual-stack socket;
 * - NAT64 `64:ff9b::a.b.c.d` is how an IPv6-only network (DNS64) reaches an IPv4 host, so a
 *   public receiver must pass — and 127.0.0.1 inside it must not;
 * - IPv4-compatible `::a.b.c.d` (deprecated, RFC 4291), IPv4-translated `::ffff:0:a.b.c.d`,
 *   6to4 `2002::/16` and Teredo `2001::/32` are refused whatever they carry: deprecated or
 *   relay-dependent tunnels no webhook receiver needs, whose relays would unwrap them to the
 *   IPv4 address inside. The embedded address is still reported, for the error message.
 * Anything that does not parse as an address is not public.
 */
export function classifyAddress (text: string): AddressClass {
  if (!text.includes(':')) return ipaddr.IPv4.isValid(text) ? classifyIPv4(ipaddr.IPv4.parse(text)) : { public: false, range: 'invalid' }
  const canonical = canonicalIPv6(text)
  if (canonical === null) return { public: false, range: 'invalid' }
  const address = ipaddr.IPv6.parse(canonical)
  const parts = address.parts
  const range = address.range()
  const low32 = ipv4From(parts.slice(6))
  const carrying = (embedded: ipaddr.IPv4) => ({ address: embedded.toString(), range: embedded.range() })
  switch (range) {
    case 'ipv4Mapped': {
      const inner = classifyIPv4(low32)
      return { public: inner.public, range, embedded: carrying(low32) }
    }
    case 'rfc6052':
      if (address.match(nat64WellKnown)) {
        const inner = classifyIPv4(low32)
        return { public: inner.public, range: 'nat64', embedded: carrying(low32) }
      }
      return { public: false, range: 'nat64LocalUse' }
    case 'rfc6145':
      return { public: false, range: 'ipv4Translated', embedded: carrying(low32) }
    case '6to4':
      return { public: false, range, embedded: carrying(ipv4From(parts.slice(1, 3))) }
    case 'teredo': {
      // the client's address is stored inverted (RFC 4380 §4)
      const client = ipv4From([~parts[6]! & 0xffff, ~parts[7]! & 0xffff])
      return { public: false, range, embedded: carrying(client) }
    }
    case 'unicast':
      if (parts.slice(0, 6).every((p) => p === 0)) return { public: false, range: 'ipv4Compatible', embedded: carrying(low32) }
      if (!address.match(globalUnicast)) return { public: false, range: 'notGlobalUnicast' }
      return { public: true, range }
    default:
      return { public: false, range }
  }
}

export const isPublicAddress = (address: string): boolean => classifyAddress(address).public

/** "127.0.0.1 (loopback)", "::ffff:a9fe:a9fe (ipv4Mapped carrying 169.254.169.254, linkLocal)". */
export function describeAddress (address: string, verdict: AddressClass = classifyAddress(address)): string {
  const inner = verdict.embedded !== undefined ? ` carrying ${verdict.embedded.address}, ${verdict.embedded.range}` : ''
  return `${address} (${verdict.range}${inner})`
}
