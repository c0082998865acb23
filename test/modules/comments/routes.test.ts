import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiKeyRole } from '../../../src/db/schema.js'
import type { TestApp } from '../../helpers/app.js'
import { issueKeys, type IssuedKey } from '../../helpers/keys.js'
import { buildMovableApp, publishedArticleIds, submitComment, uniqueBody } from '../../helpers/comments.js'

let context: Awaited<ReturnType<typeof buildMovableApp>>
let app: TestApp
let keys: Record<ApiKeyRole, IssuedKey>
let articleIds: number[]
let ipCounter = 0
/** A fresh client address per test, so the per-address window only trips where a test means it to. */
const freshIp = () => `198.51.100.${++ipCounter}`

beforeAll(async () => {
  context = await buildMovableApp()
  app = context.app
  keys = issueKeys(app)
  articleIds = await publishedArticleIds(app, 6)
})
afterAll(async () => { await app.close() })

const approve = async (id: number) => app.inject({ method: 'PATCH', url: `/v1/comments/${id}`, headers: keys.editor.auth, payload: { status: 'approved' } })
const publicComments = async (articleId: number) => (await app.inject({ url: `/v1/articles/${articleId}/comments` })).json()
const commentCount = async (articleId: number) => (await app.inject({ url: `/v1/articles/${articleId}` })).json().data.commentCount as number

describe('the comment form round trip', () => {
  it('token → submit → pending (invisible) → approved → visible with the count', async () => {
    const articleId = articleIds[0]!
    const before = await commentCount(articleId)
    const token = await app.inject({ url: `/v1/articles/${articleId}/comment-token` })
    expect(token.statusCode).toBe(200)
    expect(token.headers['cache-control']).toBe('no-store')
    context.advance(5_000)
    const posted = await app.inject({
      method: 'POST', url: `/v1/articles/${articleId}/comments`, remoteAddress: freshIp(),
      payload: { token: token.json().data.token, authorName: 'Ada', authorEmail: 'ada@example.com', body: 'First!\n\nSecond paragraph <script>alert(1)</script>' }
    })
    expect(posted.statusCode).toBe(202)
    const { id, status } = posted.json().data
    expect(status).toBe('pending')
    expect((await publicComments(articleId)).data.map((c: { id: number }) => c.id)).not.toContain(id)
    expect(await commentCount(articleId)).toBe(before)

    const queue = await app.inject({ url: `/v1/comments?status=pending&article=${articleId}`, headers: keys.editor.auth })
    expect(queue.statusCode).toBe(200)
    expect(queue.json().data[0]).toMatchObject({ id, status: 'pending', authorEmail: 'ada@example.com' })

    expect((await approve(id)).statusCode).toBe(200)
    const visible = await publicComments(articleId)
    const comment = visible.data.find((c: { id: number }) => c.id === id)
    expect(comment).toMatchObject({ authorName: 'Ada', depth: 1, parentId: null, staff: false })
    expect(comment.body).toContain('<script>')
    expect(comment.bodyHtml).toBe('<p>First!</p><p>Second paragraph &lt;script&gt;alert(1)&lt;/script&gt;</p>')
    expect(JSON.stringify(visible)).not.toContain('ada@example.com')
    expect(await commentCount(articleId)).toBe(before + 1)
    const list = await app.inject({ url: `/v1/articles?edition=en&limit=20&fields=id,commentCount` })
    expect(list.json().data.find((a: { id: number }) => a.id === articleId).commentCount).toBe(before + 1)
  })

  it('threads replies after their parent, oldest first, keyset-paged', async () => {
    const articleId = articleIds[1]!
    const ids: number[] = []
    for (let i = 0; i < 2; i++) {
      const posted = await submitComment(context, articleId, {}, freshIp())
      ids.push(posted.json().data.id)
      await approve(posted.json().data.id)
    }
    const reply = await submitComment(context, articleId, { parentId: ids[0] }, freshIp())
    expect(reply.statusCode).toBe(202)
    await approve(reply.json().data.id)
    const staff = await app.inject({ method: 'POST', url: `/v1/comments/${reply.json().data.id}/replies`, headers: keys.editor.auth, payload: { body: 'Thanks from the desk' } })
    expect(staff.statusCode).toBe(201)
    expect(staff.json().data).toMatchObject({ staff: true, status: 'approved', depth: 3 })
    const all = (await publicComments(articleId)).data.map((c: { id: number }) => c.id)
    expect(all).toEqual([ids[0], reply.json().data.id, staff.json().data.id, ids[1]])

    const first = await app.inject({ url: `/v1/articles/${articleId}/comments?limit=2` })
    expect(first.json().meta.total).toBe(4)
    const second = await app.inject({ url: `/v1/articles/${articleId}/comments?limit=2&cursor=${first.json().meta.nextCursor}` })
    expect([...first.json().data, ...second.json().data].map((c: { id: number }) => c.id)).toEqual(all)

    // depth 3 is the limit: a reply to the staff reply is refused
    const tooDeep = await submitComment(context, articleId, { parentId: staff.json().data.id }, freshIp())
    expect(tooDeep.statusCode).toBe(400)
    expect(tooDeep.json().errors[0].name).toBe('body.parentId')
  })
})

