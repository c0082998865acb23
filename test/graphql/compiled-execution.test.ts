import { describe, expect } from 'vitest'
import { graphqlJs } from '../../src/graphql/graphql-js.js'
import { interpretedOnly } from '../../src/graphql/compiled-execution.js'
import { test } from '../helpers/app.js'

/*
 * Documents compiled by graphql-jit (GRAPHQL_JIT=0: from their first execution) must answer as
 * graphql-js does. The whole GraphQL suite runs compiled in the `graphql-jit` vitest project; these
 * are the cases where mercurius' compiled path alone would answer differently.
 */

test.override('appOptions', { config: { graphqlJit: 0, responseCacheBytes: 0 } })

const post = (body: Record<string, unknown>) => ({ method: 'POST' as const, url: '/graphql', headers: { 'content-type': 'application/json' }, payload: body })

describe('compiled documents', () => {
  test('run the operation each request names, in a document with several', async ({ app }) => {
    const query = 'query Editions { editions { code } } query Settings { settings(edition: "en") { title } }'
    for (const operationName of ['Editions', 'Settings', 'Editions', 'Settings']) {
      const res = await app.inject(post({ query, operationName }))
      expect(res.statusCode).toBe(200)
      expect(Object.keys(res.json().data)).toEqual([operationName === 'Editions' ? 'editions' : 'settings'])
    }
  })

  test('refuse an operation name the document does not have, after a compiled run', async ({ app }) => {
    const query = 'query Editions { editions { code } }'
    expect((await app.inject(post({ query }))).json().data.editions.length).toBeGreaterThan(0)
    expect((await app.inject(post({ query, operationName: 'Editions' }))).statusCode).toBe(200)
    const wrong = await app.inject(post({ query, operationName: 'Other' }))
    expect(wrong.json()).toEqual({ errors: [{ message: 'Unknown operation named "Other".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] })
  })

  test('refuse variables that do not coerce with graphql-js\' messages on the compiling run too', async ({ app }) => {
    const query = 'query Page($first: Int!) { articles(first: $first) { totalCount } }'
    for (let i = 0; i < 2; i++) {
      const res = await app.inject(post({ query, variables: { first: 'ten' } }))
      expect(res.json().errors).toEqual([expect.objectContaining({ message: 'Variable "$first" got invalid value "ten"; Int cannot represent non-integer value: "ten"', extensions: { code: 'BAD_USER_INPUT' } })])
    }
    expect((await app.inject(post({ query, variables: { first: 2 } }))).json().data.articles.totalCount).toBeGreaterThan(0)
  })
})

test('interpretedOnly: several operations, or a name the document lacks', () => {
  const one = graphqlJs.parse('query A { editions { code } }')
  const anonymous = graphqlJs.parse('{ editions { code } } fragment F on Edition { code }')
  const two = graphqlJs.parse('query A { editions { code } } query B { editions { code } }')
  expect(interpretedOnly(one, undefined)).toBe(false)
  expect(interpretedOnly(one, 'A')).toBe(false)
  expect(interpretedOnly(one, 'B')).toBe(true)
  expect(interpretedOnly(anonymous, undefined)).toBe(false)
  expect(interpretedOnly(two, 'A')).toBe(true)
})
