import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { compressed } from '../../src/http/content-codings.js'
import { isContinuationPage } from '../../src/http/caching.js'
import { createResponseCache, MAX_ENTRY_BODY_BYTES, ownedBody, type CachedResponse } from '../../src/http/response-cache.js'

const entry = (body: string, headers: Record<string, string> = {}, keys?: string[]): CachedResponse =>
  ({ version: 'k1', keys: keys === undefined ? undefined : new Set(keys), payload: Buffer.from(body), headers })

describe('response cache budget', () => {
  it('counts stored headers and surrogate keys, not only bodies, against its bytes', () => {
    const cache = createResponseCache(1_000_000)
    cache.set('/a', entry('x'.repeat(100)))
    const bare = cache.bytes
    expect(bare).toBeGreaterThan(100)
    const tags = Array.from({ length: 50 }, (_, i) => `article:${i}`)
    cache.set('/b', entry('x'.repeat(100), { 'surrogate-key': tags.join(' '), 'cache-tag': tags.join(',') }, tags))
    // the second entry's headers and keys (about 1.5 KB) are part of the budget
    expect(cache.bytes - bare).toBeGreaterThan(bare + 2 * tags.join(' ').length + tags.join('').length)
  })

  it('evicts the least recently used entries when headers alone exceed the budget', () => {
    const big = { 'surrogate-key': 'k'.repeat(2_000) }
    const cache = createResponseCache(40_000)
    for (let i = 0; i < 20; i++) cache.set(`/${i}`, entry('{}', big))
    // bodies of 2 bytes each: only the headers can have pushed the first entries out
    expect(cache.bytes).toBeLessThanOrEqual(40_000)
    expect(cache.size).toBeLessThan(20)
    expect(cache.peek('/0')).toBeUndefined()
    expect(cache.peek('/19')).toBeDefined()
  })
})

describe('compressed copies of an entry', () => {
  it('are kept on the entry and counted against the budget', () => {
    const cache = createResponseCache(1_000_000)
    const kept = entry('x'.repeat(10_000))
    cache.set('/a', kept)
    const bare = cache.bytes
    const gzip = Buffer.alloc(500)
    cache.addVariant('/a', kept, 'gzip', gzip)
    expect(cache.peek('/a')?.variants?.gzip).toBe(gzip)
    expect(cache.bytes - bare).toBeGreaterThanOrEqual(500)
    // a second copy in the same coding is not kept twice
    cache.addVariant('/a', kept, 'gzip', Buffer.alloc(700))
    expect(cache.peek('/a')?.variants?.gzip).toBe(gzip)
    cache.addVariant('/a', kept, 'br', Buffer.alloc(400))
    const withBoth = cache.bytes
    expect(withBoth - bare).toBeGreaterThanOrEqual(900)
    // removing the entry gives back everything it held, copies included
    cache.set('/a', entry('y'.repeat(10_000)))
    expect(cache.bytes).toBe(bare)
  })

  it('evict older entries when they push the cache over its budget', () => {
    const cache = createResponseCache(40_000)
    // eight entries of about 4.3 KB: 34 KB, under the budget
    for (let i = 0; i < 8; i++) cache.set(`/${i}`, entry('x'.repeat(4_000)))
    expect(cache.size).toBe(8)
    const newest = cache.peek('/7')!
    cache.addVariant('/7', newest, 'br', Buffer.alloc(4_900))
    cache.addVariant('/7', newest, 'gzip', Buffer.alloc(4_900))
    expect(cache.bytes).toBeLessThanOrEqual(40_000)
    expect(cache.peek('/0')).toBeUndefined()
    expect(cache.peek('/7')?.variants?.gzip).toBeDefined()
  })

  it('are made into buffers of their own, never slices of the shared pool', () => {
    const body = Buffer.from(JSON.stringify({ data: Array.from({ length: 40 }, (_, i) => ({ id: i, title: 'repeated title' })) }))
    for (const coding of ['br', 'gzip', 'deflate'] as const) {
      const copy = compressed(coding, body)
      // small enough that zlib's own result would have come from the pool
      expect(copy.length).toBeLessThan(4096)
      expect(copy.byteOffset).toBe(0)
      expect(copy.buffer.byteLength).toBe(copy.length)
    }
    expect(gunzipSync(compressed('gzip', body)).equals(body)).toBe(true)
  })

  it('are not attached to an entry that was replaced meanwhile', () => {
    const cache = createResponseCache(1_000_000)
    const old = entry('old')
    cache.set('/a', old)
    cache.set('/a', entry('new'))
    const bytes = cache.bytes
    cache.addVariant('/a', old, 'gzip', Buffer.alloc(100))
    expect(cache.peek('/a')?.variants).toBeUndefined()
    expect(old.variants).toBeUndefined()
    expect(cache.bytes).toBe(bytes)
  })
})

