import { expect } from 'vitest'
import type { TestApp } from './app.js'

export interface SyncEntry { type: string, id: number, action: 'upsert' | 'delete', entity?: Record<string, unknown> }
export interface SyncBody { data: SyncEntry[], meta: { limit: number, hasMore: boolean, nextSyncToken: string }, links: { self: string, next: string | null }, nextSyncToken: string }

/** One sync request; fails the test on anything but a 200. */
export async function syncPage (app: TestApp, query: string, headers: Record<string, string> = {}): Promise<SyncBody> {
  const res = await app.inject({ url: `/v1/sync?${query}`, headers })
  expect(res.statusCode, res.body).toBe(200)
  return res.json() as SyncBody
}

/** Follows the stream until hasMore is false: what a client does on each poll. */
export async function syncUntilDone (app: TestApp, first: string, limit?: number): Promise<{ entries: SyncEntry[], pages: SyncBody[], token: string }> {
  const pages: SyncBody[] = []
  let query = first
  for (let i = 0; i < 10_000; i++) {
    const page = await syncPage(app, query)
    pages.push(page)
    // one entry per entity per page
    expect(new Set(page.data.map((e) => `${e.type}:${e.id}`)).size).toBe(page.data.length)
    if (!page.meta.hasMore) return { entries: pages.flatMap((p) => p.data), pages, token: page.meta.nextSyncToken }
    query = `token=${page.meta.nextSyncToken}${limit !== undefined ? `&limit=${limit}` : ''}`
  }
  throw new Error('the sync stream never ended')
}

/** A client's local store: upserts replace, tombstones remove. */
export function apply (store: Map<string, Record<string, unknown>>, entries: SyncEntry[]): void {
  for (const entry of entries) {
    const key = `${entry.type}:${entry.id}`
    if (entry.action === 'upsert') store.set(key, entry.entity as Record<string, unknown>)
    else store.delete(key)
  }
}
