import { describe, expect, it } from 'vitest'
import { uniqueTitle } from '../helpers/content.js'
import { useWriteContext } from '../helpers/write-context.js'

/*
 * REQUIRE_IF_MATCH=true: every write to an existing versioned resource must name the version it is
 * based on. Without If-Match it is a 428 that changes nothing; with the current ETag (or `*`, a
 * deliberate "whatever is there") it goes through. Creates are exempt: there is no version yet.
 */
const context = useWriteContext({ config: { requireIfMatch: true } })
const admin = () => context.keys.admin.auth

let counter = 0
const unique = (what: string) => `${what}-${++counter}-${Math.random().toString(36).slice(2, 6)}`

async function create (collection: string, payload: Record<string, unknown>): Promise<string> {
  // a create without If-Match is fine: nothing to conflict with
  const res = await context.app.inject({ method: 'POST', url: `/v1/${collection}`, headers: admin(), payload })
  expect(res.statusCode, res.body).toBe(201)
  return new URL(res.headers.location as string).pathname
}

async function act (url: string, action: string, payload: Record<string, unknown> = {}): Promise<void> {
  const res = await context.app.inject({ method: 'POST', url: `${url}/${action}`, headers: { ...admin(), 'if-match': '*' }, payload })
  expect(res.statusCode, res.body).toBe(200)
}

/** The resource's current ETag, as an editor's read returns it. */
async function etagOf (url: string): Promise<string> {
  const res = await context.app.inject({ url, headers: admin() })
  expect(res.statusCode, res.body).toBe(200)
  return res.headers.etag as string
}

const article = () => create('articles', { edition: 'en', title: uniqueTitle('If-Match') })
const page = () => create('pages', { edition: 'en', title: uniqueTitle('If-Match page') })
const published = (make: () => Promise<string>) => async () => { const url = await make(); await act(url, 'publish'); return url }

interface Row { method: 'PATCH' | 'DELETE' | 'POST', prepare: () => Promise<string>, suffix?: string, payload?: Record<string, unknown>, ok: number }

const rows: Array<[string, Row]> = [
  ['PATCH article', { method: 'PATCH', prepare: article, payload: { title: 'Changed' }, ok: 200 }],
  ['DELETE article', { method: 'DELETE', prepare: article, ok: 204 }],
  ['publish article', { method: 'POST', prepare: article, suffix: '/publish', ok: 200 }],
  ['unpublish article', { method: 'POST', prepare: published(article), suffix: '/unpublish', ok: 200 }],
  ['archive article', { method: 'POST', prepare: published(article), suffix: '/archive', ok: 200 }],
  ['restore article revision', { method: 'POST', prepare: article, suffix: '/revisions/1/restore', ok: 200 }],
  ['PATCH page', { method: 'PATCH', prepare: page, payload: { title: 'Changed' }, ok: 200 }],
  ['DELETE page', { method: 'DELETE', prepare: page, ok: 204 }],
  ['publish page', { method: 'POST', prepare: page, suffix: '/publish', ok: 200 }],
  ['PATCH tag', { method: 'PATCH', prepare: () => create('tags', { edition: 'en', name: unique('tag') }), payload: { name: 'Renamed' }, ok: 200 }],
  ['DELETE tag', { method: 'DELETE', prepare: () => create('tags', { edition: 'en', name: unique('tag') }), ok: 204 }],
  ['PATCH category', { method: 'PATCH', prepare: () => create('categories', { edition: 'en', name: unique('category') }), payload: { name: 'Renamed' }, ok: 200 }],
  ['DELETE category', { method: 'DELETE', prepare: () => create('categories', { edition: 'en', name: unique('category') }), ok: 204 }],
  ['PATCH author', { method: 'PATCH', prepare: () => create('authors', { name: unique('Author') }), payload: { name: 'Renamed' }, ok: 200 }],
  ['DELETE author', { method: 'DELETE', prepare: () => create('authors', { name: unique('Author') }), ok: 204 }],
  ['PATCH media', { method: 'PATCH', prepare: () => create('media', { kind: 'image', url: `https://cdn.example.org/${unique('m')}.jpg`, mimeType: 'image/jpeg' }), payload: { mimeType: 'image/png' }, ok: 200 }],
  ['DELETE media', { method: 'DELETE', prepare: () => create('media', { kind: 'image', url: `https://cdn.example.org/${unique('m')}.jpg`, mimeType: 'image/jpeg' }), ok: 204 }],
  ['PATCH gallery', { method: 'PATCH', prepare: () => create('galleries', { edition: 'en', title: unique('Gallery') }), payload: { title: 'Changed' }, ok: 200 }],
  ['DELETE gallery', { method: 'DELETE', prepare: () => create('galleries', { edition: 'en', title: unique('Gallery') }), ok: 204 }],
  ['PATCH menu', { method: 'PATCH', prepare: () => create('menus', { edition: 'en', location: unique('loc'), name: 'Menu' }), payload: { name: 'Changed' }, ok: 200 }],
  ['DELETE menu', { method: 'DELETE', prepare: () => create('menus', { edition: 'en', location: unique('loc'), name: 'Menu' }), ok: 204 }],
  ['PATCH edition', { method: 'PATCH', prepare: () => create('editions', { code: 'de', name: 'German', nativeName: 'Deutsch', direction: 'ltr' }), payload: { name: 'Deutsch (DE)' }, ok: 200 }],
  ['PATCH settings', { method: 'PATCH', prepare: async () => '/v1/editions/en/settings', payload: { tagline: 'Changed with If-Match' }, ok: 200 }],
  ['DELETE edition', { method: 'DELETE', prepare: async () => '/v1/editions/de', ok: 204 }],
  ['PATCH webhook', { method: 'PATCH', prepare: () => create('webhooks', { url: 'http://127.0.0.1:9/hook', events: ['*'] }), payload: { description: 'Changed' }, ok: 200 }],
  ['DELETE webhook', { method: 'DELETE', prepare: () => create('webhooks', { url: 'http://127.0.0.1:9/hook', events: ['*'] }), ok: 204 }]
]