describe('what the response cache keeps', () => {
  it('keeps no body over MAX_ENTRY_BODY_BYTES, however large its budget', () => {
    const cache = createResponseCache(4096 * 1024 * 1024)
    expect(cache.admits(MAX_ENTRY_BODY_BYTES)).toBe(true)
    expect(cache.admits(MAX_ENTRY_BODY_BYTES + 1)).toBe(false)
    cache.set('/sync', entry('x'.repeat(MAX_ENTRY_BODY_BYTES + 1)))
    expect(cache.peek('/sync')).toBeUndefined()
    expect(cache.bytes).toBe(0)
    cache.set('/list', entry('x'.repeat(MAX_ENTRY_BODY_BYTES)))
    expect(cache.peek('/list')).toBeDefined()
  })

  it('keeps no body over an eighth of a small budget', () => {
    const cache = createResponseCache(8_000)
    expect(cache.admits(1_000)).toBe(true)
    expect(cache.admits(1_001)).toBe(false)
  })

  it('encodes a kept body into a buffer of its own, never a slice of the shared pool', () => {
    const text = '{"title":"قطعة صغيرة"}'
    const pooled = Buffer.from(text)
    // the premise: a small Buffer.from is a view into a larger shared slab
    expect(pooled.buffer.byteLength).toBeGreaterThan(pooled.length)
    const owned = ownedBody(text, Buffer.byteLength(text))
    expect(owned.equals(pooled)).toBe(true)
    expect(owned.byteOffset).toBe(0)
    expect(owned.buffer.byteLength).toBe(owned.length)
  })
})

describe('the doorkeeper of continuation pages', () => {
  it('says a key was seen only from its second sighting on', () => {
    const cache = createResponseCache(1_000_000)
    const keys = Array.from({ length: 1_000 }, (_, i) => `/v1/articles?cursor=c${i}`)
    expect(keys.map((k) => cache.seenBefore(k)).some(Boolean)).toBe(false)
    // with 65,536 slots, a thousand keys rarely share one: nearly all are remembered
    expect(keys.filter((k) => cache.seenBefore(k)).length).toBeGreaterThan(990)
  })

  it.each([
    ['/v1/articles?edition=en&cursor=abc', true],
    ['/v1/articles?cursor=abc&edition=en', true],
    ['/v1/sync?token=t1&limit=500', true],
    ['/v1/articles?edition=en&page=2', true],
    ['/v1/articles?page=10', true],
    ['/wp-json/wp/v2/posts?per_page=10&page=3', true],
    ['/v1/articles?edition=en', false],
    ['/v1/articles?edition=en&page=1', false],
    ['/v1/articles?page=1&limit=5', false],
    ['/v1/articles?cursor=', false],
    ['/wp-json/wp/v2/posts?per_page=2', false],
    ['/v1/sync?edition=en&limit=500', false],
    ['/v1/articles/some-slug', false]
  ])('%s is a continuation page: %s', (url, expected) => {
    expect(isContinuationPage(url)).toBe(expected)
  })
})
