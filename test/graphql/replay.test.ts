import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { expect } from 'vitest'
import { test } from '../helpers/app.js'
import { createDraft, edit, publish, uniqueTitle } from '../helpers/content.js'

/*
 * Public GraphQL queries sent by POST are replayed from the response cache under the surrogate keys
 * their resolvers named, exactly like REST GETs (http/caching.ts): a write that touches one of those
 * keys makes the next answer fresh, a write the public cannot see (a draft) or one in another edition
 * does not. Runs in both vitest projects, so on graphql-js and on compiled documents.
 */

const statements: string[] = []
test.override('appOptions', { onQuery: (sql: string) => { statements.push(sql) } })

const listQuery = 'query Newest($edition: String!, $first: Int) { articles(filter: { edition: $edition }, first: $first) { totalCount edges { node { databaseId title authors { name } } } } }'
const post = (variables: Record<string, unknown>, headers: Record<string, string> = {}, query = listQuery) => ({
  method: 'POST' as const,
  url: '/graphql',
  headers: { 'content-type': 'application/json', ...headers },
  payload: JSON.stringify({ query, variables })
})

test('replays a repeated POST query from the cache without touching the database', async ({ app }) => {
  const first = await app.inject(post({ edition: 'sq', first: 4 }))
  expect(first.statusCode).toBe(200)
  expect(first.headers['x-cache']).toBe('MISS')
  expect(first.json().data.articles.edges).toHaveLength(4)

  statements.length = 0
  const again = await app.inject(post({ edition: 'sq', first: 4 }))
  expect(again.headers['x-cache']).toBe('HIT')
  expect(again.body).toBe(first.body)
  expect(statements).toEqual([])

  // the same variables in another order are the same request
  const reordered = await app.inject({ ...post({}), payload: `{"variables":{"first":4,"edition":"sq"},"query":${JSON.stringify(listQuery)}}` })
  expect(reordered.headers['x-cache']).toBe('HIT')
  expect(reordered.body).toBe(first.body)

  // other variables are another answer
  const other = await app.inject(post({ edition: 'sq', first: 2 }))
  expect(other.headers['x-cache']).toBe('MISS')
  expect(other.json().data.articles.edges).toHaveLength(2)
})

test('a published edit the query shows makes the next answer fresh; a draft save or another edition\'s write does not', async ({ app, keys }) => {
  const editor = keys.editor
  const vars = { edition: 'ar', first: 3 }
  await app.inject(post(vars))
  expect((await app.inject(post(vars))).headers['x-cache']).toBe('HIT')

  // a draft in the same edition: invisible to the public, touches no public key
  const draft = await createDraft(app, editor, 'articles', { edition: 'ar' })
  await edit(app, editor, draft, { title: uniqueTitle('Autosaved') })
  expect((await app.inject(post(vars))).headers['x-cache'], 'a draft save changes nothing public').toBe('HIT')

  // an edit of a published article of another edition touches that article and its edition's lists
  const elsewhere = (await app.inject('/v1/articles?edition=sq&limit=1')).json().data[0].id as number
  await edit(app, editor, elsewhere, { title: uniqueTitle('Elsewhere') })
  expect((await app.inject(post(vars))).headers['x-cache'], 'a published edit in another edition').toBe('HIT')

  // the newest article of the edition edited: its key is among the answer's
  const shown = (await app.inject(post(vars))).json().data.articles.edges[0].node.databaseId as number
  const title = uniqueTitle('Corrected')
  await edit(app, editor, shown, { title })
  const after = await app.inject(post(vars))
  expect(after.headers['x-cache']).toBe('MISS')
  expect(after.json().data.articles.edges[0].node.title).toBe(title)
  expect((await app.inject(post(vars))).headers['x-cache']).toBe('HIT')

  // a publication in the edition changes the list itself
  const fresh = uniqueTitle('Breaking')
  await edit(app, editor, draft, { title: fresh })
  await publish(app, editor, draft)
  const published = await app.inject(post(vars))
  expect(published.headers['x-cache']).toBe('MISS')
  expect(published.json().data.articles.edges[0].node.title).toBe(fresh)
})

test('never caches an authenticated request, a mutation, or an answer with errors', async ({ app, keys }) => {
  const vars = { edition: 'fa', first: 2 }
  for (let i = 0; i < 2; i++) {
    const keyed = await app.inject(post(vars, keys.editor.auth))
    expect(keyed.statusCode).toBe(200)
    expect(keyed.headers['x-cache']).toBeUndefined()
  }
  const mutation = 'mutation { deleteArticle(id: "QXJ0aWNsZTox") { databaseId } }'
  for (let i = 0; i < 2; i++) {
    const res = await app.inject(post({}, {}, mutation))
    expect(res.headers['x-cache']).toBeUndefined()
    expect(res.json().errors[0].extensions.code).toBe('UNAUTHENTICATED')
  }
  for (let i = 0; i < 2; i++) {
    const res = await app.inject(post({ edition: 'fa', first: 500 }))
    expect(res.headers['x-cache']).toBeUndefined()
    expect(res.json().errors[0].extensions.code).toBe('BAD_USER_INPUT')
  }
})

test('a replayed POST answer is sent compressed, as its render would be', async ({ app }) => {
  const first = await app.inject(post({ edition: 'en', first: 10 }))
  expect(first.rawPayload.length).toBeGreaterThan(1024)
  for (const coding of ['gzip', 'gzip', 'br'] as const) {
    const hit = await app.inject(post({ edition: 'en', first: 10 }, { 'accept-encoding': coding }))
    expect(hit.headers['x-cache']).toBe('HIT')
    expect(hit.headers['content-encoding']).toBe(coding)
    expect(Number(hit.headers['content-length'])).toBe(hit.rawPayload.length)
    expect((coding === 'gzip' ? gunzipSync : brotliDecompressSync)(hit.rawPayload).toString()).toBe(first.body)
  }
})
