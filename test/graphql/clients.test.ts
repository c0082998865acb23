import { ApolloClient, HttpLink, InMemoryCache, gql as apolloGql } from '@apollo/client/core'
import { Client as UrqlClient, fetchExchange, gql as urqlGql } from '@urql/core'
import { GraphQLClient, gql as requestGql } from 'graphql-request'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { schemaPath } from '../../src/graphql/plugin.js'
import { buildTestApp, type TestApp } from '../helpers/app.js'
import { issueKey } from '../helpers/keys.js'

// The GraphQL clients Quire's users already use, against a real listening server, each with its
// default transport and with GET where it offers one (docs/graphql.md, "Clients").

let app: TestApp
let endpoint: string
const methods: string[] = []

beforeAll(async () => {
  app = await buildTestApp({ config: { graphqlIntrospection: false } })
  app.addHook('onRequest', async (request) => { if (request.url.startsWith('/graphql')) methods.push(request.method) })
  endpoint = `${await app.listen({ port: 0, host: '127.0.0.1' })}/graphql`
})
afterAll(async () => { await app.close() })

/** The HTTP methods the server saw while `run` ran. */
async function methodsDuring (run: () => Promise<void>): Promise<string[]> {
  methods.length = 0
  await run()
  return [...methods]
}

const editionsQuery = 'query Editions { editions { code name } }'
const editionQuery = 'query Edition($code: String!) { edition(code: $code) { code direction } }'

describe('Apollo Client (@apollo/client/core)', () => {
  for (const useGETForQueries of [false, true]) {
    it(`runs queries over ${useGETForQueries ? 'GET' : 'POST'}`, async () => {
      const client = new ApolloClient({ link: new HttpLink({ uri: endpoint, useGETForQueries }), cache: new InMemoryCache(), defaultOptions: { query: { fetchPolicy: 'no-cache' } } })
      const seen = await methodsDuring(async () => {
        const list = await client.query({ query: apolloGql(editionsQuery) })
        expect(list.data.editions.map((e: { code: string }) => e.code)).toEqual(['en', 'ar', 'fa', 'sq'])
        const one = await client.query({ query: apolloGql(editionQuery), variables: { code: 'fa' } })
        expect(one.data.edition).toMatchObject({ code: 'fa', direction: 'RTL' })
      })
      expect(seen).toEqual(useGETForQueries ? ['GET', 'GET'] : ['POST', 'POST'])
    })
  }

  it('receives errors as ApolloError with the extension code', async () => {
    const client = new ApolloClient({ link: new HttpLink({ uri: endpoint }), cache: new InMemoryCache() })
    const refused = await client.query({ query: apolloGql('{ edition(code: "xx") { code } }'), fetchPolicy: 'no-cache' }).catch((error: unknown) => error)
    expect((refused as { graphQLErrors: Array<{ extensions: { code: string } }> }).graphQLErrors[0]?.extensions.code).toBe('NOT_FOUND')
  })
})

describe('urql (@urql/core)', () => {
  for (const preferGetMethod of [false, true] as const) {
    it(`runs queries with preferGetMethod: ${String(preferGetMethod)}, no preflight header needed`, async () => {
      const client = new UrqlClient({ url: endpoint, exchanges: [fetchExchange], preferGetMethod, requestPolicy: 'network-only' })
      const seen = await methodsDuring(async () => {
        const result = await client.query(urqlGql(editionQuery), { code: 'ar' }).toPromise()
        expect(result.error).toBeUndefined()
        expect(result.data.edition).toEqual({ code: 'ar', direction: 'RTL' })
      })
      expect(seen).toEqual([preferGetMethod ? 'GET' : 'POST'])
    })
  }
})

describe('graphql-request', () => {
  for (const method of ['POST', 'GET'] as const) {
    it(`runs queries over ${method}`, async () => {
      const client = new GraphQLClient(endpoint, { method })
      const seen = await methodsDuring(async () => {
        const result = await client.request<{ edition: { code: string } }>(requestGql`query Edition($code: String!) { edition(code: $code) { code } }`, { code: 'sq' })
        expect(result.edition.code).toBe('sq')
      })
      expect(seen).toEqual([method])
    })
  }

  it('runs introspection with an API key while it is closed to the public', async () => {
    const probe = '{ __schema { queryType { name } } }'
    await expect(new GraphQLClient(endpoint).request(probe)).rejects.toThrow(/introspection has been disabled/)
    const keyed = new GraphQLClient(endpoint, { headers: issueKey(app, 'preview').auth })
    expect(await keyed.request(probe)).toEqual({ __schema: { queryType: { name: 'Query' } } })
  })
})

describe('the SDL at /graphql/schema.graphql', () => {
  it('is schema.graphql, with a strong ETag answered by 304, readable without introspection', async () => {
    const url = endpoint.replace(/\/graphql$/, '/graphql/schema.graphql')
    const res = await fetch(url)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    const etag = res.headers.get('etag')
    expect(etag).toMatch(/^"[^"]+"$/)
    const sdl = await res.text()
    expect(sdl).toBe(readFileSync(schemaPath, 'utf8'))
    expect(sdl).toContain('scalar DateTime @specifiedBy(url: "https://scalars.graphql.org/andimarek/date-time")')
    const again = await fetch(url, { headers: { 'if-none-match': etag ?? '' } })
    expect(again.status).toBe(304)
    expect(again.headers.get('etag')).toBe(etag)
  })
})
