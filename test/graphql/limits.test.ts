import { createHash } from 'node:crypto'
import { parse } from 'graphql'
import { describe, expect, it } from 'vitest'
import { limits } from '../../src/graphql/limits.js'
import { test, buildTestApp, type TestApp } from '../helpers/app.js'
import { codes, data, gql, type GraphQLResponse } from '../helpers/graphql.js'
import { issueKey } from '../helpers/keys.js'

let app: TestApp

test.beforeAll(({ app: built }) => { app = built })

const GRAPHQL_RESPONSE = 'application/graphql-response+json'

/** Nests `Category.parent` n times under one article's categories: depth n + 4. */
const nestedParents = (n: number) => `{ articles(first: 1) { edges { node { categories { ${'parent { '.repeat(n)}name${' }'.repeat(n)} } } } } }`

/** A refused request: one error with `code`, no `data` entry, 200 for JSON clients and 400 for graphql-response+json. */
async function expectRefused (query: string, code: string, variables?: Record<string, unknown>): Promise<GraphQLResponse> {
  const json = await gql(app, query, variables)
  expect(json.status, JSON.stringify(json.body)).toBe(200)
  expect(codes(json)).toEqual([code])
  expect(json.body).not.toHaveProperty('data')
  expect(json.headers['cache-control']).toBe('no-store')
  const strict = await gql(app, query, variables, { accept: GRAPHQL_RESPONSE })
  expect(strict.status).toBe(400)
  expect(strict.headers['content-type']).toBe(`${GRAPHQL_RESPONSE}; charset=utf-8`)
  expect(codes(strict)).toEqual([code])
  return json
}

describe('depth', () => {
  it(`allows ${limits.depth} levels and refuses ${limits.depth + 1}`, async () => {
    await data(app, nestedParents(limits.depth - 5))
    const res = await expectRefused(nestedParents(limits.depth - 4), 'QUERY_TOO_DEEP')
    expect(res.body.errors?.[0]?.message).toMatch(/query depth \(16\) exceeds the query depth limit of 15/)
  })

  it('counts the depth inside named fragments', async () => {
    const fragments = Array.from({ length: 12 }, (_, i) => `fragment P${i} on Category { parent { ${i === 11 ? 'name' : `...P${i + 1}`} } }`).join('\n')
    await expectRefused(`{ articles(first: 1) { edges { node { categories { ...P0 } } } } }\n${fragments}`, 'QUERY_TOO_DEEP')
  })

  it('lets the standard introspection query through', async () => {
    const { getIntrospectionQuery } = await import('graphql')
    const res = await gql(app, getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, inputValueDeprecation: true }))
    expect(res.body.errors).toBeUndefined()
  })
})

describe('cost', () => {
  it('multiplies page sizes and refuses a query over budget before running it', async () => {
    const statements: string[] = []
    const own = await buildTestApp({ onQuery: (s) => statements.push(s) })
    try {
      statements.length = 0
      const res = await gql(own, '{ categories(first: 100) { edges { node { articles(first: 100) { edges { node { title authors { name } } } } } } } }')
      expect(codes(res)).toEqual(['QUERY_TOO_COMPLEX'])
      expect(res.body.errors?.[0]?.extensions).toMatchObject({ limit: limits.cost })
      expect(res.body.errors?.[0]?.extensions?.cost).toBeGreaterThan(limits.cost)
      expect(statements).toEqual([])
    } finally {
      await own.close()
    }
    await data(app, '{ categories(first: 10) { edges { node { articles(first: 10) { edges { node { title authors { name } } } } } } } }')
  })

  it('costs each request with its own variables, though the parsed document is cached', async () => {
    const query = 'query($n: Int!, $m: Int!) { authors(first: $n) { nodes { articles(first: $m) { nodes { title tags { name } categories { name } } } } } }'
    await data(app, query, { n: 5, m: 5 })
    await expectRefused(query, 'QUERY_TOO_COMPLEX', { n: 100, m: 100 })
    await data(app, query, { n: 5, m: 5 })
  })

  it('answers fragment bombs at once', async () => {
    const levels = 30
    const fragments = Array.from({ length: levels }, (_, i) => ['a', 'b', 'c'].map((k) => i === levels - 1
      ? `fragment F${i}${k} on Query { editions { code } }`
      : `fragment F${i}${k} on Query { ...F${i + 1}a ...F${i + 1}b ...F${i + 1}c }`).join('\n')).join('\n')
    const started = Date.now()
    const res = await gql(app, `{ ...F0a ...F0b ...F0c }\n${fragments}`)
    expect(Date.now() - started).toBeLessThan(2000)
    expect(res.status).toBe(200)
    expect(codes(res)).toEqual(['QUERY_TOO_COMPLEX'])
    const same = `{ ...G ...G ...G editions { code } }\nfragment G on Query { editions { code } }`
    expect((await data(app, same)).editions).toHaveLength(4)
  })
})

