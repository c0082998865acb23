import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loggerRedaction } from '../../src/app.js'
import { redactUrl } from '../../src/http/log-redaction.js'
import { issueKey, type IssuedKey } from '../helpers/keys.js'
import { buildTestApp, type TestApp } from '../helpers/app.js'

let app: TestApp
let editor: IssuedKey
const lines: string[] = []

beforeAll(async () => {
  app = await buildTestApp({
    logger: { level: 'info', redact: loggerRedaction, stream: new Writable({ write (chunk: Buffer, _e, done) { lines.push(chunk.toString('utf8')); done() } }) }
  })
  editor = issueKey(app, 'editor')
})
afterAll(async () => { await app.close() })

/** The `req.url` of every request the log saw. */
const loggedUrls = (): string[] => lines.flatMap((line) => {
  const entry = JSON.parse(line) as { req?: { url?: string } }
  return entry.req?.url !== undefined ? [entry.req.url] : []
})

describe('credentials in the query string', () => {
  it.each([
    ['/v1/articles?access_token=', 'access_token'],
    ['/v1/articles?edition=en&api_key=', 'api_key'],
    ['/v1/articles?apikey=', 'apikey'],
    ['/v1/articles?key=', 'key'],
    ['/v1/articles?token=', 'token'],
    ['/v1/keys?password=', 'password'],
    ['/v1/articles?client_secret=', 'client_secret'],
    ['/v1/media?X-Amz-Signature=', 'X-Amz-Signature'],
    ['/v1/no-such-route?access_token=', 'access_token'],
    ['/graphql?query=%7B__typename%7D&access_token=', 'access_token'],
    // a value shaped like an API key, under a name that is otherwise fine
    ['/v1/articles?cursor=quire_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA&x=', 'cursor']
  ])('refuses %s… with a 400 that points to the Authorization header', async (url, name) => {
    const res = await app.inject({ url: `${url}s3cr3t-value-${name}` })
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    const problem = res.json()
    expect(problem.detail).toMatch(/Authorization header/)
    expect(problem.errors).toContainEqual({ name: `query.${name}`, reason: expect.stringMatching(/Authorization header/) })
    expect(problem.instance).not.toContain('s3cr3t')
    expect(res.body).not.toContain('s3cr3t')
  })

  it('refuses before looking at the key: a valid key in the header does not make a token in the URL acceptable', async () => {
    const res = await app.inject({ url: `/v1/articles?access_token=${editor.token}`, headers: editor.auth })
    expect(res.statusCode).toBe(400)
    const withoutHeader = await app.inject({ method: 'POST', url: `/v1/tags?api_key=${editor.token}`, payload: { edition: 'en', name: 'Never created' } })
    expect(withoutHeader.statusCode).toBe(400)
  })

  it('keeps the API\'s own parameters working, sync\'s `token` included', async () => {
    const first = await app.inject({ url: '/v1/sync?edition=en&limit=2' })
    expect(first.statusCode).toBe(200)
    const token = first.json().meta.nextSyncToken as string
    const next = await app.inject({ url: `/v1/sync?token=${token}` })
    expect(next.statusCode, next.body).toBe(200)
    const page = await app.inject({ url: '/v1/articles?edition=en&limit=1&fields=title&sort=-publishedAt' })
    expect(page.statusCode).toBe(200)
    const cursor = page.json().meta.nextCursor as string
    expect((await app.inject({ url: `/v1/articles?edition=en&limit=1&fields=title&cursor=${cursor}` })).statusCode).toBe(200)
    const search = await app.inject({ url: '/v1/search?q=climate' })
    expect(search.statusCode, search.body).toBe(200)
    const changes = await app.inject({ url: '/v1/changes?keyId=1&limit=1', headers: editor.auth })
    expect(changes.statusCode, changes.body).toBe(200)
    expect((await app.inject({ url: '/graphql?query=%7B__typename%7D', headers: { 'mercurius-require-preflight': 'true' } })).statusCode).toBe(200)

    // the sync token is legitimate but still kept out of the log
    const logged = loggedUrls()
    expect(logged).toContain('/v1/sync?token=[redacted]')
    expect(lines.join('')).not.toContain(token)
  })

  it('decides by method and URL: a URL that passed keeps passing, a refused one is refused every time', async () => {
    const token = (await app.inject({ url: '/v1/sync?edition=en&limit=1' })).json().meta.nextSyncToken as string
    const fine = `/v1/sync?token=${token}`
    // sync's GET declares `token`; the same URL with a method that has no such route does not
    for (let i = 0; i < 2; i++) expect((await app.inject({ url: fine })).statusCode).toBe(200)
    for (let i = 0; i < 2; i++) {
      const refused = await app.inject({ method: 'POST', url: fine, headers: editor.auth, payload: {} })
      expect(refused.statusCode).toBe(400)
      expect(refused.json().type).toMatch(/credentials-in-url$/)
    }
    const leaked = `/v1/articles?edition=en&q=${editor.token}`
    for (let i = 0; i < 2; i++) expect((await app.inject({ url: leaked })).statusCode).toBe(400)
  })

  it('logs requests with credential values redacted, the rest of the URL as sent', async () => {
    await app.inject({ url: '/v1/articles?edition=en&access_token=very-secret-1&limit=2' })
    await app.inject({ url: `/feeds/en.xml?token=very-secret-2&key=${encodeURIComponent(editor.token)}` })
    const logged = loggedUrls()
    expect(logged).toContain('/v1/articles?edition=en&access_token=[redacted]&limit=2')
    expect(logged).toContain('/feeds/en.xml?token=[redacted]&key=[redacted]')
    const log = lines.join('')
    for (const secret of ['very-secret-1', 'very-secret-2', editor.token]) expect(log).not.toContain(secret)
  })
})

describe('redactUrl', () => {
  it.each([
    ['/v1/articles', '/v1/articles'],
    ['/v1/articles?edition=en&limit=2', '/v1/articles?edition=en&limit=2'],
    ['/x?access_token=a&b=c', '/x?access_token=[redacted]&b=c'],
    ['/x?ACCESS-TOKEN=a', '/x?ACCESS-TOKEN=[redacted]'],
    ['/x?access%5Ftoken=a', '/x?access%5Ftoken=[redacted]'],
    ['/x?refresh_token=a&password=b&passwd=c&pwd=d&sig=e&signature=f&secret=g&apiKey=h&session_id=i', '/x?refresh_token=[redacted]&password=[redacted]&passwd=[redacted]&pwd=[redacted]&sig=[redacted]&signature=[redacted]&secret=[redacted]&apiKey=[redacted]&session_id=[redacted]'],
    ['/x?q=quire_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', '/x?q=[redacted]'],
    ['/x?q=whsec_QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE%3D', '/x?q=[redacted]'],
    ['/x?quire_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', '/x?[redacted]'],
    ['/x?keyId=3&cursor=abc&q=%25', '/x?keyId=3&cursor=abc&q=%25']
  ])('%s → %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected)
  })
})
