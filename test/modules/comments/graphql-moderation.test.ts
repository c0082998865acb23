import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiKeyRole } from '../../../src/db/schema.js'
import type { TestApp } from '../../helpers/app.js'
import { buildMovableApp, publishedArticleIds, submitComment } from '../../helpers/comments.js'
import { codes, gql } from '../../helpers/graphql.js'
import { issueKeys, type IssuedKey } from '../../helpers/keys.js'

/** GraphQL moderation: the same commands, permissions and version checks as REST `PATCH /v1/comments/{id}` and friends. */
let context: Awaited<ReturnType<typeof buildMovableApp>>
let app: TestApp
let keys: Record<ApiKeyRole, IssuedKey>
let articleId: number

beforeAll(async () => {
  context = await buildMovableApp()
  app = context.app
  keys = issueKeys(app)
  ;[articleId] = await publishedArticleIds(app, 1) as [number]
})
afterAll(async () => { await app.close() })

const FIELDS = 'databaseId status version staff authorName authorEmail edition articleDatabaseId parentDatabaseId'
const pending = async () => (await submitComment(context, articleId, { authorEmail: 'mod.reader@example.com' }, `192.0.2.${Math.floor(Math.random() * 200) + 1}`)).json().data.id as number
const rest = async (id: number) => app.inject({ url: `/v1/comments/${id}`, headers: keys.editor.auth })
const as = (role: ApiKeyRole | null) => (role === null ? {} : keys[role].auth)
const publicIds = async () => ((await app.inject({ url: `/v1/articles/${articleId}/comments?limit=100` })).json().data as Array<{ id: number }>).map((c) => c.id)

