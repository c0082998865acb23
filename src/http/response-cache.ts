import type { Coding } from './content-codings.js'

/**
 * Rendered public responses keyed by URL, stamped with the validator they were rendered at and the
 * surrogate keys that validator was computed from. The caller serves an entry only while the
 * validator of its keys is unchanged (http/caching.ts), so the cache can never return content that
 * a write or a scheduled publication has since changed; it is bounded by bytes and evicts least
 * recently used entries first.
 */
export interface CachedResponse {
  version: string
  /** The strong ETag of a GET's entry (identity coding), a hash made once instead of on every hit. */
  etag?: string
  keys: ReadonlySet<string> | undefined
  /**
   * The body as encoded once, when it was kept: a hit sends these bytes as they are, so replaying a
   * large list allocates nothing and re-encodes nothing (a string would be UTF-8 encoded into a
   * fresh buffer on every hit, garbage the collector then pauses for under load).
   */
  payload: Buffer
  headers: Record<string, string>
  /**
   * The body compressed, per content coding, made on the first hit that asked for that coding
   * (`addVariant`): browsers and CDNs always send Accept-Encoding, and compressing a 100 KB list on
   * every hit made a cached read cost more than rendering it.
   */
  variants?: Partial<Record<Coding, Buffer>>
  /** Whether @fastify/compress would compress this body at all (its type and size), decided on the first hit. */
  compressible?: boolean
}

// rough V8 costs of the containers: the entry and its Map slot, a header property, a Set member
const ENTRY_OVERHEAD = 256
const HEADER_OVERHEAD = 32
const KEY_OVERHEAD = 32
const variantSize = (body: Buffer | undefined): number => body === undefined ? 0 : HEADER_OVERHEAD + body.length

/**
 * The largest body an entry keeps. A bigger response (a sync page of 500 bodies runs to 5 MB) is
 * rarely asked for twice before a write, and keeping one is costly beyond its bytes: each is a
 * block of several megabytes from the C heap, and evicting them leaves that heap fragmented at its
 * peak. On 100,000 articles, one walk through the sync feed left a server with the cache on at
 * 366 MB resident, against 183 MB for the same reads without the walk.
 */
export const MAX_ENTRY_BODY_BYTES = 1024 * 1024

/**
 * A body's UTF-8 bytes in a buffer of their own. `Buffer.from` puts a small string in one of
 * Node's shared 8 KB pool slabs, and a kept entry would pin its whole slab: a cache of 1 KB
 * entries could hold several times its budget.
 */
export function ownedBody (text: string, byteLength: number): Buffer {
  const body = Buffer.allocUnsafeSlow(byteLength)
  body.write(text, 'utf8')
  return body
}

// slots of the doorkeeper (see `seenBefore`): 256 KB, whatever the traffic
const DOORKEEPER_SLOTS = 1 << 16

// FNV-1a over UTF-16 code units: a cheap, well-spread 32-bit hash for URLs
function hashOf (key: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193)
  return h >>> 0
}

export function createResponseCache (maxBytes: number) {
  const entries = new Map<string, CachedResponse>()
  let bytes = 0
  // The doorkeeper of TinyLFU-style admission: one hash per slot, the last key seen there. A
  // collision can only make a key look unseen (it is kept one request later) or, rarely, seen.
  const seen = new Uint32Array(DOORKEEPER_SLOTS)
  // one huge response must not flush everything else
  const bodyLimit = Math.min(MAX_ENTRY_BODY_BYTES, maxBytes / 8)
  // everything an entry keeps, not only its body: the stored headers (surrogate keys and cache tags
  // run to kilobytes on a list), its key set, and the objects that hold them. Counting bodies alone
  // let a full 32 MB cache hold well over 32 MB.
  const sizeOf = (key: string, entry: CachedResponse): number => {
    let size = ENTRY_OVERHEAD + key.length + entry.version.length + (entry.etag?.length ?? 0) + entry.payload.length
    for (const name in entry.headers) size += HEADER_OVERHEAD + name.length + (entry.headers[name]?.length ?? 0)
    if (entry.keys !== undefined) for (const k of entry.keys) size += KEY_OVERHEAD + k.length
    if (entry.variants !== undefined) for (const coding in entry.variants) size += variantSize(entry.variants[coding as Coding])
    return size
  }
  const evictOverBudget = (): void => {
    for (const [oldKey, oldEntry] of entries) {
      if (bytes <= maxBytes) break
      remove(oldKey, oldEntry)
    }
  }
  const remove = (key: string, entry: CachedResponse) => {
    entries.delete(key)
    bytes -= sizeOf(key, entry)
  }

  return {
    /** The entry, fresh or not, without marking it used. */
    peek (key: string): CachedResponse | undefined {
      return entries.get(key)
    },
    /** Marks a served entry as the most recently used. */
    touch (key: string, entry: CachedResponse): void {
      if (entries.get(key) !== entry) return
      entries.delete(key)
      entries.set(key, entry)
    },
    /**
     * Whether this key was asked for before (and records that it now has been): the caller keeps a
     * response it expects to be a one-off only from its second request on.
     */
    seenBefore (key: string): boolean {
      const h = hashOf(key)
      const slot = h & (DOORKEEPER_SLOTS - 1)
      // 0 marks an empty slot; a key hashing to 0 is stored as 1 (a harmless, rare collision)
      const mark = h === 0 ? 1 : h
      if (seen[slot] === mark) return true
      seen[slot] = mark
      return false
    },
    /** Whether a body of this many bytes would be kept: the caller encodes only bodies it admits. */
    admits (bodyBytes: number): boolean {
      return bodyBytes <= bodyLimit
    },
    set (key: string, entry: CachedResponse): void {
      const size = sizeOf(key, entry)
      if (entry.payload.length > bodyLimit || size > maxBytes / 8) return
      const previous = entries.get(key)
      if (previous !== undefined) remove(key, previous)
      entries.set(key, entry)
      bytes += size
      evictOverBudget()
    },
    /**
     * Keeps a compressed body beside the entry it was made from, counted against the budget. An
     * entry replaced or evicted meanwhile gets nothing: the caller sends the body it made anyway.
     */
    addVariant (key: string, entry: CachedResponse, coding: Coding, body: Buffer): void {
      if (entries.get(key) !== entry || entry.variants?.[coding] !== undefined) return
      entry.variants = { ...entry.variants, [coding]: body }
      bytes += variantSize(body)
      evictOverBudget()
    },
    get size () { return entries.size },
    get bytes () { return bytes }
  }
}

export type ResponseCache = ReturnType<typeof createResponseCache>