describe('REQUIRE_IF_MATCH=true', () => {
  it.each(rows)('%s: 428 without If-Match and nothing changes; the current ETag goes through', async (_name, row) => {
    const url = await row.prepare()
    const etag = await etagOf(url)
    const send = (headers: Record<string, string>) => context.app.inject({
      method: row.method, url: `${url}${row.suffix ?? ''}`, headers: { ...admin(), ...headers }, ...(row.payload !== undefined ? { payload: row.payload } : {})
    })

    const refused = await send({})
    expect(refused.statusCode, refused.body).toBe(428)
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(refused.json()).toMatchObject({ type: 'http://quire.test/problems/precondition-required', title: 'Precondition Required', status: 428, detail: expect.stringMatching(/If-Match/) })
    expect(await etagOf(url)).toBe(etag)

    const accepted = await send({ 'if-match': etag })
    expect(accepted.statusCode, accepted.body).toBe(row.ok)
  })

  it('accepts If-Match: * as a deliberate unconditional write, and still refuses a stale ETag with 412', async () => {
    const url = await article()
    expect((await context.app.inject({ method: 'PATCH', url, headers: { ...admin(), 'if-match': '*' }, payload: { title: 'Any version' } })).statusCode).toBe(200)
    expect((await context.app.inject({ method: 'PATCH', url, headers: { ...admin(), 'if-match': '"v1"' }, payload: { title: 'Stale' } })).statusCode).toBe(412)
  })

  it('answers what comes first: 401 without a key, 404 for a missing resource, before asking for If-Match', async () => {
    const url = await article()
    expect((await context.app.inject({ method: 'PATCH', url, payload: { title: 'x' } })).statusCode).toBe(401)
    expect((await context.app.inject({ method: 'DELETE', url: '/v1/tags/999999', headers: admin() })).statusCode).toBe(404)
    expect((await context.app.inject({ method: 'PATCH', url, headers: context.keys.preview.auth, payload: { title: 'x' } })).statusCode).toBe(403)
  })

  it('applies the same rule to GraphQL mutations: PRECONDITION_REQUIRED without expectedVersion, creates exempt', async () => {
    const gql = async (query: string, variables: Record<string, unknown>) => (await context.app.inject({
      method: 'POST', url: '/graphql', headers: { ...admin(), 'content-type': 'application/json' }, payload: JSON.stringify({ query, variables })
    })).json() as { data: Record<string, { id: string, version: number }> | null, errors?: Array<{ message: string, extensions: { code: string } }> }

    const created = await gql('mutation($input: CreateTagInput!) { createTag(input: $input) { id version } }', { input: { edition: 'en', name: unique('gql-tag') } })
    expect(created.errors).toBeUndefined()
    const { id, version } = created.data!.createTag!

    for (const [query, variables] of [
      ['mutation($id: ID!) { updateTag(id: $id, input: { name: "Renamed" }) { version } }', { id }],
      ['mutation($id: ID!) { deleteTag(id: $id) { databaseId } }', { id }],
      ['mutation($id: ID!) { updateTag(id: $id, input: { name: "Renamed" }, expectedVersion: null) { version } }', { id }]
    ] as const) {
      const refused = await gql(query, variables)
      expect(refused.errors?.[0]?.extensions.code).toBe('PRECONDITION_REQUIRED')
      expect(refused.errors?.[0]?.message).toMatch(/expectedVersion/)
    }
    const art = await gql('mutation($input: CreateArticleInput!) { createArticle(input: $input) { id version } }', { input: { edition: 'en', title: uniqueTitle('GraphQL If-Match') } })
    expect(art.errors).toBeUndefined()
    const publish = await gql('mutation($id: ID!) { publishArticle(id: $id) { version } }', { id: art.data!.createArticle!.id })
    expect(publish.errors?.[0]?.extensions.code).toBe('PRECONDITION_REQUIRED')
    const settings = await gql('mutation { updateSettings(edition: "en", input: { tagline: "GraphQL" }) { version } }', {})
    expect(settings.errors?.[0]?.extensions.code).toBe('PRECONDITION_REQUIRED')

    const updated = await gql('mutation($id: ID!, $v: Int) { updateTag(id: $id, input: { name: "Renamed" }, expectedVersion: $v) { version } }', { id, v: version })
    expect(updated.errors).toBeUndefined()
    expect(updated.data!.updateTag!.version).toBe(version + 1)
  })
})