describe('abuse protections', () => {
  it('refuses a filled honeypot and stores nothing', async () => {
    const response = await submitComment(context, articleIds[2]!, { homepage: 'http://spam.example' }, freshIp())
    expect(response.statusCode).toBe(400)
    expect(response.headers['content-type']).toContain('application/problem+json')
    expect(response.json().errors[0].name).toBe('body.homepage')
  })

  it('refuses a submission sooner than the minimum time, and a forged or foreign token', async () => {
    const articleId = articleIds[2]!
    const token = (await app.inject({ url: `/v1/articles/${articleId}/comment-token` })).json().data.token
    const post = (t: string, id = articleId) => app.inject({ method: 'POST', url: `/v1/articles/${id}/comments`, remoteAddress: freshIp(), payload: { token: t, authorName: 'Quick', body: uniqueBody() } })
    const early = await post(token)
    expect(early.statusCode).toBe(400)
    expect(early.json().errors[0]).toMatchObject({ name: 'body.token' })
    context.advance(5_000)
    expect((await post(token.replace(/.$/, (c: string) => c === 'A' ? 'B' : 'A'))).statusCode).toBe(400)
    expect((await post(token, articleIds[3]!)).statusCode).toBe(400)
    expect((await post('garbage')).statusCode).toBe(400)
    expect((await post(token)).statusCode).toBe(202)
    context.advance(3 * 3600_000)
    expect((await post(token)).json().errors[0].reason).toContain('expired')
  })

  it('limits links and length; 100 KB bodies are refused', async () => {
    const articleId = articleIds[2]!
    const links = await submitComment(context, articleId, { body: 'see https://a.example and http://b.example and www.c.example' }, freshIp())
    expect(links.statusCode).toBe(400)
    expect(links.json().errors[0].reason).toContain('links')
    const twoLinks = await submitComment(context, articleId, { body: `${uniqueBody()} https://a.example http://b.example` }, freshIp())
    expect(twoLinks.statusCode).toBe(202)
    expect((await submitComment(context, articleId, { body: 'x'.repeat(5001) }, freshIp())).statusCode).toBe(400)
    const huge = await submitComment(context, articleId, { body: 'x'.repeat(100 * 1024) }, freshIp())
    expect(huge.statusCode).toBe(400)
    expect(huge.headers['content-type']).toContain('application/problem+json')
  })

  it('refuses invalid emails and websites, and script in the name is kept as text', async () => {
    const articleId = articleIds[2]!
    expect((await submitComment(context, articleId, { authorEmail: 'not-an-email' }, freshIp())).statusCode).toBe(400)
    expect((await submitComment(context, articleId, { authorUrl: 'javascript:alert(1)' }, freshIp())).statusCode).toBe(400)
    const named = await submitComment(context, articleId, { authorName: '<img src=x onerror=alert(1)>' }, freshIp())
    expect(named.statusCode).toBe(202)
    const stored = await app.inject({ url: `/v1/comments/${named.json().data.id}`, headers: keys.editor.auth })
    expect(stored.json().data.authorName).toBe('<img src=x onerror=alert(1)>')
  })

  it('accepts the same comment once', async () => {
    const articleId = articleIds[2]!
    const ip = freshIp()
    const body = uniqueBody('Same words')
    expect((await submitComment(context, articleId, { body }, ip)).statusCode).toBe(202)
    const again = await submitComment(context, articleId, { body: `  ${body.toUpperCase()} ` }, ip)
    expect(again.statusCode).toBe(409)
  })

  it('sends blocklisted words and emails to spam, answered like any pending comment', async () => {
    const articleId = articleIds[2]!
    const word = await submitComment(context, articleId, { body: `${uniqueBody()} cheap VIAGRA here` }, freshIp())
    expect(word.statusCode).toBe(202)
    expect(word.json().data.status).toBe('pending')
    const email = await submitComment(context, articleId, { authorEmail: 'Spammer@Example.com' }, freshIp())
    expect(email.json().data.status).toBe('pending')
    for (const id of [word.json().data.id, email.json().data.id]) {
      expect((await app.inject({ url: `/v1/comments/${id}`, headers: keys.editor.auth })).json().data.status).toBe('spam')
    }
    const normal = await submitComment(context, articleId, {}, freshIp())
    expect((await app.inject({ url: `/v1/comments/${normal.json().data.id}`, headers: keys.editor.auth })).json().data.status).toBe('pending')
  })

  it('limits a flood from one address to the window, and lets another reader through', async () => {
    const articleId = articleIds[4]!
    const ip = freshIp()
    const statuses: number[] = []
    for (let i = 0; i < 8; i++) statuses.push((await submitComment(context, articleId, {}, ip)).statusCode)
    expect(statuses.filter((s) => s === 202)).toHaveLength(5)
    const refused = await submitComment(context, articleId, {}, ip)
    expect(refused.statusCode).toBe(429)
    expect(refused.headers['retry-after']).toBeDefined()
    expect((await submitComment(context, articleId, {}, freshIp())).statusCode).toBe(202)
    // the window passes
    context.advance(601_000)
    expect((await submitComment(context, articleId, {}, ip)).statusCode).toBe(202)
  })
})

