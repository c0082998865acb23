import { describe, expect, it } from 'vitest'
import { uniqueTitle } from '../helpers/content.js'
import { useWriteContext } from '../helpers/write-context.js'

const context = useWriteContext()
const createArticle = 'mutation($input: CreateArticleInput!) { createArticle(input: $input) { databaseId title version } }'

const send = (key: string, variables: Record<string, unknown>, query = createArticle) => context.app.inject({
  method: 'POST',
  url: '/graphql',
  headers: { ...context.keys.editor.auth, 'content-type': 'application/json', 'idempotency-key': key },
  payload: JSON.stringify({ query, variables })
})
const articleCount = () => (context.sql.prepare('select count(*) n from articles').get() as { n: number }).n

describe('Idempotency-Key on GraphQL mutations', () => {
  it('runs a retried mutation once and replays its response', async () => {
    const variables = { input: { edition: 'en', title: uniqueTitle('Idempotent GraphQL') } }
    const before = articleCount()
    const first = await send('gql-once-1', variables)
    expect(first.json().errors).toBeUndefined()
    const second = await send('gql-once-1', variables)
    expect(second.statusCode).toBe(200)
    expect(second.headers['idempotent-replayed']).toBe('true')
    expect(second.json()).toEqual(first.json())
    expect(articleCount()).toBe(before + 1)
  })

  it('refuses the same key with another mutation body (UNPROCESSABLE) and creates nothing', async () => {
    await send('gql-once-2', { input: { edition: 'en', title: uniqueTitle() } })
    const before = articleCount()
    const other = await send('gql-once-2', { input: { edition: 'en', title: uniqueTitle() } })
    // a GraphQL error like any other (REST answers 422 problem+json)
    expect(other.json()).toEqual({ errors: [expect.objectContaining({ extensions: { code: 'UNPROCESSABLE' } })] })
    expect(articleCount()).toBe(before)
  })

  it('does not keep a failed mutation, so a corrected retry may reuse the key', async () => {
    const failed = await send('gql-once-3', { input: { edition: 'zz', title: 'No such edition' } })
    expect(failed.json().errors[0].extensions.code).toBe('BAD_USER_INPUT')
    const again = await send('gql-once-3', { input: { edition: 'zz', title: 'No such edition' } })
    expect(again.headers['idempotent-replayed']).toBeUndefined()
    expect(again.json().errors[0].extensions.code).toBe('BAD_USER_INPUT')
  })
})
