import { and, asc, eq, sql } from 'drizzle-orm'
import type { Db } from '../db/connection.js'
import { attachments, type AttachmentOwnerType } from '../db/schema.js'
import { InvalidInputError, type FieldProblem } from '../errors.js'

/** What a write sends: the media item and its label on this article or page. */
export interface AttachmentInput { mediaId: number, label?: string | null }
/** What is stored, in order. */
export interface AttachmentLink { mediaId: number, label: string | null }

/**
 * The most attachments an article or page may carry: a book's chapters or a season of videos fit,
 * a runaway import does not (and every read of the owner embeds them all).
 */
export const MAX_ATTACHMENTS = 50

const inOwners = sql`${attachments.ownerId} in (select value from json_each(${sql.placeholder('ids')}))`

/**
 * Attachments of articles and pages (one table, owner type and id), shared by both content
 * modules: the batch read every protocol uses, the check and the replace of the write paths, and
 * the clean-up when the owner is deleted. Lists are replaced whole, in the order given.
 */
export function createAttachmentStore (db: Db, ownerType: AttachmentOwnerType) {
  const ofOwners = db.select({ ownerId: attachments.ownerId, mediaId: attachments.mediaId, label: attachments.label }).from(attachments)
    .where(and(eq(attachments.ownerType, ownerType), inOwners)).orderBy(asc(attachments.ownerId), asc(attachments.position)).prepare()
  // one owner (a single article or page): an index seek instead of json_each
  const ofOwner = db.$client.prepare('select media_id as mediaId, label from attachments where owner_type = ? and owner_id = ? order by position')
  const owners = db.selectDistinct({ ownerId: attachments.ownerId }).from(attachments)
    .where(and(eq(attachments.mediaId, sql.placeholder('mediaId')), eq(attachments.ownerType, ownerType)))
    .orderBy(asc(attachments.ownerId)).limit(sql.placeholder('limit')).prepare()

  return {
    /** Each owner's attachments in order, one statement for the batch, answers in key order. */
    linksOf (ownerIds: readonly number[]): AttachmentLink[][] {
      if (ownerIds.length === 0) return []
      if (ownerIds.length === 1) return [ofOwner.all(ownerType, ownerIds[0]) as AttachmentLink[]]
      const groups = new Map<number, AttachmentLink[]>()
      for (const row of ofOwners.all({ ids: JSON.stringify([...new Set(ownerIds)]) })) {
        let list = groups.get(row.ownerId)
        if (list === undefined) groups.set(row.ownerId, list = [])
        list.push({ mediaId: row.mediaId, label: row.label })
      }
      return ownerIds.map((id) => groups.get(id) ?? [])
    },

    /** Owners showing the media item, in id order, at most `limit` (media refuses to delete it while any does). */
    ownersOf (mediaId: number, limit: number): number[] {
      return owners.all({ mediaId, limit }).map((row) => row.ownerId)
    },

    /**
     * A client's list, checked before anything is written: every media item exists (`found`
     * answers the batch in key order, as the media service's findByIds does) and appears once.
     */
    check (inputs: readonly AttachmentInput[], found: (ids: readonly number[]) => ReadonlyArray<unknown>): void {
      const problems: FieldProblem[] = []
      if (inputs.length > MAX_ATTACHMENTS) problems.push({ name: 'body.attachments', reason: `must have at most ${MAX_ATTACHMENTS} items` })
      const existing = found(inputs.map((input) => input.mediaId))
      const seen = new Set<number>()
      inputs.forEach((input, i) => {
        if (existing[i] === null || existing[i] === undefined) problems.push({ name: `body.attachments.${i}.mediaId`, reason: `media ${input.mediaId} does not exist` })
        if (seen.has(input.mediaId)) problems.push({ name: `body.attachments.${i}.mediaId`, reason: `media ${input.mediaId} is already attached (item ${inputs.findIndex((other) => other.mediaId === input.mediaId)})` })
        seen.add(input.mediaId)
      })
      if (problems.length > 0) throw new InvalidInputError(problems.map((p) => `${p.name} ${p.reason}`).join('; '), problems)
    },

    /** Replaces the owner's list, in the caller's transaction (after `check`). */
    replace (tx: Db, ownerId: number, inputs: readonly AttachmentInput[]): void {
      tx.delete(attachments).where(and(eq(attachments.ownerType, ownerType), eq(attachments.ownerId, ownerId))).run()
      if (inputs.length > 0) {
        tx.insert(attachments).values(inputs.map((input, position) => ({ ownerType, ownerId, position, mediaId: input.mediaId, label: input.label ?? null }))).run()
      }
    }
  }
}

export type AttachmentStore = ReturnType<typeof createAttachmentStore>
