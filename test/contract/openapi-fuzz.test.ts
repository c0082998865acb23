import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { issueKey, type IssuedKey } from '../helpers/keys.js'
import { buildTestApp, type TestApp } from '../helpers/app.js'
import { damaged, headerGarbage, percentEncode, plausible, weirdJson, weirdString, type JsonSchema } from './fuzz-arbitraries.js'

/*
 * Schema-driven fuzzing of every operation the served OpenAPI document lists, plus /graphql:
 * malformed paths, queries, headers and bodies, with and without an admin key. No request may
 * get a 5xx, and every 4xx must be application/problem+json (GraphQL: a JSON `errors` list).
 *
 * The seed is fixed so a failure reproduces; FUZZ_SEED picks another and FUZZ_RUNS sets the runs
 * per operation, for a longer soak:  FUZZ_SEED=$RANDOM FUZZ_RUNS=500 npx vitest run test/contract/openapi-fuzz.test.ts
 */
const seed = Number(process.env.FUZZ_SEED ?? 20261201)
const runs = Number(process.env.FUZZ_RUNS ?? 32)
// a soak takes as long as it takes; the default budget stays within the suite's patience
const perOperationTimeout = Math.max(30_000, runs * 1_000)

interface Parameter { name: string, in: 'path' | 'query' | 'header', required?: boolean, schema: JsonSchema }
interface Operation { method: string, path: string, operationId: string, parameters: Parameter[], body: JsonSchema | null }

interface FuzzRequest {
  method: string
  url: string
  headers: Record<string, string>
  payload?: string
}

// built at collection time, so that each operation of the served document gets a test of its own
const app: TestApp = await buildTestApp()
const admin: IssuedKey = issueKey(app, 'admin', 'fuzz admin')
const doc = (await app.inject('/openapi.json')).json() as {
  paths: Record<string, Record<string, { operationId: string, parameters?: Parameter[], requestBody?: { content: Record<string, { schema: JsonSchema }> } }>>
}
const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({
  method: method.toUpperCase(), path, operationId: op.operationId, parameters: op.parameters ?? [], body: op.requestBody?.content['application/json']?.schema ?? null
})))
afterAll(async () => { await app.close() })

// path parameters: values that exist in the demo data, neighbours of valid ones, and garbage
const pathValues: Record<string, string[]> = {
  id: ['1', '2', '3', '17', '999999', '9999999999999999', '0', '-1', '01', '1.0', '1e0', '+1', '0x1', '１'],
  code: ['en', 'ar', 'fr', 'xx', 'EN', 'en-GB', 'e', 'a'.repeat(40)],
  edition: ['en', 'ar', 'xx', 'EN'],
  slug: ['news', 'politics', 'about', 'a', 'no-such-slug', 'UPPER', 'with space', 'é'],
  location: ['primary', 'footer', 'nowhere'],
  rev: ['1', '2', '0', '999', '1e0'],
  deliveryId: ['1', '0', '999999'],
  n: ['1', '2', '0', '01', '999', '-1']
}

/** `arbitrary` one time in `every`, otherwise null: each kind of damage is rare enough that others still get through. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>, every: number): fc.Arbitrary<T | null> =>
  fc.oneof({ weight: every - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary })

const pathParam = (name: string): fc.Arbitrary<string> => fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...(pathValues[name] ?? ['1'])).map((v) => percentEncode(v)) },
  { weight: 2, arbitrary: weirdString.map((v) => percentEncode(v)) },
  // raw: what a client that does not encode would put there
  { weight: 1, arbitrary: fc.constantFrom('..', '.', '%', '%2F', '%2e%2e', '%00', 'a%2Fb', '%C0%AF', '%E0%80%AF', '%ED%A0%80', '~', '%20') }
)

/** Query values: what the parameter's schema accepts, cursors that look real, or anything. */
function queryValue (parameter: Parameter): fc.Arbitrary<string> {
  const looksLikeCursor = fc.oneof(
    fc.uint8Array({ maxLength: 80 }).map((b) => Buffer.from(b).toString('base64url')),
    weirdJson.map((v) => Buffer.from(JSON.stringify(v) ?? 'null').toString('base64url')),
    fc.tuple(fc.integer(), fc.string()).map(([id, sig]) => `${Buffer.from(JSON.stringify({ k: id, id })).toString('base64url')}.${sig}`)
  )
  return fc.oneof(
    { weight: 3, arbitrary: plausible(parameter.schema).map((v) => Array.isArray(v) ? v.join(',') : String(v)) },
    { weight: 2, arbitrary: weirdString },
    { weight: parameter.name === 'cursor' || parameter.name === 'token' ? 3 : 0, arbitrary: looksLikeCursor },
    { weight: 1, arbitrary: weirdJson.map((v) => JSON.stringify(v) ?? '') }
  )
}

