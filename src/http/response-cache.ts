/**
 * Rendered public responses keyed by URL, stamped with the validator they were rendered at and the
 * surrogate keys that validator was computed from. The caller serves an entry only while the
 * validator of its keys is unchanged (http/caching.ts), so the cache can never return content that
 * a write or a scheduled publication has since changed; it is bounded by bytes and evicts least
 * recently used entries first.
 */
export interface CachedResponse {
  version: string
  keys: ReadonlySet<string> | undefined
  /**
   * The body as encoded once, when it was kept: a hit sends these bytes as they are, so replaying a
   * large list allocates nothing and re-encodes nothing (a string would be UTF-8 encoded into a
   * fresh buffer on every hit, garbage the collector then pauses for under load).
   */
  payload: Buffer
  headers: Record<string, string>
}

export function createResponseCache (maxBytes: number) {
  const entries = new Map<string, CachedResponse>()
  let bytes = 0
  const sizeOf = (key: string, entry: CachedResponse) => key.length + entry.payload.length
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
    set (key: string, entry: CachedResponse): void {
      const size = sizeOf(key, entry)
      // one huge response must not flush everything else
      if (size > maxBytes / 8) return
      const previous = entries.get(key)
      if (previous !== undefined) remove(key, previous)
      entries.set(key, entry)
      bytes += size
      for (const [oldKey, oldEntry] of entries) {
        if (bytes <= maxBytes) break
        remove(oldKey, oldEntry)
      }
    },
    get size () { return entries.size },
    get bytes () { return bytes }
  }
}

export type ResponseCache = ReturnType<typeof createResponseCache>
