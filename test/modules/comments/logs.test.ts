import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loggerRedaction } from '../../../src/app.js'
import type { TestApp } from '../../helpers/app.js'
import { TEST_NOW } from '../../helpers/clock.js'
import { buildTestApp } from '../../helpers/app.js'
import { issueKey } from '../../helpers/keys.js'
import { publishedArticleIds } from '../../helpers/comments.js'

const lines: string[] = []
let app: TestApp
let now = TEST_NOW.getTime()

beforeAll(async () => {
  app = await buildTestApp({
    clock: () => new Date(now),
    logger: { level: 'trace', redact: loggerRedaction, stream: new Writable({ write (chunk: Buffer, _e, done) { lines.push(chunk.toString('utf8')); done() } }) }
  })
})
afterAll(async () => { await app.close() })

describe('logs of the public forms', () => {
  it('carry neither the commenter\'s address nor an email, and the moderation queue\'s email filter is not logged', async () => {
    const [articleId] = await publishedArticleIds(app, 1)
    const token = (await app.inject({ url: `/v1/articles/${articleId}/comment-token`, remoteAddress: '198.51.100.77' })).json().data.token
    now += 5_000
    const posted = await app.inject({
      method: 'POST', url: `/v1/articles/${articleId}/comments`, remoteAddress: '198.51.100.77',
      payload: { token, authorName: 'Logged?', authorEmail: 'hidden@example.com', body: 'Not in any log line' }
    })
    expect(posted.statusCode).toBe(202)
    const editor = issueKey(app, 'editor')
    expect((await app.inject({ url: '/v1/comments?email=hidden%40example.com', headers: editor.auth, remoteAddress: '198.51.100.78' })).statusCode).toBe(200)
    // an ordinary read still logs its client address
    await app.inject({ url: '/v1/editions', remoteAddress: '198.51.100.79' })
    const log = lines.join('')
    expect(log).toContain('/v1/articles/')
    expect(log).toContain('198.51.100.79')
    expect(log).not.toMatch(/198\.51\.100\.7[78]|hidden@|hidden%40/)
  })
})