function queryString (operation: Operation): fc.Arbitrary<string> {
  const query = operation.parameters.filter((p) => p.in === 'query')
  const pairs = fc.tuple(
    ...query.map((p) => sometimes(fc.tuple(fc.constant(p.name), queryValue(p), sometimes(fc.constant(true), 5).map((repeat) => repeat !== null)), 2)),
    // unknown parameters, and names that are almost known ones
    sometimes(fc.tuple(fc.oneof(weirdString, fc.constantFrom('limit[]', 'LIMIT', 'cursor ', '__proto__', 'constructor', 'edition[0]')), weirdString, fc.constant(false)), 8)
  ).map((entries) => entries.flatMap((entry) => {
    if (entry === null) return []
    const [name, value, repeated] = entry
    const pair = `${percentEncode(name)}=${percentEncode(value)}`
    return repeated ? [pair, pair] : [pair]
  }))
  return pairs.map((list) => list.length === 0 ? '' : `?${list.join('&')}`)
}

const contentTypes = ['application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/json; charset=utf-16', 'application/problem+json', 'application/merge-patch+json', '']

/** The body: damaged JSON from the schema, broken JSON, or the right JSON under the wrong content type. */
function body (operation: Operation): fc.Arbitrary<{ payload?: string, contentType?: string }> {
  const schema = operation.body ?? {}
  const json = damaged(schema).map((v) => JSON.stringify(v) ?? 'null')
  const broken = fc.oneof(
    fc.constantFrom('{', '{"', '{"title":', '[', '{"a":1}}', 'nul', 'tru', '{"a":1,}', "{'a':1}", '\u0000', '', ' ', '{"__proto__":{"polluted":1}}',
      '{"constructor":{"prototype":{"polluted":1}}}', '['.repeat(5000) + ']'.repeat(5000), '{"a":' + '9'.repeat(500) + '}', '{"a":1e999}', '"\\ud800"', '{"a":"\\u0000"}'),
    fc.string({ unit: 'binary', maxLength: 60 })
  )
  return fc.oneof(
    { weight: operation.body !== null ? 6 : 1, arbitrary: json.map((payload) => ({ payload, contentType: 'application/json' })) },
    { weight: 2, arbitrary: broken.map((payload) => ({ payload, contentType: 'application/json' })) },
    { weight: 1, arbitrary: fc.tuple(json, fc.constantFrom(...contentTypes)).map(([payload, contentType]) => ({ payload, ...(contentType !== '' ? { contentType } : {}) })) },
    { weight: operation.body !== null ? 1 : 3, arbitrary: fc.constant({}) }
  )
}

function headers (operation: Operation): fc.Arbitrary<Record<string, string>> {
  const auth = fc.oneof(
    { weight: 12, arbitrary: fc.constant(admin.auth.authorization) },
    { weight: 4, arbitrary: fc.constant(null) },
    { weight: 2, arbitrary: headerGarbage },
    { weight: 1, arbitrary: fc.constantFrom(`bearer ${admin.token}`, `Bearer ${admin.token} `, `Bearer  ${admin.token}`, `Bearer ${admin.token.slice(0, -1)}`, `Bearer ${admin.token}x`, `Basic ${admin.token}`, admin.token) }
  )
  const ifMatch = sometimes(fc.oneof({ weight: 4, arbitrary: fc.constantFrom('"v1"', '"v2"', '"v3"', '*', 'W/"v1"') }, { weight: 1, arbitrary: headerGarbage }), 2)
  const idempotencyKey = sometimes(fc.oneof(fc.uuid(), headerGarbage), 5)
  const accept = sometimes(fc.constantFrom('application/xml', 'text/html', '*/*', 'application/json;q=0', 'garbage'), 6)
  return fc.tuple(auth, ifMatch, idempotencyKey, accept).map(([authorization, ifMatchValue, key, acceptValue]) => {
    const out: Record<string, string> = {}
    if (authorization !== null) out.authorization = authorization
    if (ifMatchValue !== null) out['if-match'] = ifMatchValue
    if (key !== null) out['idempotency-key'] = key
    if (acceptValue !== null) out.accept = acceptValue
    return out
  })
}

function requests (operation: Operation): fc.Arbitrary<FuzzRequest> {
  const names = [...operation.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!)
  return fc.tuple(fc.tuple(...names.map(pathParam)), queryString(operation), headers(operation), body(operation)).map(([values, query, hdrs, b]) => {
    let url = operation.path
    names.forEach((name, i) => { url = url.replace(`{${name}}`, values[i]!) })
    const request: FuzzRequest = { method: operation.method, url: url + query, headers: { ...hdrs } }
    if (b.contentType !== undefined) request.headers['content-type'] = b.contentType
    if (b.payload !== undefined && operation.method !== 'GET') request.payload = b.payload
    return request
  })
}

