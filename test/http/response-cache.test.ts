import { describe, expect, it } from 'vitest'
import { createResponseCache, type CachedResponse } from '../../src/http/response-cache.js'

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
