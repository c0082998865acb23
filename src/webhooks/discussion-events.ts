import type { ChangeRecord } from '../editorial/changes.js'
import type { ContactMessage } from '../modules/contact/index.js'
import { toIso } from '../time.js'

/** The event a comment or contact change is (its type and the exact body to sign), or none. */
export type DiscussionEventDeriver = (change: ChangeRecord) => { type: string, payload: string } | null

const statusEvents: Record<string, string> = { approved: 'comment.approved', spam: 'comment.spam', trash: 'comment.trashed', pending: 'comment.restored' }

/**
 * Comment events carry what the change log says (article, edition, parent, status): never the
 * commenter's email or address, and not the text (fetch it with a moderation key). A contact
 * message is different: the event is how it reaches the newsroom, so `contact.received` carries
 * the whole message — to the endpoints an admin registered, signed like every delivery.
 */
export function createDiscussionEvents ({ contactMessage }: { contactMessage: (id: number) => ContactMessage }): DiscussionEventDeriver {
  return (change) => {
    const timestamp = toIso(change.at)
    if (change.entityType === 'contact') {
      if (change.action !== 'created') return null
      return { type: 'contact.received', payload: JSON.stringify({ type: 'contact.received', timestamp, data: { ...contactMessage(change.entityId), changeSeq: change.seq } }) }
    }
    const summary = change.summary
    const statusChange = summary.statusChange as { to?: string } | undefined
    const type = change.action === 'created'
      ? 'comment.created'
      : change.action === 'deleted'
        ? 'comment.deleted'
        : statusEvents[statusChange?.to ?? ''] ?? 'comment.updated'
    const data = {
      id: change.entityId,
      type: 'comment',
      articleId: summary.articleId ?? null,
      edition: summary.edition ?? null,
      parentId: summary.parentId ?? null,
      status: summary.status ?? null,
      changeSeq: change.seq
    }
    return { type, payload: JSON.stringify({ type, timestamp, data }) }
  }
}
