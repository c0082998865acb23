import { entityKey, keysForWrite, listKey, type EntityType } from '../cache-keys/surrogate-keys.js'
import type { KeyVersions } from '../db/key-versions.js'
import type { ChangeObserver, ChangeRecord } from '../editorial/changes.js'
import type { EntityStateReader } from '../webhooks/entity-states.js'

export interface InvalidationDeps {
  keyVersions: KeyVersions
  /** The state of articles, pages, categories and media inside the write's transaction (the webhooks' reader). */
  readState: EntityStateReader
  /** Every edition code, for a write whose edition cannot be told (a deleted tag's update diff): all are touched. */
  editionCodes: () => string[]
  /** The code of an edition by id, or null when it no longer exists. */
  editionCode: (id: number) => string | null
}

const text = (value: unknown): string | null => typeof value === 'string' && value !== '' ? value : null

/**
 * Which surrogate keys a change touches for the public, by the same rule the CDN purge follows
 * (cache-keys/surrogate-keys.ts keysForWrite) — so the origin's cache and a CDN invalidate alike.
 * What the public cannot see touches nothing: a draft's edits, API keys, contact messages, a
 * comment waiting for moderation. Writes of articles and pages are public when the entity is (or
 * is scheduled to be) visible after the write, or when it leaves (unpublish, archive, delete); a
 * scheduled item that later falls due is caught by the visibility boundary (caching.ts), not here.
 */
export function publicKeysOf (change: ChangeRecord, deps: Omit<InvalidationDeps, 'keyVersions'>): string[] {
  const { entityType: type, entityId: id, summary } = change
  switch (type) {
    case 'key': case 'contact':
      return []
    case 'comment': {
      // an approved comment shows in the article's commentCount; a held one is the moderators' business
      const articleId = summary.articleId
      if (typeof articleId !== 'number') return []
      if (change.action === 'created' && summary.status !== 'approved') return []
      return [entityKey('article', articleId)]
    }
    case 'article': case 'page': {
      const state = deps.readState(type, id, summary)
      const leaving = change.action === 'unpublished' || change.action === 'archived' || change.action === 'deleted'
      const visible = state !== null && (state.status === null || state.status === 'published' || state.status === 'scheduled')
      if (!leaving && !visible) return []
      return forEditions(type, id, state?.edition ?? text(summary.edition), deps)
    }
    case 'media':
      return keysForWrite({ type, id, edition: null })
    case 'category': {
      const edition = deps.readState(type, id, summary)?.edition ?? text(summary.edition)
      const keys = forEditions(type, id, edition, deps)
      // article lists filtered by a category include its descendants: a move changes what they hold
      if ('parentId' in summary) keys.push(...forEditions('article', 0, edition, deps).filter((key) => key.startsWith('list:')))
      return keys
    }
    case 'author':
      return keysForWrite({ type, id, edition: null })
    case 'tag': case 'gallery': case 'menu':
      return forEditions(type, id, text(summary.edition), deps)
    case 'settings': case 'edition': {
      // named by edition code, and the id is the edition's
      const code = text(summary.edition) ?? deps.editionCode(id)
      const codes = code !== null ? [code] : deps.editionCodes()
      return keysForWrite(...codes.map((c) => ({ type, id: c, edition: type === 'settings' ? c : null })))
    }
  }
}

/** keysForWrite in the write's edition, or, when it cannot be told, in every edition. */
function forEditions (type: EntityType, id: number, edition: string | null, deps: Omit<InvalidationDeps, 'keyVersions'>, global = false): string[] {
  if (global || edition !== null) return keysForWrite({ type, id, edition })
  return [...new Set([entityKey(type, id), listKey(type), ...deps.editionCodes().map((code) => listKey(type, code))])]
}

/** The change-log observer that records, inside each write's transaction, the keys it touched. */
export function createInvalidationObserver (deps: InvalidationDeps): ChangeObserver {
  return (change) => {
    const keys = publicKeysOf(change, deps)
    if (keys.length > 0) deps.keyVersions.bump(keys, change.seq)
  }
}
