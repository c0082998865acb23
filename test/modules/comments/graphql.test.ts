import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestApp } from '../../helpers/app.js'
import { issueKey, type IssuedKey } from '../../helpers/keys.js'
import { codes, data, gql } from '../../helpers/graphql.js'
import { buildMovableApp, publishedArticleIds } from '../../helpers/comments.js'

let context: Awaited<ReturnType<typeof buildMovableApp>>
let app: TestApp
let editor: IssuedKey

beforeAll(async () => {
  context = await buildMovableApp()
  app = context.app
  editor = issueKey(app, 'editor')
})
afterAll(async () => { await app.close() })

describe('comments over GraphQL', () => {
  it('token → submitComment → pending → approved → in comments and commentCount', async () => {
    const [databaseId] = await publishedArticleIds(app, 1)
    const { articles } = await data(app, '{ articles(first: 20, filter: { edition: "en" }) { nodes { id databaseId } } }')
    const node = (articles.nodes as Array<{ id: string, databaseId: number }>).find((n) => n.databaseId === databaseId)!
    const { commentToken } = await data(app, 'query ($a: ID!) { commentToken(articleId: $a) { token notBefore } }', { a: node.id })
    const submit = (token: string, extra: Record<string, unknown> = {}) => gql(app, 'mutation ($input: SubmitCommentInput!) { submitComment(input: $input) { databaseId status } }', {
      input: { articleId: node.id, token, authorName: 'Grace', authorEmail: 'grace@example.com', body: 'Via GraphQL <b>bold</b>', ...extra }
    })
    expect(codes(await submit(commentToken.token))).toEqual(['BAD_USER_INPUT'])
    context.advance(5_000)
    expect(codes(await submit(commentToken.token, { authorEmail: 'nope' }))).toEqual(['BAD_USER_INPUT'])
    const posted = await submit(commentToken.token)
    expect(posted.body.data.submitComment.status).toBe('PENDING')
    const id = posted.body.data.submitComment.databaseId as number

    const read = async () => data(app, 'query ($a: ID!, $id: ID!) { comments(articleId: $a) { totalCount nodes { databaseId authorName bodyHtml } } node(id: $id) { ... on Article { commentCount commentStatus } } }', { a: node.id, id: node.id })
    const before = await read()
    expect(before.comments.nodes.map((c: { databaseId: number }) => c.databaseId)).not.toContain(id)
    await app.inject({ method: 'PATCH', url: `/v1/comments/${id}`, headers: editor.auth, payload: { status: 'approved' } })
    const after = await read()
    expect(after.comments.nodes.find((c: { databaseId: number }) => c.databaseId === id)).toEqual({ databaseId: id, authorName: 'Grace', bodyHtml: '<p>Via GraphQL &lt;b&gt;bold&lt;/b&gt;</p>' })
    expect(after.node).toEqual({ commentCount: before.node.commentCount + 1, commentStatus: 'OPEN' })
    expect(JSON.stringify(after)).not.toContain('grace@')

    const closed = await gql(app, 'mutation ($id: ID!) { updateArticle(id: $id, input: { commentStatus: CLOSED }) { commentStatus } }', { id: node.id }, editor.auth)
    expect(closed.body.data.updateArticle.commentStatus).toBe('CLOSED')
    expect(codes(await gql(app, 'query ($a: ID!) { commentToken(articleId: $a) { token } }', { a: node.id }))).toEqual(['NOT_FOUND'])
  })
})
