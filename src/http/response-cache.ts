/**
 * Rendered public responses keyed by URL and stamped with the content version they were rendered
 * at. An entry is only served while the version is unchanged, so the cache can never return
 * content that a write or a scheduled publication has since changed; it is bounded by bytes and
 * evicts least recently used entries first.
 */
export interface CachedResponse {
  version: string
  payload: string
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
    get (key: string, version: string): CachedResponse | undefined {
      const entry = entries.get(key)
      if (entry === undefined) return undefined
      remove(key, entry)
      if (entry.version !== version) return undefined
      entries.set(key, entry)
      bytes += sizeOf(key, entry)
      return entry
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
