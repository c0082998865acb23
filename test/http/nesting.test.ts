import fc from 'fast-check'
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { limits } from '../../src/graphql/limits.js'
import { JSON_MAX_DEPTH } from '../../src/http/json-body.js'
import { nestsDeeperThan } from '../../src/http/nesting.js'
import { issueKey, type IssuedKey } from '../helpers/keys.js'
import { codes, gql } from '../helpers/graphql.js'
import { buildTestApp, type TestApp } from '../helpers/app.js'

let app: TestApp
let editor: IssuedKey
beforeAll(async () => {
  app = await buildTestApp()
  editor = issueKey(app, 'editor')
})
afterAll(async () => { await app.close() })

const preflight = { 'mercurius-require-preflight': 'true' }
/** About 4 KB of lists nested 2,000 deep: well within the token limit's reach of the parser's recursion. */
const deepList = `{ editions(x: ${'['.repeat(2000)}${']'.repeat(2000)}) { code } }`
const deepObject = `{ editions(x: ${'{a:'.repeat(1000)}1${'}'.repeat(1000)}) { code } }`
const deepSelection = `{ ${'a {'.repeat(1500)} b ${'}'.repeat(1500)} }`

function expectNestingLimit (res: { statusCode: number, headers: Record<string, unknown>, json: () => any }) {
  expect(res.statusCode).toBe(400)
  expect(res.headers['cache-control']).toBe('no-store')
  const body = res.json()
  expect(body).not.toHaveProperty('data')
  expect(body.errors).toHaveLength(1)
  expect(body.errors[0].extensions).toEqual({ code: 'GRAPHQL_NESTING_LIMIT', limit: limits.nesting })
}

describe('GraphQL query nesting', () => {
  it.each([['lists', deepList], ['input objects', deepObject], ['selection sets', deepSelection]])('refuses deeply nested %s over POST with 400, whatever the client accepts', async (_name, query) => {
    for (const accept of ['application/json', 'application/graphql-response+json']) {
      const res = await app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', accept }, payload: JSON.stringify({ query }) })
      expectNestingLimit(res)
    }
  })

  it('refuses them over GET, as application/graphql, in a batch and when registering a persisted query', async () => {
    expectNestingLimit(await app.inject({ method: 'GET', url: `/graphql?query=${encodeURIComponent(deepList)}`, headers: preflight }))
    expectNestingLimit(await app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/graphql' }, payload: deepList }))
    expectNestingLimit(await app.inject({
      method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: JSON.stringify([{ query: '{ editions { code } }' }, { query: deepList }])
    }))
    const sha256Hash = createHash('sha256').update(deepList).digest('hex')
    const extensions = { persistedQuery: { version: 1, sha256Hash } }
    expectNestingLimit(await app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ query: deepList, extensions }) }))
    // and it was not stored under its hash
    const byHash = await app.inject({ method: 'GET', url: `/graphql?extensions=${encodeURIComponent(JSON.stringify(extensions))}`, headers: preflight })
    expect(byHash.json().errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND')
  })

  it(`lets ${limits.nesting} levels through to the parser, and brackets in strings and comments are not nesting`, async () => {
    const atLimit = `{ editions(x: ${'['.repeat(limits.nesting - 2)}${']'.repeat(limits.nesting - 2)}) { code } }`
    expect(codes(await gql(app, atLimit))).toEqual(['GRAPHQL_VALIDATION_FAILED'])
    const overLimit = `{ editions(x: ${'['.repeat(limits.nesting - 1)}${']'.repeat(limits.nesting - 1)}) { code } }`
    expect(codes(await gql(app, overLimit))).toEqual(['GRAPHQL_NESTING_LIMIT'])

    const brackets = '['.repeat(500)
    const commented = await gql(app, `# ${brackets}\n{ editions { code } }`)
    expect(commented.body.errors).toBeUndefined()
    // parsed, then refused only for the unused variables the strings sit in
    const inStrings = await gql(app, `query Q($q: String = "${brackets}", $b: String = """${brackets} \\""" ${brackets}""") { editions { code } }`)
    expect(codes(inStrings)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT'])
    expect(inStrings.body.errors?.[0]?.message).toMatch(/is never used/)
  })
})

