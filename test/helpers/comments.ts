import { TEST_NOW } from './clock.js'
import { buildTestApp, testConfig, type TestApp } from './app.js'
import type { Config } from '../../src/config.js'
import { eq } from 'drizzle-orm'
import { openDatabase } from '../../src/database.js'
import { comments } from '../../src/db/schema.js'

/** A test app whose clock the test moves (form tokens must be a few seconds old). */
export async function buildMovableApp (config: Partial<Config> = {}): Promise<{ app: TestApp, advance: (ms: number) => void }> {
  let now = TEST_NOW.getTime()
  const app = await buildTestApp({ clock: () => new Date(now), config: { discussion: { ...testConfig().discussion, minSubmitSeconds: 3 }, ...config } })
  return { app, advance: (ms) => { now += ms } }
}

let counter = 0
export const uniqueBody = (text = 'A thoughtful comment') => `${text} #${++counter}`

/** Fetches a token, lets the minimum time pass, and posts the comment from `ip`. */
export async function submitComment (
  context: { app: TestApp, advance: (ms: number) => void }, articleId: number, payload: Record<string, unknown>, ip = '203.0.113.7'
) {
  const token = await context.app.inject({ url: `/v1/articles/${articleId}/comment-token` })
  if (token.statusCode !== 200) return token
  context.advance(5_000)
  return context.app.inject({
    method: 'POST', url: `/v1/articles/${articleId}/comments`, remoteAddress: ip,
    payload: { token: token.json().data.token, authorName: 'Reader', body: uniqueBody(), ...payload }
  })
}

export async function publishedArticleIds (app: TestApp, count = 3): Promise<number[]> {
  const response = await app.inject({ url: `/v1/articles?edition=en&limit=${count}&fields=id` })
  return (response.json().data as Array<{ id: number }>).map((a) => a.id)
}

/**
 * An approved comment written straight into the app's database on a second connection (as an
 * importer would): for tests that run on the fixed clock, where no form token can age.
 */
export function seedApprovedComment (app: Pick<TestApp, 'databasePath'>, articleId: number): number {
  const db = openDatabase(app.databasePath, { migrate: false })
  try {
    const at = TEST_NOW.getTime() - 60_000
    const row = db.insert(comments).values({ articleId, authorName: 'Seeded reader', body: `Seeded ${Math.random()}`, status: 'approved', createdAt: at, updatedAt: at }).returning({ id: comments.id }).get()
    db.update(comments).set({ threadPath: `${String(at).padStart(15, '0')}.${String(row.id).padStart(12, '0')}` }).where(eq(comments.id, row.id)).run()
    return row.id
  } finally {
    db.$client.close()
  }
}