describe('page size', () => {
  it(`refuses first/last over ${100}, in literals and in variables, before running anything`, async () => {
    await expectRefused('{ articles(first: 101) { totalCount } }', 'BAD_USER_INPUT')
    await expectRefused('query($n: Int) { tags(first: $n) { totalCount } }', 'BAD_USER_INPUT', { n: 1000 })
    const cursor = (await data(app, '{ articles(first: 1) { pageInfo { endCursor } } }')).articles.pageInfo.endCursor
    await expectRefused(`{ articles(last: 500, before: "${cursor as string}") { totalCount } }`, 'BAD_USER_INPUT')
    const res = await gql(app, '{ articles(first: 101) { totalCount } }')
    expect(res.body.errors?.[0]?.message).toBe('"first" must be between 1 and 100.')
  })
})

describe('aliases', () => {
  const aliased = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `e${i}: editions { code }`).join(' ')} }`
  it(`allows ${limits.aliases} aliases and refuses more`, async () => {
    expect(Object.keys(await data(app, aliased(limits.aliases)))).toHaveLength(limits.aliases)
    const res = await expectRefused(aliased(limits.aliases + 1), 'TOO_MANY_ALIASES')
    expect(res.body.errors?.[0]?.message).toBe(`The document uses more than ${limits.aliases} aliases.`)
  })
})

describe('batched operations', () => {
  const batch = (operations: Array<{ query: string, variables?: Record<string, unknown> }>) => app.inject({
    method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(operations)
  })

  it('runs a batch and answers each operation in order', async () => {
    const res = await batch([{ query: '{ editions { code } }' }, { query: '{ edition(code: "ar") { direction } }' }, { query: '{ nope }' }])
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body).toHaveLength(3)
    expect(body[0].data.editions).toHaveLength(4)
    expect(body[1].data.edition.direction).toBe('RTL')
    expect(body[2].errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED')
  })

  it(`refuses more than ${limits.batch} operations`, async () => {
    const res = await batch(Array.from({ length: limits.batch + 1 }, () => ({ query: '{ editions { code } }' })))
    expect(res.statusCode).toBe(400)
    expect(res.json()).toEqual({
      errors: [{
        message: `A batch may hold at most ${limits.batch} operations; this one has ${limits.batch + 1}.`,
        extensions: { code: 'TOO_MANY_OPERATIONS', limit: limits.batch, operations: limits.batch + 1 }
      }]
    })
    expect((await batch(Array.from({ length: limits.batch }, () => ({ query: '{ editions { code } }' })))).statusCode).toBe(200)
  })

  it('shares one cost budget between the operations of a batch', async () => {
    // about 3,700 each: two fit in the budget, four do not
    const heavy = {
      query: 'query($n: Int) { articles(first: $n) { nodes { authors { avatar { url } } tags { edition { code } } categories { parent { name } } translations { title } featuredMedia { url } } } }',
      variables: { n: 100 }
    }
    const alone = await gql(app, heavy.query, heavy.variables)
    expect(alone.body.errors).toBeUndefined()
    const body = (await batch([heavy, heavy, heavy, heavy])).json()
    const refused = body.filter((r: any) => r.errors?.[0]?.extensions?.code === 'QUERY_TOO_COMPLEX')
    expect(refused).toHaveLength(2)
    expect(body.filter((r: any) => r.data?.articles.nodes.length === 100)).toHaveLength(2)
  })
})

describe('documents mercurius would not parse', () => {
  it('refuses a JSON-encoded AST instead of executing it', async () => {
    const ast = JSON.stringify(parse('{ editions { code } }', { noLocation: true }))
    await expectRefused(ast, 'GRAPHQL_PARSE_FAILED')
    // the same trick used to slip past the depth and token limits
    const deep = JSON.stringify(parse(nestedParents(12)))
    await expectRefused(deep, 'GRAPHQL_PARSE_FAILED')
    // deeper still, the JSON's own nesting is refused before anything reads it (nesting.test.ts)
    const deeper = await gql(app, JSON.stringify(parse(nestedParents(40))))
    expect(deeper.status).toBe(400)
    expect(codes(deeper)).toEqual(['GRAPHQL_NESTING_LIMIT'])
    for (const notADocument of ['1', 'null', '"x"', '[]', '{}', '{"kind":"Document","definitions":[],"loc":{"start":0,"end":1}}']) {
      const res = await gql(app, notADocument)
      expect(res.status).toBe(200)
      expect(codes(res)[0], notADocument).toMatch(/^GRAPHQL_(PARSE|VALIDATION)_FAILED$/)
    }
  })

  it(`stops parsing after ${limits.tokens} tokens`, async () => {
    const huge = `{ ${Array.from({ length: limits.tokens }, () => '__typename').join(' ')} }`
    const res = await expectRefused(huge, 'GRAPHQL_PARSE_FAILED')
    expect(res.body.errors?.[0]?.message).toMatch(/more that 3000 tokens/)
  })

  it('answers syntax errors and unknown fields as GraphQL errors', async () => {
    await expectRefused('{ editions { code }', 'GRAPHQL_PARSE_FAILED')
    await expectRefused('{ editions { nope } }', 'GRAPHQL_VALIDATION_FAILED')
    const mutation = await gql(app, 'mutation { editions { code } }')
    expect(codes(mutation)).toEqual(['GRAPHQL_VALIDATION_FAILED'])
    // the schema has mutations since content management (test/graphql/mutations.test.ts); this one names no mutation field
    expect(mutation.body.errors?.[0]?.message).toBe('Cannot query field "editions" on type "Mutation".')
    await expectRefused('query($n: Int!) { articles(first: $n) { totalCount } }', 'BAD_USER_INPUT', { n: 'ten' })
  })
})

describe('introspection, GraphiQL and CSRF prevention', () => {
  it('switches introspection off by config; __typename still works', async () => {
    const closed = await buildTestApp({ config: { graphqlIntrospection: false } })
    try {
      for (const query of ['{ __schema { types { name } } }', '{ __type(name: "Article") { name } }']) {
        const res = await gql(closed, query)
        expect(new Set(codes(res))).toEqual(new Set(['GRAPHQL_VALIDATION_FAILED']))
        expect(res.body.errors?.[0]?.message).toMatch(/introspection has been disabled/)
      }
      expect(await data(closed, '{ __typename editions { __typename } }')).toMatchObject({ __typename: 'Query' })
    } finally {
      await closed.close()
    }
    expect((await data(app, '{ __schema { queryType { name } } }')).__schema.queryType.name).toBe('Query')
  })

  it('keeps introspection open to requests with an API key while it is closed to the public', async () => {
    const closed = await buildTestApp({ config: { graphqlIntrospection: false } })
    try {
      const query = '{ __schema { queryType { name } } }'
      // the same text first anonymously, then keyed: mercurius' validation cache must not decide for the second
      expect(new Set(codes(await gql(closed, query)))).toEqual(new Set(['GRAPHQL_VALIDATION_FAILED']))
      const keyed = await gql(closed, query, undefined, issueKey(closed, 'preview').auth)
      expect(keyed.body.errors).toBeUndefined()
      expect(keyed.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } })
      expect(new Set(codes(await gql(closed, query)))).toEqual(new Set(['GRAPHQL_VALIDATION_FAILED']))
    } finally {
      await closed.close()
    }
  })

  it('opens introspection when GraphiQL is on: its explorer is built from it', async () => {
    const ide = await buildTestApp({ config: { graphqlIntrospection: false, graphiql: true } })
    try {
      expect((await data(ide, '{ __schema { queryType { name } } }')).__schema.queryType.name).toBe('Query')
    } finally {
      await ide.close()
    }
  })

  it('suggests schema names ("Did you mean …?") only while introspection is on', async () => {
    const probes: Array<[string, Record<string, unknown> | undefined, RegExp, string]> = [
      ['{ articls(first: 1) { totalCount } }', undefined, /^Cannot query field "articls" on type "Query"\.$/, '"articles"'],
      ['{ editions { cod } }', undefined, /^Cannot query field "cod" on type "Edition"\.$/, '"code"'],
      ['{ articles(frist: 1) { totalCount } }', undefined, /^Unknown argument "frist" on field "Query\.articles"\.$/, '"first"'],
      ['query($x: Strin) { __typename }', undefined, /^Unknown type "Strin"\.$/, '"String"'],
      ['mutation($input: CreateTagInput!) { createTag(input: $input) { id } }', { input: { edition: 'en', name: 'x', nme: 'x' } }, /Field "nme" is not defined by type "CreateTagInput"\.$/, '"name"']
    ]
    const closed = await buildTestApp({ config: { graphqlIntrospection: false } })
    try {
      for (const [query, variables, bare, suggested] of probes) {
        const open = (await gql(app, query, variables)).body.errors?.map((e) => e.message) ?? []
        expect(open.join('\n')).toMatch(/Did you mean/)
        expect(open.join('\n')).toContain(suggested)
        const hidden = (await gql(closed, query, variables)).body.errors?.map((e) => e.message) ?? []
        expect(hidden.length).toBeGreaterThan(0)
        expect(hidden.some((m) => bare.test(m)), hidden.join('\n')).toBe(true)
        expect(hidden.join('\n')).not.toMatch(/Did you mean/)
        expect(hidden.join('\n')).not.toContain(suggested)
      }
    } finally {
      await closed.close()
    }
  })

  it('serves GraphiQL at /graphiql only when enabled', async () => {
    expect((await app.inject({ method: 'GET', url: '/graphiql' })).statusCode).toBe(404)
    const ide = await buildTestApp({ config: { graphiql: true } })
    try {
      const res = await ide.inject({ method: 'GET', url: '/graphiql' })
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toMatch(/^text\/html/)
    } finally {
      await ide.close()
    }
  })

  it('refuses simple (preflight-free) POSTs: form posts and text/plain', async () => {
    for (const [headers, payload] of [
      [{ 'content-type': 'text/plain' }, JSON.stringify({ query: '{ editions { code } }' })],
      [{ 'content-type': 'application/x-www-form-urlencoded' }, 'query=%7B%20editions%20%7B%20code%20%7D%20%7D'],
      [{ 'content-type': 'multipart/form-data; boundary=x' }, '--x--']
    ] as const) {
      const res = await app.inject({ method: 'POST', url: '/graphql', headers, payload })
      expect(res.statusCode).toBe(400)
      expect(res.json().errors[0].extensions.code).toBe('BAD_REQUEST')
      expect(res.json().errors[0].message).toMatch(/Cross-Site Request Forgery/)
    }
  })

  it('runs GET queries without a preflight header (no cookies: a forged GET carries no credentials), but never mutations', async () => {
    const res = await app.inject({ method: 'GET', url: '/graphql?query=%7B%20editions%20%7B%20code%20%7D%20%7D' })
    expect(res.statusCode).toBe(200)
    expect(res.json().data.editions.length).toBeGreaterThan(0)
    const mutation = await app.inject({ method: 'GET', url: `/graphql?query=${encodeURIComponent('mutation { deleteTag(id: "VGFnOjE=") { __typename } }')}` })
    expect(mutation.statusCode).toBe(405)
    expect(mutation.json().errors[0].extensions.code).toBe('METHOD_NOT_ALLOWED')
  })

  it('answers malformed requests with 4xx GraphQL errors, never 500', async () => {
    const cases: Array<[string, string, number]> = [
      ['application/json', '{"query": ', 400],
      ['application/json', '{"query": 42}', 400],
      ['application/json', '{"query": "{ editions { code } }", "variables": "x"}', 400],
      ['application/json', '{}', 400],
      ['application/json', JSON.stringify({ query: `{ editions { code } } #${'x'.repeat(70_000)}` }), 413]
    ]
    for (const [type, payload, status] of cases) {
      const res = await app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': type }, payload })
      expect(res.statusCode, payload.slice(0, 40)).toBe(status)
      expect(res.json().errors[0].extensions.code).toMatch(/^(BAD_REQUEST|PAYLOAD_TOO_LARGE)$/)
    }
  })
})

