import { keysForWrite, type EntityType } from '../cache-keys/surrogate-keys.js'
import type { ChangeEntityType, ContentStatus } from '../db/schema.js'
import type { ChangeRecord } from '../editorial/changes.js'

/** What a workflow entity (article, page) looks like inside the write's transaction. */
export interface WorkflowState { status: ContentStatus | null, publishedAt: number | null, edition: string | null }

/** A batch of keys to purge at an instant: now, or when a scheduled item becomes visible. */
export interface PurgeStep { keys: string[], at: number }

const purgedTypes: ReadonlySet<ChangeEntityType> = new Set(['article', 'page', 'category', 'tag', 'author', 'media', 'gallery', 'menu', 'edition', 'settings'])

const listed = (status: unknown): boolean => status === 'published' || status === 'scheduled'

/** An edit that changed status or publishedAt of something that was (or is) published or scheduled. */
function movedOutOfPublic (summary: Record<string, unknown>, state: WorkflowState | null): boolean {
  if (!('status' in summary) && !('publishedAt' in summary)) return false
  const status = summary.status as { from?: unknown } | undefined
  return listed(status?.from ?? state?.status) || listed(state?.status)
}

/**
 * Which cached responses a change makes stale, and when (the purge side of cache-keys/surrogate-keys.ts).
 * - Articles and pages: the public sees `status in (published, scheduled) and publishedAt <= now`.
 *   An edit or creation of content nobody public can see — a draft save, an archived item's edit —
 *   purges nothing; an edit of scheduled content purges at its publishedAt, when it appears; a
 *   publication purges when the item appears (now, or at its future publishedAt); unpublish,
 *   archive, delete, or an edit that moves status or publishedAt of public content purges now
 *   (the public may have seen the old state), and again at a future publishedAt.
 * - Everything else has no drafts: every write purges.
 * Comments, contact messages and API keys appear in no public cached response with surrogate keys.
 */
export function purgePlan (change: ChangeRecord, edition: string | null, state: WorkflowState | null): PurgeStep[] {
  if (!purgedTypes.has(change.entityType)) return []
  const type = change.entityType as EntityType
  const id = type === 'edition' || type === 'settings' ? edition : change.entityId
  if (id === null) return []
  const keys = keysForWrite({ type, id, edition })
  if (type !== 'article' && type !== 'page') return [{ keys, at: change.at }]
  const visibleFrom = state !== null && (state.status === 'published' || state.status === 'scheduled') ? state.publishedAt : null
  const movedVisibility = change.action === 'unpublished' || change.action === 'archived' || change.action === 'deleted' ||
    (change.action === 'updated' && movedOutOfPublic(change.summary, state))
  const steps: PurgeStep[] = []
  if (movedVisibility || (visibleFrom !== null && visibleFrom <= change.at)) steps.push({ keys, at: change.at })
  if (visibleFrom !== null && visibleFrom > change.at) steps.push({ keys, at: visibleFrom })
  return steps
}
