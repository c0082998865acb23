import { describe, expect } from 'vitest'
import { test } from '../helpers/app.js'

/* RFC 8288 Link and X-Total-Count on every REST list, read from the envelope the body carries. */
describe('list headers', () => {
  test('a first page links next only, and counts the whole list', async ({ app }) => {
    const res = await app.inject({ method: 'GET', url: '/v1/articles?limit=2&edition=en' })
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.links.next).not.toBeNull()
    expect(res.headers['x-total-count']).toBe(String(body.meta.total))
    expect(res.headers.link).toBe(`<${body.links.next as string}>; rel="next"`)
  })

  test('a middle page links both ways, and following Link next gives the same page as links.next', async ({ app }) => {
    const first = await app.inject({ method: 'GET', url: '/v1/articles?limit=2' })
    const nextUrl = /<([^>]+)>; rel="next"/.exec(String(first.headers.link))?.[1]
    expect(nextUrl).toBeDefined()
    const second = await app.inject({ method: 'GET', url: new URL(nextUrl as string).pathname + new URL(nextUrl as string).search })
    const body = second.json()
    expect(body.links.prev).not.toBeNull()
    expect(second.headers.link).toBe(`<${body.links.next as string}>; rel="next", <${body.links.prev as string}>; rel="prev"`)
  })

  test('a list that fits on one page has a count and no Link', async ({ app }) => {
    const res = await app.inject({ method: 'GET', url: '/v1/tags?limit=100&edition=en' })
    expect(res.json().links.next).toBeNull()
    expect(res.headers.link).toBeUndefined()
    expect(res.headers['x-total-count']).toBe(String(res.json().meta.total))
  })

  test('small collections without paging still count', async ({ app }) => {
    const res = await app.inject({ method: 'GET', url: '/v1/editions' })
    expect(res.headers['x-total-count']).toBe(String(res.json().meta.total))
    expect(res.headers.link).toBeUndefined()
  })

  test('a single item and an error carry neither', async ({ app }) => {
    for (const url of ['/v1/articles/1', '/v1/articles?limit=500']) {
      const res = await app.inject({ method: 'GET', url })
      expect(res.headers['x-total-count']).toBeUndefined()
      expect(res.headers.link).toBeUndefined()
    }
  })

  test('a replay from the response cache repeats them', async ({ app }) => {
    const url = '/v1/authors?limit=1'
    const miss = await app.inject({ method: 'GET', url })
    const hit = await app.inject({ method: 'GET', url })
    expect(hit.headers['x-cache']).toBe('HIT')
    expect(hit.headers.link).toBe(miss.headers.link)
    expect(hit.headers['x-total-count']).toBe(miss.headers['x-total-count'])
  })

  test('cross-origin scripts may read them', async ({ app }) => {
    const res = await app.inject({ method: 'GET', url: '/v1/articles?limit=1', headers: { origin: 'https://frontend.example' } })
    const exposed = String(res.headers['access-control-expose-headers']).toLowerCase().split(/,\s*/)
    expect(exposed).toEqual(expect.arrayContaining(['link', 'x-total-count']))
  })
})
