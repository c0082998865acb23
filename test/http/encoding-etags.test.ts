import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib'
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

/*
 * A hit is sent compressed from the entry's own compressed copy, made once per coding: browsers and
 * CDNs always send Accept-Encoding, and compressing every hit cost more than rendering.
 */
describe('compressed replays', () => {
  const replayUrl = '/v1/articles?edition=en&limit=9&fields=id,slug,body'

  test('a hit in each coding decompresses to the rendered body, with its coding\'s tag and its length', async ({ app }) => {
    const miss = await app.inject({ method: 'GET', url: replayUrl })
    expect(miss.headers['x-cache']).toBe('MISS')
    const base = String(miss.headers.etag)
    const decode = { gzip: gunzipSync, br: brotliDecompressSync, deflate: inflateSync } as const
    for (const coding of ['gzip', 'br', 'deflate'] as const) {
      for (const round of [1, 2]) {
        const hit = await app.inject({ method: 'GET', url: replayUrl, headers: { 'accept-encoding': coding } })
        expect(hit.headers['x-cache'], `${coding} #${round}`).toBe('HIT')
        expect(hit.headers['content-encoding']).toBe(coding)
        expect(hit.headers.etag).toBe(`${base.slice(0, -1)}-${coding}"`)
        expect(Number(hit.headers['content-length'])).toBe(hit.rawPayload.length)
        expect(hit.rawPayload.length).toBeLessThan(miss.rawPayload.length)
        expect(decode[coding](hit.rawPayload).toString()).toBe(miss.body)
        expect(String(hit.headers.vary).toLowerCase()).toBe('accept-encoding')
        expect(hit.headers['content-type']).toBe(miss.headers['content-type'])
      }
    }
  })

  test('each coding is compressed once per entry: later hits reuse the copy', async ({ app, keys }) => {
    const compressions = async (coding: string): Promise<number> => {
      const text = (await app.inject({ method: 'GET', url: '/metrics', headers: keys.admin.auth })).body
      const line = text.split('\n').find((l) => l.startsWith(`quire_http_cache_compressions_total{coding="${coding}"}`))
      return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1))
    }
    const url = replayUrl.replace('limit=9', 'limit=8')
    const before = { br: await compressions('br'), gzip: await compressions('gzip') }
    await app.inject({ method: 'GET', url })
    const bodies = new Set<string>()
    for (let i = 0; i < 3; i++) {
      const hit = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br' } })
      expect(hit.headers['x-cache']).toBe('HIT')
      bodies.add(hit.rawPayload.toString('base64'))
    }
    expect(bodies.size).toBe(1)
    expect(await compressions('br') - before.br).toBe(1)
    expect(await compressions('gzip') - before.gzip).toBe(0)
    await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } })
    await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } })
    expect(await compressions('gzip') - before.gzip).toBe(1)
  })

  test('the coding follows the client\'s preference as a render\'s does', async ({ app }) => {
    await app.inject({ method: 'GET', url: replayUrl })
    const cases: Array<[string, string | undefined]> = [
      ['gzip, deflate, br', 'br'],
      ['gzip;q=1, br;q=0.5', 'gzip'],
      ['x-gzip', 'gzip'],
      ['*', 'gzip'],
      ['identity', undefined],
      ['zstd', undefined],
      ['br;q=0, gzip;q=0', undefined]
    ]
    for (const [i, [acceptEncoding, expected]] of cases.entries()) {
      // a URL of its own, never cached before: @fastify/compress decides for the render
      const rendered = await app.inject({ method: 'GET', url: replayUrl.replace('limit=9', `limit=${10 + i}`), headers: { 'accept-encoding': acceptEncoding } })
      expect(rendered.headers['x-cache']).toBe('MISS')
      const hit = await app.inject({ method: 'GET', url: replayUrl, headers: { 'accept-encoding': acceptEncoding } })
      expect(hit.headers['x-cache'], acceptEncoding).toBe('HIT')
      expect(hit.headers['content-encoding'], acceptEncoding).toBe(expected)
      expect(rendered.headers['content-encoding'], `render with ${acceptEncoding}`).toBe(expected)
    }
  })

  test('x-no-compression and a body under the threshold are sent as they are', async ({ app }) => {
    await app.inject({ method: 'GET', url: replayUrl })
    const refused = await app.inject({ method: 'GET', url: replayUrl, headers: { 'accept-encoding': 'gzip', 'x-no-compression': '1' } })
    expect(refused.headers['x-cache']).toBe('HIT')
    expect(refused.headers['content-encoding']).toBeUndefined()
    const small = '/v1/editions/en'
    const first = await app.inject({ method: 'GET', url: small })
    expect(first.rawPayload.length).toBeLessThan(1024)
    const hit = await app.inject({ method: 'GET', url: small, headers: { 'accept-encoding': 'br' } })
    expect(hit.headers['x-cache']).toBe('HIT')
    expect(hit.headers['content-encoding']).toBeUndefined()
    expect(hit.body).toBe(first.body)
  })

  test('a write to what the page shows retires its compressed copies with it', async ({ app, keys }) => {
    const auth = { authorization: `Bearer ${keys.admin.token}` }
    await app.inject({ method: 'GET', url: replayUrl })
    const before = await app.inject({ method: 'GET', url: replayUrl, headers: { 'accept-encoding': 'gzip' } })
    expect(before.headers['x-cache']).toBe('HIT')
    const first = JSON.parse(gunzipSync(before.rawPayload).toString()).data[0]
    const current = await app.inject({ method: 'GET', url: `/v1/articles/${String(first.id)}`, headers: auth })
    const edited = await app.inject({ method: 'PATCH', url: `/v1/articles/${String(first.id)}`, headers: { ...auth, 'if-match': String(current.headers.etag) }, payload: { body: '<p>Edited after it was cached compressed.</p>' } })
    expect(edited.statusCode).toBe(200)
    const after = await app.inject({ method: 'GET', url: replayUrl, headers: { 'accept-encoding': 'gzip' } })
    expect(after.headers['x-cache']).toBe('MISS')
    expect(after.headers.etag).not.toBe(before.headers.etag)
    expect(JSON.parse(gunzipSync(after.rawPayload).toString()).data[0].body).toContain('Edited after it was cached compressed.')
    const hitAgain = await app.inject({ method: 'GET', url: replayUrl, headers: { 'accept-encoding': 'gzip' } })
    expect(hitAgain.headers['x-cache']).toBe('HIT')
    expect(gunzipSync(hitAgain.rawPayload).toString()).toBe(gunzipSync(after.rawPayload).toString())
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
