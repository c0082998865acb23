import { gunzipSync } from 'node:zlib'
import { describe, expect } from 'vitest'
import { test } from '../helpers/app.js'

/* A strong ETag names one representation: a compressed body gets its own (RFC 9110 §8.8.3). */
describe('ETags per content coding', () => {
  // over the 1 KB compression threshold
  const url = '/v1/articles?limit=5'

  test('identity, gzip and br bodies carry different strong tags of one base', async ({ app }) => {
    const plain = await app.inject({ method: 'GET', url })
    const gzip = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } })
    const br = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br' } })
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(gzip.headers['content-encoding']).toBe('gzip')
    expect(br.headers['content-encoding']).toBe('br')
    const base = String(plain.headers.etag)
    expect(base).toMatch(/^"[^"]+"$/)
    expect(gzip.headers.etag).toBe(`${base.slice(0, -1)}-gzip"`)
    expect(br.headers.etag).toBe(`${base.slice(0, -1)}-br"`)
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(plain.body)
  })

  test('each tag revalidates to 304 and is confirmed as sent', async ({ app }) => {
    const gzip = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } })
    const plain = await app.inject({ method: 'GET', url })
    for (const [etag, acceptEncoding] of [[String(gzip.headers.etag), 'gzip'], [String(plain.headers.etag), 'identity'], [String(gzip.headers.etag), 'br']] as const) {
      const res = await app.inject({ method: 'GET', url, headers: { 'if-none-match': etag, 'accept-encoding': acceptEncoding } })
      expect(res.statusCode, `${etag} with ${acceptEncoding}`).toBe(304)
      expect(res.headers.etag).toBe(etag)
    }
  })

  test('a tag with an unknown coding, or of another URL, does not match', async ({ app }) => {
    const plain = await app.inject({ method: 'GET', url })
    const base = String(plain.headers.etag)
    const other = String((await app.inject({ method: 'GET', url: '/v1/articles?limit=6' })).headers.etag)
    for (const tag of [`${base.slice(0, -1)}-zstd"`, `${base.slice(0, -1)}gzip"`, `${other.slice(0, -1)}-gzip"`]) {
      expect((await app.inject({ method: 'GET', url, headers: { 'if-none-match': tag } })).statusCode, tag).toBe(200)
    }
  })

  test('a compressed response names Accept-Encoding in Vary once', async ({ app }) => {
    for (const encoding of ['gzip', 'br']) {
      const res = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': encoding, origin: 'https://frontend.example' } })
      const names = String(res.headers.vary).split(',').map((v) => v.trim().toLowerCase())
      expect(names.filter((v) => v === 'accept-encoding')).toHaveLength(1)
    }
  })

  test('a replay from the response cache is tagged by its coding too', async ({ app }) => {
    const replayUrl = '/v1/articles?limit=7'
    await app.inject({ method: 'GET', url: replayUrl })
    const hit = await app.inject({ method: 'GET', url: replayUrl, headers: { 'accept-encoding': 'gzip' } })
    expect(hit.headers['x-cache']).toBe('HIT')
    expect(hit.headers.etag).toMatch(/-gzip"$/)
  })
})

describe('If-Match with a tag read from a compressed response', () => {
  test('"vN-gzip" is version N of the entity; an unknown coding is refused with 412', async ({ app, keys }) => {
    const auth = { authorization: `Bearer ${keys.admin.token}` }
    const tag = (await app.inject({ method: 'GET', url: '/v1/tags?edition=en&limit=1', headers: auth })).json().data[0]
    const current = await app.inject({ method: 'GET', url: `/v1/tags/${String(tag.id)}`, headers: auth })
    const version = String(current.headers.etag)
    expect(version).toMatch(/^"v\d+"$/)
    const refused = await app.inject({ method: 'PATCH', url: `/v1/tags/${String(tag.id)}`, headers: { ...auth, 'if-match': `${version.slice(0, -1)}-zstd"` }, payload: { name: 'Renamed once' } })
    expect(refused.statusCode).toBe(412)
    const accepted = await app.inject({ method: 'PATCH', url: `/v1/tags/${String(tag.id)}`, headers: { ...auth, 'if-match': `${version.slice(0, -1)}-gzip"` }, payload: { name: 'Renamed once' } })
    expect(accepted.statusCode).toBe(200)
  })
})
