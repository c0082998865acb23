/**
 * Surrogate keys name the content a cached response was made from, so a CDN can purge exactly
 * the responses a write touched (Fastly `Surrogate-Key`, Cloudflare `Cache-Tag`). This module is
 * the one definition of the scheme: responses are tagged with these keys, and the write side emits
 * the same keys (keysForWrite) in its events. Pure functions only — services may import it.
 *
 * - `<type>:<id>` (`article:42`, `category:7`, `edition:en`, `settings:en`): the response shows
 *   this entity's data.
 * - `list:<types>` and `list:<types>:<edition>` (`list:articles:en`): the response depends on
 *   which entities of that type exist, are visible, or how they sort — lists, feeds, sitemaps,
 *   counts and lookups that found nothing.
 *
 * The purge rule that makes both sound: every write of an entity purges its own key and both
 * list keys of its type (keysForWrite). That is also why a response too large to name all its
 * entities may name `list:<types>` instead of each `<type>:<id>` (fitSurrogateKeys).
 */

export const entityTypes = ['article', 'page', 'category', 'tag', 'author', 'media', 'gallery', 'menu', 'edition', 'settings'] as const
export type EntityType = typeof entityTypes[number]

const listNames: Record<EntityType, string> = {
  article: 'articles',
  page: 'pages',
  category: 'categories',
  tag: 'tags',
  author: 'authors',
  media: 'media',
  gallery: 'galleries',
  menu: 'menus',
  edition: 'editions',
  settings: 'settings'
}

/** Editions and settings are named by edition code, everything else by numeric id. */
export function entityKey (type: EntityType, id: number | string): string {
  return `${type}:${id}`
}

/** The key of a list of `type`, across all editions (no edition) or within one. */
export function listKey (type: EntityType, edition?: string | null): string {
  return edition === undefined || edition === null ? `list:${listNames[type]}` : `list:${listNames[type]}:${edition}`
}

export interface ContentWrite {
  type: EntityType
  /** Numeric id; the edition code for editions and settings. */
  id: number | string
  /** The edition the entity belongs to (null for authors and media, which are global). */
  edition?: string | null
}

/**
 * What a write must purge: the entity's own key, the lists of its type across editions, and the
 * lists of its type in its edition. Pass the entity once per state when a write moves it (a
 * category moved to another parent: also purge the old and the new parent as category writes,
 * because article lists filtered by a category include its descendants).
 */
export function keysForWrite (...writes: ContentWrite[]): string[] {
  const keys = new Set<string>()
  for (const write of writes) {
    keys.add(entityKey(write.type, write.id))
    keys.add(listKey(write.type))
    if (write.edition !== undefined && write.edition !== null) keys.add(listKey(write.type, write.edition))
  }
  return [...keys].sort()
}

/**
 * Header budget. Fastly allows 16 KB of Surrogate-Key and Cloudflare 16 KB of Cache-Tag, but
 * Varnish-based caches default to 8 KB per header line (`http_resp_hdr_len`); staying under 8 KB
 * works everywhere.
 */
export const SURROGATE_KEY_HEADER_BUDGET = 8000

const entityKeyPattern = new RegExp(`^(${entityTypes.join('|')}):`)

/**
 * Deduplicated, sorted keys that fit the header budget. While they do not fit, the entity type
 * with the most keys is replaced by its all-editions list key, which every write of that type
 * purges too — coarser, never stale.
 */
export function fitSurrogateKeys (keys: Iterable<string>, budget = SURROGATE_KEY_HEADER_BUDGET): string[] {
  let set = new Set(keys)
  const size = () => { let n = -1; for (const key of set) n += key.length + 1; return n }
  while (size() > budget) {
    const counts = new Map<EntityType, number>()
    for (const key of set) {
      const type = entityKeyPattern.exec(key)?.[1] as EntityType | undefined
      if (type !== undefined) counts.set(type, (counts.get(type) ?? 0) + 1)
    }
    const largest = [...counts].sort((a, b) => b[1] - a[1])[0]
    if (largest === undefined) break
    const [type] = largest
    set = new Set([...set].filter((key) => !key.startsWith(`${type}:`)))
    set.add(listKey(type))
  }
  return [...set].sort()
}

/** Both header spellings: Fastly (and Varnish setups) read space-separated, Cloudflare comma-separated. */
export function surrogateKeyHeaders (keys: Iterable<string>): { 'surrogate-key': string, 'cache-tag': string } {
  const fitted = fitSurrogateKeys(keys)
  return { 'surrogate-key': fitted.join(' '), 'cache-tag': fitted.join(',') }
}