describe('GET and automatic persisted queries', () => {
  const query = '{ editions { code } }'
  const sha256 = createHash('sha256').update(query).digest('hex')
  const persisted = (hash: string) => encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }))
  const preflight = { 'mercurius-require-preflight': 'true' }

  it('runs queries over GET with public cache headers', async () => {
    const url = `/graphql?query=${encodeURIComponent('query($c: String!) { edition(code: $c) { code } }')}&variables=${encodeURIComponent('{"c":"fa"}')}`
    const res = await app.inject({ method: 'GET', url, headers: preflight })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ data: { edition: { code: 'fa' } } })
    expect(res.headers['cache-control']).toMatch(/^public, /)
    expect(res.headers.etag).toBeDefined()
    const again = await app.inject({ method: 'GET', url, headers: { ...preflight, 'if-none-match': res.headers.etag as string } })
    expect(again.statusCode).toBe(304)
  })

  it('does not let caches keep GET responses that carry errors', async () => {
    const res = await app.inject({ method: 'GET', url: `/graphql?query=${encodeURIComponent('{ edition(code: "xx") { code } }')}`, headers: preflight })
    expect(res.json().errors[0].extensions.code).toBe('NOT_FOUND')
    expect(res.headers['cache-control']).toBe('no-store')
  })

  it('registers a query by hash, then serves it by hash over GET', async () => {
    const miss = await app.inject({ method: 'GET', url: `/graphql?extensions=${persisted(sha256)}`, headers: preflight })
    expect(miss.statusCode).toBe(400)
    expect(miss.json()).toEqual({ errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] })

    const register = await gql(app, query, undefined, {})
    expect(register.status).toBe(200)
    const withHash = await app.inject({
      method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash: sha256 } } })
    })
    expect(withHash.statusCode).toBe(200)

    const hit = await app.inject({ method: 'GET', url: `/graphql?extensions=${persisted(sha256)}`, headers: preflight })
    expect(hit.statusCode).toBe(200)
    expect(hit.json()).toEqual({ data: { editions: [{ code: 'en' }, { code: 'ar' }, { code: 'fa' }, { code: 'sq' }] } })
    expect(hit.headers['cache-control']).toMatch(/^public, /)

    const wrong = await app.inject({
      method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ query: '{ editions { name } }', extensions: { persistedQuery: { version: 1, sha256Hash: sha256 } } })
    })
    expect(wrong.statusCode).toBe(400)
    expect(wrong.json().errors[0].extensions.code).toBe('BAD_REQUEST')
  })
})
