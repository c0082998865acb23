import { describe, expect, it } from 'vitest'
import { BoundedMap } from '../src/bounded-map.js'

describe('BoundedMap', () => {
  it('keeps up to its capacity and forgets everything when a new key would pass it', () => {
    const memo = new BoundedMap<string, number>(3)
    memo.set('a', 1).set('b', 2).set('c', 3)
    expect([...memo.entries()]).toEqual([['a', 1], ['b', 2], ['c', 3]])
    memo.set('d', 4)
    expect([...memo.entries()]).toEqual([['d', 4]])
  })

  it('overwrites a key it holds without clearing, even when full', () => {
    const memo = new BoundedMap<string, number>(2)
    memo.set('a', 1).set('b', 2).set('a', 10)
    expect([...memo.entries()]).toEqual([['a', 10], ['b', 2]])
  })

  it('keeps null answers apart from absent ones', () => {
    const memo = new BoundedMap<string, string | null>(2)
    memo.set('identity', null)
    expect(memo.has('identity')).toBe(true)
    expect(memo.get('identity')).toBeNull()
    expect(memo.get('br')).toBeUndefined()
  })
})