describe('what may be commented on', () => {
  it('refuses drafts (404), closed articles (422) and replies across articles (400); hidden sections show nothing', async () => {
    const draft = await app.inject({ method: 'POST', url: '/v1/articles', headers: keys.editor.auth, payload: { edition: 'en', title: 'Draft for comments' } })
    const draftId = draft.json().data.id
    expect((await app.inject({ url: `/v1/articles/${draftId}/comment-token` })).statusCode).toBe(404)
    expect((await app.inject({ method: 'POST', url: `/v1/articles/${draftId}/comments`, payload: { token: '1.x', authorName: 'A', body: 'b' } })).statusCode).toBe(404)

    const articleId = articleIds[5]!
    const posted = await submitComment(context, articleId, {}, freshIp())
    await approve(posted.json().data.id)
    const across = await submitComment(context, articleIds[3]!, { parentId: posted.json().data.id }, freshIp())
    expect(across.statusCode).toBe(400)
    expect(across.json().errors[0].reason).toContain('another article')

    const token = (await app.inject({ url: `/v1/articles/${articleId}/comment-token` })).json().data.token
    context.advance(5_000)
    expect((await app.inject({ method: 'PATCH', url: `/v1/articles/${articleId}`, headers: keys.editor.auth, payload: { commentStatus: 'closed' } })).statusCode).toBe(200)
    const closed = await app.inject({ method: 'POST', url: `/v1/articles/${articleId}/comments`, remoteAddress: freshIp(), payload: { token, authorName: 'Late', body: uniqueBody() } })
    expect(closed.statusCode).toBe(422)
    expect((await app.inject({ url: `/v1/articles/${articleId}` })).json().data.commentStatus).toBe('closed')
    expect((await publicComments(articleId)).data).toHaveLength(1)

    await app.inject({ method: 'PATCH', url: `/v1/articles/${articleId}`, headers: keys.editor.auth, payload: { commentStatus: 'hidden' } })
    expect((await publicComments(articleId)).data).toHaveLength(0)
    await app.inject({ method: 'PATCH', url: `/v1/articles/${articleId}`, headers: keys.editor.auth, payload: { commentStatus: null } })
    expect((await app.inject({ url: `/v1/articles/${articleId}` })).json().data.commentStatus).toBe('open')
  })

  it('closes comments N days after publication when the edition says so', async () => {
    const settings = await app.inject({ method: 'PATCH', url: '/v1/editions/en/discussion-settings', headers: keys.admin.auth, payload: { closeAfterDays: 1 } })
    expect(settings.statusCode).toBe(200)
    expect((await app.inject({ method: 'PATCH', url: '/v1/editions/en/discussion-settings', headers: keys.editor.auth, payload: { closeAfterDays: 2 } })).statusCode).toBe(403)
    // the seeded articles are older than a day
    expect((await app.inject({ url: `/v1/articles/${articleIds[3]!}` })).json().data.commentStatus).toBe('closed')
    await app.inject({ method: 'PATCH', url: '/v1/editions/en/discussion-settings', headers: keys.admin.auth, payload: { closeAfterDays: null } })
    expect((await app.inject({ url: `/v1/articles/${articleIds[3]!}` })).json().data.commentStatus).toBe('open')
  })
})

