import { describe, expect, it } from 'vitest'
import { test, type TestApp } from '../helpers/app.js'

let app: TestApp
test.beforeAll(({ app: built }) => { app = built })

async function cursorFrom (url: string): Promise<string> {
  const res = await app.inject(url)
  return res.json().meta.nextCursor as string
}

const cases: Array<[string, string, string]> = [
  // [description, url, offending parameter named in errors[]]
  ['id with letters', '/v1/articles/12abc', 'params.id'],
  ['id with a leading zero', '/v1/articles/01', 'params.id'],
  ['decimal id', '/v1/articles/1.0', 'params.id'],
  ['exponent id', '/v1/articles/1e0', 'params.id'],
  ['signed id', '/v1/articles/+1', 'params.id'],
  ['percent-encoded id', '/v1/articles/%31x', 'params.id'],
  ['limit above 100', '/v1/articles?limit=101', 'query.limit'],
  ['limit zero', '/v1/articles?limit=0', 'query.limit'],
  ['limit not a number', '/v1/articles?limit=ten', 'query.limit'],
  ['limit with leading zero', '/v1/articles?limit=020', 'query.limit'],
  ['limit as exponent', '/v1/articles?limit=1e1', 'query.limit'],
  ['unknown sort', '/v1/articles?sort=random', 'query.sort'],
  ['sort injection', '/v1/articles?sort=title;drop%20table%20articles', 'query.sort'],
  ['unknown include', '/v1/articles?include=authors,secrets', 'query.include'],
  ['unknown field', '/v1/articles?fields=title,passwordHash', 'query.fields'],
  ['unknown parameter', '/v1/articles?colour=red', 'query.colour'],
  ['repeated scalar parameter', '/v1/articles?edition=en&edition=ar', 'query.edition'],
  ['malformed cursor', '/v1/articles?cursor=not-a-real-cursor', 'query.cursor'],
  ['cursor with bad characters', '/v1/articles?cursor=%27%20or%201=1', 'query.cursor'],
  ['featured not boolean', '/v1/articles?featured=maybe', 'query.featured'],
  ['bad date', '/v1/articles?publishedAfter=yesterday', 'query.publishedAfter'],
  ['unknown edition filter', '/v1/articles?edition=xx', 'query.edition'],
  ['malformed edition code', '/v1/editions/EN', 'params.code'],
  ['unknown parameter on item', '/v1/articles/1?expand=all', 'query.expand'],
  ['media kind', '/v1/media?kind=hologram', 'query.kind']
]

describe('bad input is refused with problem+json naming the parameter', () => {
  it.each(cases)('%s', async (_description, url, name) => {
    const res = await app.inject({ method: 'GET', url })
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    const body = res.json()
    expect(body).toMatchObject({ status: 400, title: expect.any(String), detail: expect.any(String), instance: url.split('?')[0] })
    expect(body.type).toMatch(/^http:\/\/quire\.test\/problems\//)
    expect(body.errors.map((e: { name: string }) => e.name)).toContain(name)
    expect(res.body).not.toMatch(/at .*\.(ts|js):\d+|SELECT|sqlite/i)
  })

  it('refuses a cursor whose signature was altered', async () => {
    const cursor = await cursorFrom('/v1/articles?limit=2')
    const tampered = cursor.slice(0, -2) + (cursor.endsWith('A') ? 'BB' : 'AA')
    const res = await app.inject(`/v1/articles?limit=2&cursor=${tampered}`)
    expect(res.statusCode).toBe(400)
    expect(res.json().errors[0].name).toBe('query.cursor')
  })

  it('refuses a cursor issued for another sort order', async () => {
    const cursor = await cursorFrom('/v1/articles?limit=2&sort=title')
    const res = await app.inject(`/v1/articles?limit=2&sort=-publishedAt&cursor=${cursor}`)
    expect(res.statusCode).toBe(400)
    expect(res.json().errors[0].name).toBe('query.cursor')
  })

  it('answers unknown routes and unknown resources with 404 problem+json', async () => {
    for (const url of ['/v1/nothing-here', '/v2/articles', '/v1/editions/xx', '/v1/media/987654321']) {
      const res = await app.inject(url)
      expect(res.statusCode).toBe(404)
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
      expect(res.json().status).toBe(404)
    }
  })

  // refused before routing, by fastify itself: found by the schema fuzzer answering in fastify's own JSON
  it.each([
    ['a path that does not decode as UTF-8', '/v1/articles/%ED%A0%80', 400],
    ['a path segment over the router limit', `/v1/articles/${'9'.repeat(301)}`, 414]
  ])('answers %s with problem+json', async (_description, url, status) => {
    const res = await app.inject(url)
    expect(res.statusCode).toBe(status)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.json()).toMatchObject({ status, type: expect.stringMatching(/^http:\/\/quire\.test\/problems\//), title: expect.any(String) })
  })

  it('hides the cause of a 500 and logs it with the request id', async () => {
    const lines: string[] = []
    const { buildApp } = await import('../../src/app.js')
    const { testConfig, copyTemplateDatabase } = await import('../helpers/app.js')
    const db = copyTemplateDatabase()
    const logged = await buildApp({
      config: testConfig({ databasePath: db.path }),
      logger: { level: 'error', stream: { write: (line: string) => { lines.push(line) } } }
    })
    logged.get('/boom', async () => { throw new Error('SqliteError: no such table secret_things at /srv/quire/db.ts:12') })
    const res = await logged.inject({ url: '/boom', headers: { 'x-request-id': 'req-123' } })
    await logged.close()
    db.cleanup()
    expect(res.statusCode).toBe(500)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.body).not.toMatch(/secret_things|Sqlite|\/srv/)
    expect(res.json()).toMatchObject({ status: 500, type: 'http://quire.test/problems/internal' })
    expect(lines.join('\n')).toContain('secret_things')
    expect(lines.join('\n')).toContain('req-123')
  })
})
