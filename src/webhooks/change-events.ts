import type { ChangeAction, ContentStatus } from '../db/schema.js'
import type { EventAction, WebhookEntityType } from './event-types.js'

/** What the event says about its entity, read inside the write's transaction. */
export interface EntityState {
  edition: string | null
  slug: string | null
  title: string | null
  /** Null for entities without a workflow (categories, media): they are public while they exist. */
  status: ContentStatus | null
  publishedAt: number | null
  url: string | null
}

export interface EventDecision {
  action: EventAction
  /** When the event becomes true for the public, and so when it is delivered. */
  occursAt: number
}

/**
 * Which event (if any) a change is, from the integrator's side of the API: events describe what
 * the public can see.
 * - `published`: the entity became public — at its publishedAt, so a scheduled article's event
 *   waits until then (the caller queues it with that `deliver_after`).
 * - `updated`: an edit of content that is public now. Drafts' edits are nobody's business; an edit
 *   of scheduled content re-announces the `published` event with the edited content (the caller
 *   withdraws the earlier, not yet due one).
 * - `unpublished` (unpublish or archive): unless it withdrew a `published` event that was not yet
 *   due — then the public never saw it, and nothing is said.
 * - `deleted`: always, with what the entity was.
 * Categories and media have no workflow: created is `published`, then `updated`, `deleted`.
 */
export function decideEvent (
  entity: WebhookEntityType, action: ChangeAction, state: EntityState | null, at: number, withdrewScheduled: boolean
): EventDecision | null {
  if (entity === 'category' || entity === 'media') {
    switch (action) {
      case 'created': case 'published': return { action: 'published', occursAt: at }
      case 'updated': return { action: 'updated', occursAt: at }
      case 'deleted': return { action: 'deleted', occursAt: at }
      default: return null
    }
  }
  const visibleFrom = state !== null && (state.status === 'published' || state.status === 'scheduled') ? state.publishedAt : null
  switch (action) {
    case 'deleted': return { action: 'deleted', occursAt: at }
    case 'unpublished': case 'archived': return withdrewScheduled ? null : { action: 'unpublished', occursAt: at }
    case 'created': case 'published': case 'updated':
      if (visibleFrom === null) return null
      if (visibleFrom > at) return { action: 'published', occursAt: visibleFrom }
      return action === 'updated' ? { action: 'updated', occursAt: at } : { action: 'published', occursAt: at }
  }
}
