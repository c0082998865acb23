import type { ChangeAction, ContentStatus } from '../db/schema.js'
import { UnprocessableError } from '../errors.js'

export const workflowActions = ['publish', 'unpublish', 'archive'] as const
export type WorkflowAction = typeof workflowActions[number]

/**
 * The status readers see. The stored status of a scheduled item stays `scheduled` after its
 * publishedAt passes (no job flips it; `visible_from` already makes it visible), so "published"
 * means published, or scheduled and due.
 */
export function effectiveStatus (status: ContentStatus, publishedAt: number | null, now: number): ContentStatus {
  if (status === 'scheduled' && publishedAt !== null && publishedAt <= now) return 'published'
  if (status === 'published' && publishedAt !== null && publishedAt > now) return 'scheduled'
  return status
}

export interface WorkflowState { status: ContentStatus, publishedAt: number | null }
export interface Transition extends WorkflowState { change: Extract<ChangeAction, 'published' | 'unpublished' | 'archived'> }

/**
 * The editorial workflow: draft → scheduled (publishedAt in the future) → published → archived,
 * and unpublish back to draft from any of the last three. Anything else is a 422.
 * - publish: from draft or scheduled (to reschedule, or to publish now); `at` defaults to now, and
 *   a future `at` schedules instead of publishing.
 * - unpublish: from scheduled, published or archived; publishedAt is cleared.
 * - archive: from published; publishedAt is kept.
 */
export function transition (current: WorkflowState, action: WorkflowAction, now: number, at?: number): Transition {
  const status = effectiveStatus(current.status, current.publishedAt, now)
  const refuse = (why: string): never => { throw new UnprocessableError(`Cannot ${action} content that is ${status}: ${why}.`) }
  switch (action) {
    case 'publish': {
      if (status === 'published') refuse('it is already published (unpublish it first to publish it again)')
      if (status === 'archived') refuse('unpublish it back to a draft first')
      const when = at ?? now
      return { status: when > now ? 'scheduled' : 'published', publishedAt: when, change: 'published' }
    }
    case 'unpublish':
      if (status === 'draft') refuse('it is not published')
      return { status: 'draft', publishedAt: null, change: 'unpublished' }
    case 'archive':
      if (status !== 'published') refuse('only published content can be archived')
      return { status: 'archived', publishedAt: current.publishedAt, change: 'archived' }
  }
}

/**
 * What to store on an ordinary edit: a scheduled item that has come due is stored as published
 * (same visibility, and its status then says what readers see).
 */
export function settledStatus (current: WorkflowState, now: number): ContentStatus {
  return current.status === 'scheduled' && effectiveStatus(current.status, current.publishedAt, now) === 'published' ? 'published' : current.status
}
