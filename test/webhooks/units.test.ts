import { describe, expect, it } from 'vitest'
import { MAX_RETRY_DELAY_MS, retryDelay } from '../../src/webhooks/backoff.js'
import { decideEvent, type EntityState } from '../../src/webhooks/change-events.js'
import { subscribes, webhookEventTypes } from '../../src/webhooks/event-types.js'
import { nextState } from '../../src/webhooks/worker.js'

const at = 1_000_000
const state = (status: EntityState['status'], publishedAt: number | null): EntityState =>
  ({ edition: 'en', slug: 's', title: 't', status, publishedAt, url: null })

describe('retryDelay', () => {
  it('doubles per failed attempt, between half and all of base · 2^(n−1), capped', () => {
    const base = 30_000
    for (let attempts = 1; attempts <= 12; attempts++) {
      const full = Math.min(MAX_RETRY_DELAY_MS, base * 2 ** (attempts - 1))
      expect(retryDelay(attempts, base, () => 0)).toBe(full / 2)
      expect(retryDelay(attempts, base, () => 1)).toBe(full)
    }
    expect(retryDelay(40, base, () => 1)).toBe(MAX_RETRY_DELAY_MS)
    expect(retryDelay(3, 0)).toBe(0)
  })
})

describe('nextState after an attempt', () => {
  const config = { retryBaseMs: 1000, maxAttempts: 3 }
  const outcome = (ok: boolean, interrupted = false) => ({ ok, interrupted, statusCode: ok ? 200 : 500, durationMs: 1, error: null, responseExcerpt: null })
  it('succeeds, retries with backoff, fails at the limit, and retries an interrupted attempt at once', () => {
    expect(nextState(outcome(true), 1, at, config)).toEqual({ status: 'succeeded', nextAttemptAt: at })
    const retry = nextState(outcome(false), 1, at, config)
    expect(retry.status).toBe('pending')
    expect(retry.nextAttemptAt).toBeGreaterThanOrEqual(at + 500)
    expect(retry.nextAttemptAt).toBeLessThanOrEqual(at + 1000)
    expect(nextState(outcome(false), 3, at, config)).toEqual({ status: 'failed', nextAttemptAt: at })
    expect(nextState(outcome(false, true), 3, at, config)).toEqual({ status: 'pending', nextAttemptAt: at })
  })
})

describe('decideEvent', () => {
  it('maps the article workflow to what the public sees', () => {
    expect(decideEvent('article', 'created', state('draft', null), at, false)).toBeNull()
    expect(decideEvent('article', 'updated', state('draft', null), at, false)).toBeNull()
    expect(decideEvent('article', 'published', state('published', at), at, false)).toEqual({ action: 'published', occursAt: at })
    expect(decideEvent('article', 'published', state('scheduled', at + 5000), at, false)).toEqual({ action: 'published', occursAt: at + 5000 })
    expect(decideEvent('article', 'updated', state('published', at - 1), at, false)).toEqual({ action: 'updated', occursAt: at })
    // an edit of scheduled content re-announces its publication
    expect(decideEvent('article', 'updated', state('scheduled', at + 5000), at, true)).toEqual({ action: 'published', occursAt: at + 5000 })
    // a due scheduled article is public: its edits are updates
    expect(decideEvent('page', 'updated', state('scheduled', at - 5000), at, false)).toEqual({ action: 'updated', occursAt: at })
    expect(decideEvent('article', 'unpublished', state('draft', null), at, false)).toEqual({ action: 'unpublished', occursAt: at })
    expect(decideEvent('article', 'archived', state('archived', at - 1), at, false)).toEqual({ action: 'unpublished', occursAt: at })
    expect(decideEvent('article', 'unpublished', state('draft', null), at, true)).toBeNull()
    expect(decideEvent('article', 'deleted', null, at, false)).toEqual({ action: 'deleted', occursAt: at })
    expect(decideEvent('article', 'updated', state('archived', at - 1), at, false)).toBeNull()
  })

  it('gives categories and media published, updated and deleted', () => {
    expect(decideEvent('category', 'created', state(null, null), at, false)).toEqual({ action: 'published', occursAt: at })
    expect(decideEvent('media', 'updated', state(null, null), at, false)).toEqual({ action: 'updated', occursAt: at })
    expect(decideEvent('media', 'deleted', null, at, false)).toEqual({ action: 'deleted', occursAt: at })
    expect(decideEvent('category', 'archived', state(null, null), at, false)).toBeNull()
  })
})

describe('event types and subscriptions', () => {
  it('offers four events for articles and pages, three for categories and media, then the comment and contact events', () => {
    expect(webhookEventTypes).toEqual([
      'article.published', 'article.updated', 'article.unpublished', 'article.deleted',
      'page.published', 'page.updated', 'page.unpublished', 'page.deleted',
      'category.published', 'category.updated', 'category.deleted',
      'media.published', 'media.updated', 'media.deleted',
      'comment.created', 'comment.approved', 'comment.spam', 'comment.trashed', 'comment.restored', 'comment.updated', 'comment.deleted',
      'contact.received'
    ])
  })
  it('matches exact types, <entity>.* and *', () => {
    expect(subscribes(['article.published'], 'article.published')).toBe(true)
    expect(subscribes(['article.published'], 'article.updated')).toBe(false)
    expect(subscribes(['article.*'], 'article.deleted')).toBe(true)
    expect(subscribes(['article.*'], 'page.deleted')).toBe(false)
    expect(subscribes(['*'], 'media.updated')).toBe(true)
  })
})
