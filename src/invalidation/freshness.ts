import type { ContentVersion } from '../db/content-version.js'
import type { KeyVersions } from '../db/key-versions.js'

/**
 * What a public response's validator is made of, taken once per request before anything is read
 * (http/caching.ts): the versions of the response's surrogate keys, plus — for responses about
 * articles or pages — the visibility boundary that moves when a scheduled one falls due. A response
 * that named no keys falls back to the global content version, which any write moves.
 */
export interface FreshnessSnapshot {
  /**
   * The validator of a response that depends on `keys`, as of this snapshot; null when one of them
   * was written after the snapshot — the body may mix states, so it gets no validator and is not kept.
   */
  validatorOf (keys: ReadonlySet<string> | undefined): string | null
}

export function createFreshness ({ keyVersions, contentVersion, now }: { keyVersions: KeyVersions, contentVersion: ContentVersion, now: () => number }) {
  return {
    snapshot (): FreshnessSnapshot {
      const at = now()
      const head = keyVersions.head()
      const epoch = keyVersions.epoch()
      // one boundary read serves both the global fallback and the per-key validators
      const { version: global, articles, pages } = contentVersion.read(at)
      return {
        validatorOf (keys) {
          if (keys === undefined || keys.size === 0) return `g${global}`
          // catch up first: a write this process committed while the response was rendered must be
          // seen. Another process's commit during the render is not looked for: the body may then
          // be newer than this validator, never older, and the next request's snapshot, which reads
          // data_version afresh, gives the response a validator that no longer matches it.
          if (keyVersions.headOfOwnWrites() > head && keyVersions.newest(keys) > head) return null
          if (keyVersions.epoch() !== epoch) return null
          let onArticles = false
          let onPages = false
          for (const key of keys) {
            if (key.startsWith('article:') || key.startsWith('list:articles')) onArticles = true
            else if (key.startsWith('page:') || key.startsWith('list:pages')) onPages = true
          }
          return `k${keyVersions.newest(keys)}.${keyVersions.epoch()}.${onArticles ? articles : ''}.${onPages ? pages : ''}`
        }
      }
    }
  }
}

export type Freshness = ReturnType<typeof createFreshness>
