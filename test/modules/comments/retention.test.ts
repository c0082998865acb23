import { afterEach, describe, expect, it, vi } from 'vitest'
import { openDatabase } from '../../../src/database.js'
import { createServices } from '../../../src/services.js'
import { testConfig, type TestApp } from '../../helpers/app.js'
import { TEST_NOW } from '../../helpers/clock.js'
import { buildMovableApp, publishedArticleIds, submitComment } from '../../helpers/comments.js'
import { issueKeys } from '../../helpers/keys.js'
import { query } from '../../helpers/webhooks.js'

const DAY = 86_400_000

afterEach(() => { vi.useRealTimers() })

/** The purge as the CLI runs it: its own connection and services, `days` after the submissions. */
function purgeAfter (app: TestApp, days: number) {
  const db = openDatabase(app.databasePath, { migrate: false })
  try {
    return createServices({ db, clock: () => new Date(TEST_NOW.getTime() + days * DAY + 60_000), config: testConfig({ databasePath: app.databasePath }) }).purgeDiscussion()
  } finally {
    db.$client.close()
  }
}

/** A comment and a handled contact message, both with their address hashes, on a fresh app. */
async function withSubmissions (purgeIntervalMinutes: number) {
  const context = await buildMovableApp({ discussion: { ...testConfig().discussion, minSubmitSeconds: 3, purgeIntervalMinutes } })
  const { app } = context
  const keys = issueKeys(app)
  const [articleId] = await publishedArticleIds(app, 1)
  const comment = (await submitComment(context, articleId!, { authorName: 'Kept reader' })).json().data.id as number
  const token = await app.inject({ url: '/v1/editions/en/contact-token' })
  context.advance(5_000)
  const sent = await app.inject({
    method: 'POST', url: '/v1/editions/en/contact', remoteAddress: '192.0.2.200',
    payload: { token: token.json().data.token, name: 'Sender', email: 'sender@example.com', subject: 'Old news', message: 'Handled long ago.' }
  })
  const reference = sent.json().data.reference as string
  const [message] = query<{ id: number }>(app.databasePath, 'select id from contact_messages where reference = ?', reference)
  await app.inject({ method: 'PATCH', url: `/v1/contact-messages/${message!.id}`, headers: keys.editor.auth, payload: { status: 'handled' } })
  const state = () => ({
    commentHash: query<{ h: string | null }>(app.databasePath, 'select ip_hash as h from comments where id = ?', comment)[0]?.h ?? null,
    message: query(app.databasePath, 'select id from contact_messages where id = ?', message!.id).length
  })
  return { ...context, state }
}

describe('retention without new submissions', () => {
  it('the purge clears address hashes after COMMENTS_IP_RETENTION_DAYS and handled messages after CONTACT_RETENTION_DAYS', async () => {
    const { app, state } = await withSubmissions(0)
    try {
      expect(state().commentHash).not.toBeNull()
      expect(purgeAfter(app, 29)).toEqual({ contactMessages: 0, addressHashes: 0 })
      expect(state()).toMatchObject({ message: 1 })
      expect(state().commentHash).not.toBeNull()
      // the comment's hash and the message's hash; the message itself is kept
      expect(purgeAfter(app, 31)).toEqual({ contactMessages: 0, addressHashes: 2 })
      expect(state()).toEqual({ commentHash: null, message: 1 })
      expect(purgeAfter(app, 179)).toEqual({ contactMessages: 0, addressHashes: 0 })
      expect(purgeAfter(app, 181)).toEqual({ contactMessages: 1, addressHashes: 0 })
      expect(state()).toEqual({ commentHash: null, message: 0 })
      // the comment itself stays: retention is about the address, not the text
      expect(query(app.databasePath, "select 1 from comments where author_name = 'Kept reader'")).toHaveLength(1)
    } finally {
      await app.close()
    }
  })

  it('the app runs the purge on its timer once ready, and clears the timer on close', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    const { app, advance, state } = await withSubmissions(60)
    try {
      advance(200 * DAY)
      expect(state().message).toBe(1)
      vi.advanceTimersByTime(60 * 60_000)
      expect(state()).toEqual({ commentHash: null, message: 0 })
    } finally {
      const timers = vi.getTimerCount()
      await app.close()
      expect(vi.getTimerCount()).toBe(timers - 1)
    }
  })
})