describe('JSON body nesting', () => {
  const deepBody = (depth: number) => `{"edition":"en","name":${'['.repeat(depth)}${']'.repeat(depth)}}`

  it('refuses a body nested 5,000 deep on a write route with a 400 problem, and stores nothing', async () => {
    const before = await app.inject({ method: 'GET', url: '/v1/tags?edition=en&limit=100' })
    const res = await app.inject({ method: 'POST', url: '/v1/tags', headers: { ...editor.auth, 'content-type': 'application/json' }, payload: deepBody(5000) })
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8')
    expect(res.json()).toMatchObject({ status: 400, type: 'http://quire.test/problems/nesting-too-deep', instance: '/v1/tags' })
    const after = await app.inject({ method: 'GET', url: '/v1/tags?edition=en&limit=100' })
    expect(after.json().meta.total).toBe(before.json().meta.total)
  })

  it('refuses deep objects too, and deep GraphQL variables with a GraphQL error', async () => {
    const objects = `{"edition":"en","name":${'{"a":'.repeat(JSON_MAX_DEPTH + 1)}1${'}'.repeat(JSON_MAX_DEPTH + 1)}}`
    const res = await app.inject({ method: 'POST', url: '/v1/tags', headers: { ...editor.auth, 'content-type': 'application/json' }, payload: objects })
    expect(res.json()).toMatchObject({ status: 400, type: 'http://quire.test/problems/nesting-too-deep' })

    const variables = await app.inject({
      method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' },
      payload: `{"query":"query($x: [Int]) { editions { code } }","variables":{"x":${'['.repeat(5000)}${']'.repeat(5000)}}}`
    })
    expect(variables.statusCode).toBe(400)
    expect(variables.json().errors[0].extensions.code).toBe('BAD_REQUEST')
  })

  it('still validates ordinary bodies as before (brackets inside strings do not count)', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/tags', headers: { ...editor.auth, 'content-type': 'application/json' }, payload: JSON.stringify({ edition: 'en', name: `Brackets ${'[{'.repeat(90)}` }) })
    expect(res.statusCode).toBe(201)
    // prototype poisoning is still refused by fastify's own parser behind the depth check
    const poisoned = await app.inject({ method: 'POST', url: '/v1/tags', headers: { ...editor.auth, 'content-type': 'application/json' }, payload: '{"edition":"en","name":"x","__proto__":{"admin":true}}' })
    expect(poisoned.statusCode).toBe(400)
  })
})

describe('query strings', () => {
  it('are flat: bracket keys are unknown parameters, not nested filters', async () => {
    const res = await app.inject({ method: 'GET', url: `/v1/articles?${'filter'}${'[a]'.repeat(2000)}=1` })
    expect(res.statusCode).toBe(400)
    expect(res.json().type).toBe('http://quire.test/problems/validation-error')
  })
})

describe('nestsDeeperThan', () => {
  it.each([
    ['[[]]', 1, 'json', true], ['[[]]', 2, 'json', false], ['{"a":"[[[["}', 1, 'json', false], ['{"a":"\\"[["}', 1, 'json', false],
    ['{ a }', 1, 'graphql', false], ['{ a { b } }', 1, 'graphql', true], ['# {{{{\n{ a }', 1, 'graphql', false],
    ['{ a(x: "{{") }', 2, 'graphql', false], ['{ a(x: """ {{ \\""" {{ """) }', 2, 'graphql', false], ['{ a(x: """ {{ """) { b { c } } }', 2, 'graphql', true]
  ] as const)('%s with at most %i levels (%s) → %s', (text, max, syntax, expected) => {
    expect(nestsDeeperThan(text, max, syntax)).toBe(expected)
  })

  it('agrees with the depth JSON.parse builds, for any JSON value', () => {
    const depthOf = (value: unknown): number => typeof value === 'object' && value !== null
      ? 1 + Math.max(0, ...Object.values(value).map(depthOf))
      : 0
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 10 }), (value, max) => {
      const text = JSON.stringify(value)
      expect(nestsDeeperThan(text, max, 'json')).toBe(depthOf(value) > max)
    }))
  })
})