const show = (request: FuzzRequest): string =>
  `${request.method} ${request.url}\n${Object.entries(request.headers).map(([k, v]) => `${k}: ${v.length > 200 ? `${v.slice(0, 200)}… (${v.length} chars)` : v}`).join('\n')}` +
  (request.payload !== undefined ? `\n\n${request.payload.length > 500 ? `${request.payload.slice(0, 500)}… (${request.payload.length} chars)` : request.payload}` : '')

let sent = 0

/** Sends one request and checks the two invariants; the thrown message carries the request, for fast-check to print. */
async function check (request: FuzzRequest, graphql = false): Promise<void> {
  // our own key stays usable: revoking it would turn every later request into a 401
  if (request.method === 'DELETE' && request.url.split('?')[0] === `/v1/keys/${admin.id}`) return
  sent++
  const res = await app.inject({ method: request.method as 'GET', url: request.url, headers: request.headers, ...(request.payload !== undefined ? { payload: request.payload } : {}) })
  const fail = (why: string) => { throw new Error(`${why}\n--- request ---\n${show(request)}\n--- response ${res.statusCode} ${String(res.headers['content-type'])} ---\n${res.body.slice(0, 800)}`) }
  if (res.statusCode >= 500) fail(`server error ${res.statusCode}`)
  if (res.statusCode >= 400 && request.method !== 'HEAD') {
    const type = String(res.headers['content-type'] ?? '')
    if (graphql) {
      if (!type.startsWith('application/json')) fail('a GraphQL client error that is not JSON')
      const parsed = JSON.parse(res.body) as { errors?: unknown[] }
      if (!Array.isArray(parsed.errors) || parsed.errors.length === 0) fail('a GraphQL client error without errors[]')
    } else {
      if (!type.startsWith('application/problem+json')) fail('a client error that is not application/problem+json')
      const problem = JSON.parse(res.body) as { status?: number, title?: string }
      if (problem.status !== res.statusCode || typeof problem.title !== 'string') fail('a problem whose status does not match the response')
    }
  }
}

describe('every OpenAPI operation survives malformed requests', () => {
  it('reads the operations from the served document', () => {
    expect(operations.length).toBeGreaterThan(90)
  })

  // each operation its own seed, derived from the run's, so they do not all draw the same sequence
  it.each(operations.map((o, i) => [`${o.method} ${o.path}`, o, i] as const))('%s', { timeout: perOperationTimeout }, async (_name, operation, i) => {
    const before = sent
    await fc.assert(fc.asyncProperty(requests(operation), (request) => check(request)), { seed: seed + i, numRuns: runs, endOnFailure: true })
    expect(sent - before).toBeGreaterThan(0)
  })
})

describe('/graphql survives malformed requests', () => {
  const queries = fc.oneof(
    fc.constantFrom('{', '{ articles { edges { node { id } } } }', 'query { article(id: "x") { title } }', '{ __schema { types { name } } }',
      'query Q($id: ID!) { article(id: $id) { title } }', 'mutation { createArticle(input: {}) { article { id } } }', '{ articles(first: -1) { totalCount } }',
      '{ articles(first: 100000) { totalCount } }', `{ ${'a: __typename '.repeat(500)} }`, '{ node(id: "QXJ0aWNsZTox") { id } }', 'subscription { x }', '#'),
    weirdString
  )
  const graphqlRequests: fc.Arbitrary<FuzzRequest> = fc.tuple(queries, fc.option(weirdJson), fc.option(weirdString), headers({ method: 'POST', path: '/graphql', operationId: 'graphql', parameters: [], body: null }), fc.nat(3))
    .map(([query, variables, operationName, hdrs, shape]) => {
      if (shape === 0) return { method: 'GET', url: `/graphql?query=${percentEncode(query)}${variables !== null ? `&variables=${percentEncode(JSON.stringify(variables) ?? '')}` : ''}`, headers: hdrs }
      // shape 2 swaps the types: a query that is not a string, variables that are not an object
      const payload = shape === 1 ? JSON.stringify({ query, variables, operationName }) : shape === 2 ? JSON.stringify({ query: variables ?? [query], variables: query }) : query
      return { method: 'POST', url: '/graphql', headers: { ...hdrs, 'content-type': shape === 3 ? 'application/graphql' : 'application/json' }, payload }
    })

  it('answers JSON errors, never 5xx', { timeout: perOperationTimeout * 4 }, async () => {
    await fc.assert(fc.asyncProperty(graphqlRequests, (request) => check(request, true)), { seed, numRuns: runs * 10, endOnFailure: true })
  })
})

it('sent thousands of requests in all', () => {
  expect(sent).toBeGreaterThan(operations.length * runs * 0.9)
})