describe('comment moderation over GraphQL', () => {
  it.each([
    [null, 'UNAUTHENTICATED'],
    ['author', 'FORBIDDEN'],
    ['preview', 'FORBIDDEN']
  ] as const)('refuses %s keys every moderation mutation and changes nothing', async (role, code) => {
    const id = await pending()
    const mutations = [
      `approveComment(id: ${id}) { databaseId }`,
      `spamComment(id: ${id}) { databaseId }`,
      `trashComment(id: ${id}) { databaseId }`,
      `restoreComment(id: ${id}) { databaseId }`,
      `moderateComment(id: ${id}, input: { body: "Rewritten" }) { databaseId }`,
      `deleteComment(id: ${id}) { databaseId }`,
      `bulkModerateComments(ids: [${id}], action: APPROVE) { updated }`
    ]
    for (const mutation of mutations) {
      const res = await gql(app, `mutation { ${mutation} }`, undefined, as(role))
      expect(codes(res), mutation).toEqual([code])
    }
    expect((await rest(id)).json().data).toMatchObject({ status: 'pending', version: 1 })
    expect(await publicIds()).not.toContain(id)
  })

  it('lets an editor approve, spam, trash, restore and edit, refusing a stale expectedVersion with PRECONDITION_FAILED', async () => {
    const id = await pending()
    const approve = (version: number) => gql(app, `mutation ($id: Int!, $v: Int) { approveComment(id: $id, expectedVersion: $v) { ${FIELDS} } }`, { id, v: version }, keys.editor.auth)

    const stale = await approve(7)
    expect(codes(stale)).toEqual(['PRECONDITION_FAILED'])
    expect(stale.body.errors![0]!.extensions).toMatchObject({ currentVersion: 1 })
    expect((await rest(id)).json().data.status).toBe('pending')

    const approved = await approve(1)
    expect(approved.body.errors).toBeUndefined()
    expect(approved.body.data.approveComment).toMatchObject({ databaseId: id, status: 'APPROVED', version: 2, staff: false, authorEmail: 'mod.reader@example.com', articleDatabaseId: articleId, parentDatabaseId: null })
    expect(await publicIds()).toContain(id)
    // the version it was approved at is stale now: a second moderator working from it is refused
    expect(codes(await gql(app, `mutation { spamComment(id: ${id}, expectedVersion: 1) { status } }`, undefined, keys.editor.auth))).toEqual(['PRECONDITION_FAILED'])

    for (const [mutation, status] of [['spamComment', 'SPAM'], ['trashComment', 'TRASH'], ['restoreComment', 'PENDING']] as const) {
      const res = await gql(app, `mutation { ${mutation}(id: ${id}) { status } }`, undefined, keys.editor.auth)
      expect(res.body.data?.[mutation], mutation).toEqual({ status })
      expect((await rest(id)).json().data.status).toBe(status.toLowerCase())
    }
    expect(await publicIds()).not.toContain(id)

    const edited = await gql(app, 'mutation ($id: Int!, $v: Int) { moderateComment(id: $id, input: { status: APPROVED, body: "Edited by the desk." }, expectedVersion: $v) { status body version } }',
      { id, v: 5 }, keys.editor.auth)
    expect(edited.body.data.moderateComment).toEqual({ status: 'APPROVED', body: 'Edited by the desk.', version: 6 })
    expect((await rest(id)).headers.etag).toBe('"v6"')
  })

  it('refuses bad input as BAD_USER_INPUT and changes nothing', async () => {
    const id = await pending()
    for (const mutation of [
      `moderateComment(id: ${id}, input: {}) { databaseId }`,
      `moderateComment(id: ${id}, input: { body: "" }) { databaseId }`,
      'approveComment(id: 0) { databaseId }',
      `replyToComment(id: ${id}, body: "   ") { databaseId }`,
      'bulkModerateComments(ids: [], action: TRASH) { updated }'
    ]) {
      expect(codes(await gql(app, `mutation { ${mutation} }`, undefined, keys.editor.auth)), mutation).toEqual(['BAD_USER_INPUT'])
    }
    expect((await rest(id)).json().data).toMatchObject({ status: 'pending', version: 1, body: expect.not.stringMatching(/^$/) })
    expect(codes(await gql(app, 'mutation { approveComment(id: 987654) { databaseId } }', undefined, keys.editor.auth))).toEqual(['NOT_FOUND'])
  })

  it('staff replies (authors may reply, not moderate), bulk actions and deletes with the same rules', async () => {
    const parent = await pending()
    await gql(app, `mutation { approveComment(id: ${parent}) { status } }`, undefined, keys.editor.auth)
    const reply = (role: ApiKeyRole | null) => gql(app, `mutation { replyToComment(id: ${parent}, body: "Thanks, we fixed it.") { ${FIELDS} } }`, undefined, as(role))
    expect(codes(await reply(null))).toEqual(['UNAUTHENTICATED'])
    const byAuthor = await reply('author')
    expect(byAuthor.body.data.replyToComment).toMatchObject({ staff: true, status: 'APPROVED', parentDatabaseId: parent, authorEmail: null })
    const replyId = byAuthor.body.data.replyToComment.databaseId as number
    expect(await publicIds()).toContain(replyId)

    const other = await pending()
    const bulk = await gql(app, `mutation { bulkModerateComments(ids: [${other}, 987655], action: APPROVE) { updated notFound } }`, undefined, keys.editor.auth)
    expect(bulk.body.data.bulkModerateComments).toEqual({ updated: [other], notFound: [987655] })
    expect((await rest(other)).json().data.status).toBe('approved')

    const version = (await rest(parent)).json().data.version as number
    expect(codes(await gql(app, `mutation { deleteComment(id: ${parent}, expectedVersion: ${version + 1}) { databaseId } }`, undefined, keys.editor.auth))).toEqual(['PRECONDITION_FAILED'])
    expect((await rest(parent)).statusCode).toBe(200)
    const deleted = await gql(app, `mutation { deleteComment(id: ${parent}, expectedVersion: ${version}) { databaseId } }`, undefined, keys.editor.auth)
    expect(deleted.body.data.deleteComment).toEqual({ databaseId: parent })
    // with its replies
    expect((await rest(parent)).statusCode).toBe(404)
    expect((await rest(replyId)).statusCode).toBe(404)
  })
})