describe('moderation', () => {
  it.each([
    ['public', undefined, 401], ['preview', 'preview', 403], ['author', 'author', 403], ['editor', 'editor', 200], ['admin', 'admin', 200]
  ] as const)('the queue as %s: %i', async (_name, role, status) => {
    const headers = role === undefined ? {} : keys[role].auth
    expect((await app.inject({ url: '/v1/comments?status=pending', headers })).statusCode).toBe(status)
  })

  it('honours If-Match, bulk actions, trash and restore, and delete with replies', async () => {
    const articleId = articleIds[4]!
    const ids: number[] = []
    for (let i = 0; i < 3; i++) ids.push((await submitComment(context, articleId, {}, freshIp())).json().data.id)
    const read = await app.inject({ url: `/v1/comments/${ids[0]}`, headers: keys.editor.auth })
    const etag = read.headers.etag as string
    expect((await app.inject({ method: 'PATCH', url: `/v1/comments/${ids[0]}`, headers: { ...keys.editor.auth, 'if-match': etag }, payload: { body: 'Edited by the desk' } })).statusCode).toBe(200)
    expect((await app.inject({ method: 'PATCH', url: `/v1/comments/${ids[0]}`, headers: { ...keys.editor.auth, 'if-match': etag }, payload: { status: 'approved' } })).statusCode).toBe(412)

    const before = await commentCount(articleId)
    const bulk = await app.inject({ method: 'POST', url: '/v1/comments/bulk', headers: keys.editor.auth, payload: { ids: [...ids, 999999], action: 'approve' } })
    expect(bulk.json().data).toEqual({ updated: ids, notFound: [999999] })
    expect(await commentCount(articleId)).toBe(before + 3)
    await app.inject({ method: 'PATCH', url: `/v1/comments/${ids[1]}`, headers: keys.editor.auth, payload: { status: 'trash' } })
    expect(await commentCount(articleId)).toBe(before + 2)
    const restored = await app.inject({ method: 'PATCH', url: `/v1/comments/${ids[1]}`, headers: keys.editor.auth, payload: { status: 'pending' } })
    expect(restored.json().data.status).toBe('pending')

    const reply = await submitComment(context, articleId, { parentId: ids[0] }, freshIp())
    await approve(reply.json().data.id)
    expect(await commentCount(articleId)).toBe(before + 3)
    expect((await app.inject({ method: 'DELETE', url: `/v1/comments/${ids[0]}`, headers: keys.author.auth })).statusCode).toBe(403)
    expect((await app.inject({ method: 'DELETE', url: `/v1/comments/${ids[0]}`, headers: keys.editor.auth })).statusCode).toBe(204)
    expect(await commentCount(articleId)).toBe(before + 1)
    expect((await app.inject({ url: `/v1/comments/${reply.json().data.id}`, headers: keys.editor.auth })).statusCode).toBe(404)

    const changes = await app.inject({ url: `/v1/changes?entityType=comment&entityId=${ids[0]}`, headers: keys.editor.auth })
    expect(changes.json().data.map((c: { action: string }) => c.action)).toEqual(['deleted', 'updated', 'updated', 'created'])
    expect(JSON.stringify(changes.json())).not.toMatch(/@|198\.51/)
  })

  it('lists an edition\'s recent comments, newest first, approved only', async () => {
    const recent = await app.inject({ url: '/v1/editions/en/comments/recent?limit=3' })
    expect(recent.statusCode).toBe(200)
    const times = recent.json().data.map((c: { createdAt: string }) => c.createdAt)
    expect([...times].sort().reverse()).toEqual(times)
    expect(recent.json().data.length).toBeGreaterThan(0)
    expect(JSON.stringify(recent.json())).not.toContain('authorEmail')
  })
})
