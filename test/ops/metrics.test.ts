import { expect } from 'vitest'
import { test } from '../helpers/app.js'

const sample = (text: string, name: string, labels: Record<string, string> = {}): number => {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`)
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `) ? wanted.every((w) => l.includes(w)) : false)
  return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1))
}

test('/metrics is for admin keys on the API port', async ({ app, keys }) => {
  expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401)
  expect((await app.inject({ method: 'GET', url: '/metrics', headers: keys.editor.auth })).statusCode).toBe(403)
  const res = await app.inject({ method: 'GET', url: '/metrics', headers: keys.admin.auth })
  expect(res.statusCode).toBe(200)
  expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/)
  expect(res.headers['cache-control']).toBe('no-store')
})

test('requests, latency, cache outcomes, storage and webhook queue move as the API is used', async ({ app, keys }) => {
  const scrape = async (): Promise<string> => (await app.inject({ method: 'GET', url: '/metrics', headers: keys.admin.auth })).body
  const before = await scrape()
  const route = { method: 'GET', route: '/v1/articles', status: '200' }
  const first = await app.inject({ method: 'GET', url: '/v1/articles?limit=3' })
  const second = await app.inject({ method: 'GET', url: '/v1/articles?limit=3' })
  expect([first.headers['x-cache'], second.headers['x-cache']]).toEqual(['MISS', 'HIT'])
  await app.inject({ method: 'GET', url: '/v1/articles?limit=3', headers: { 'if-none-match': first.headers.etag as string } })
  await app.inject({ method: 'GET', url: '/v1/articles/999999999' })
  const after = await scrape()

  expect(sample(after, 'quire_http_requests_total', route) - sample(before, 'quire_http_requests_total', route)).toBe(2)
  expect(sample(after, 'quire_http_requests_total', { route: '/v1/articles/:id', status: '404' })).toBeGreaterThanOrEqual(1)
  expect(sample(after, 'quire_http_request_duration_seconds_count', route) - sample(before, 'quire_http_request_duration_seconds_count', route)).toBe(2)
  for (const result of ['hit', 'miss', 'not_modified']) {
    expect(sample(after, 'quire_http_cache_total', { result }) - sample(before, 'quire_http_cache_total', { result }), result).toBe(1)
  }
  expect(sample(after, 'quire_sqlite_database_bytes')).toBeGreaterThan(4096)
  expect(after).toMatch(/^quire_sqlite_wal_bytes \d+$/m)
  expect(after).toMatch(/^quire_webhook_deliveries\{status="pending"\} \d+$/m)
  expect(after).toMatch(/^quire_process_resident_memory_bytes \d+/m)
})
