import { describe, expect } from 'vitest'
import { test } from '../helpers/app.js'

/* A known path asked with a method it does not accept is a 405 naming the methods it does (RFC 9110 §15.5.6). */
describe('405 Method Not Allowed', () => {
  const cases: Array<[string, string, string]> = [
    ['DELETE', '/v1/editions', 'GET, HEAD, POST'],
    ['PUT', '/v1/articles/1', 'GET, HEAD, PATCH, DELETE'],
    ['POST', '/v1/articles/1', 'GET, HEAD, PATCH, DELETE'],
    ['PUT', '/v1/articles', 'GET, HEAD, POST'],
    ['DELETE', '/health/live', 'GET, HEAD'],
    ['POST', '/', 'GET, HEAD'],
    ['PATCH', '/v1/articles/?limit=2', 'GET, HEAD, POST']
  ]
  for (const [method, url, allow] of cases) {
    test(`${method} ${url} → 405, Allow: ${allow}`, async ({ app }) => {
      const res = await app.inject({ method: method as 'GET', url })
      expect(res.statusCode).toBe(405)
      expect(res.headers.allow).toBe(allow)
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
      const body = res.json()
      expect(body).toMatchObject({ type: 'http://quire.test/problems/method-not-allowed', status: 405, instance: url.split('?')[0] })
    })
  }

  test('a path no route knows stays 404 whatever the method', async ({ app }) => {
    for (const method of ['GET', 'POST', 'DELETE'] as const) {
      const res = await app.inject({ method, url: '/v1/nothing-here' })
      expect(res.statusCode).toBe(404)
      expect(res.headers.allow).toBeUndefined()
    }
  })

  test('a wrong method changes nothing', async ({ app }) => {
    const before = (await app.inject({ method: 'GET', url: '/v1/editions' })).json()
    const res = await app.inject({ method: 'PUT', url: '/v1/editions', payload: { code: 'xx' } })
    expect(res.statusCode).toBe(405)
    expect((await app.inject({ method: 'GET', url: '/v1/editions' })).json()).toEqual(before)
  })
})
