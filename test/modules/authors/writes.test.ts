import { describe, expect, it } from 'vitest'
import { uniqueTitle } from '../../helpers/content.js'
import { codes, gql } from '../../helpers/graphql.js'
import { useWriteContext } from '../../helpers/write-context.js'
import { toGlobalId } from '../../../src/graphql/global-id.js'

const context = useWriteContext()

const count = (table: string) => (context.sql.prepare(`select count(*) n from ${table}`).get() as { n: number }).n
const counts = () => [count('authors'), count('changes')]
const create = (payload: unknown, key = context.keys.editor) => context.app.inject({ method: 'POST', url: '/v1/authors', headers: key.auth, payload: payload as object })
const patch = (id: number, payload: unknown, headers: Record<string, string> = {}) =>
  context.app.inject({ method: 'PATCH', url: `/v1/authors/${id}`, headers: { ...context.keys.editor.auth, ...headers }, payload: payload as object })
const createdId = async (payload: Record<string, unknown>): Promise<number> => {
  const res = await create(payload)
  expect(res.statusCode, res.body).toBe(201)
  return res.json().data.id as number
}
const row = (id: number) => context.sql.prepare('select slug, name, bio, avatar_media_id avatar, version from authors where id = ?').get(id) as
  { slug: string, name: string, bio: string | null, avatar: number | null, version: number } | undefined
const anyMedia = () => (context.sql.prepare('select id from media order by id limit 1').get() as { id: number }).id

describe('author writes over REST', () => {
  it('creates with a generated slug, unique across editions, with Location and the version ETag', async () => {
    const avatar = anyMedia()
    const res = await create({ name: 'Zoë Martín', bio: 'Writes about rivers.', avatarMediaId: avatar })
    expect(res.statusCode).toBe(201)
    const author = res.json().data
    expect(author).toMatchObject({ slug: 'zoe-martin', name: 'Zoë Martín', bio: 'Writes about rivers.', avatar: { id: avatar }, version: 1 })
    expect(res.headers.location).toBe(`http://quire.test/v1/authors/${author.id}`)
    expect(res.headers.etag).toBe('"v1"')
    expect(row(author.id)).toEqual({ slug: 'zoe-martin', name: 'Zoë Martín', bio: 'Writes about rivers.', avatar, version: 1 })
    const publicRead = await context.app.inject({ url: '/v1/authors/by-slug/zoe-martin' })
    const { version: _version, ...publicView } = author
    expect(publicRead.json().data).toEqual(publicView)
    expect(context.sql.prepare("select action, key_id k from changes where entity_type = 'author' and entity_id = ?").all(author.id)).toEqual([{ action: 'created', k: context.keys.editor.id }])
    const again = await create({ name: 'Zoe Martin' })
    expect(again.json().data.slug).toBe('zoe-martin-2')
    const arabic = await create({ name: 'ليلى حسن' })
    expect(arabic.json().data.slug).toBe('ليلى-حسن')
  })

  it('updates with If-Match; a stale version is a 412 and changes nothing; null clears bio and avatar', async () => {
    const id = await createdId({ name: uniqueTitle('Author'), bio: 'Short bio', avatarMediaId: anyMedia() })
    const ok = await patch(id, { bio: null, avatarMediaId: null }, { 'if-match': '"v1"' })
    expect(ok.statusCode).toBe(200)
    expect(ok.json().data).toMatchObject({ bio: null, avatar: null, version: 2 })
    expect(ok.headers.etag).toBe('"v2"')
    const stale = await patch(id, { name: 'Lost update' }, { 'if-match': '"v1"' })
    expect(stale.statusCode).toBe(412)
    expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(row(id)).toMatchObject({ bio: null, avatar: null, version: 2 })
    const withKey = await context.app.inject({ url: `/v1/authors/${id}`, headers: context.keys.preview.auth })
    expect(withKey.headers.etag).toBe('"v2"')
    expect(withKey.json().data.version).toBe(2)
  })

  it.each([
    ['an unknown property', { name: 'X', email: 'x@example.org' }, 400],
    ['a server-owned id', { name: 'X', id: 5 }, 400],
    ['a server-owned version', { name: 'X', version: 2 }, 400],
    ['a server-owned timestamp', { name: 'X', updatedAt: '2026-01-01T00:00:00Z' }, 400],
    ['an embedded avatar instead of its id', { name: 'X', avatar: { id: 1 } }, 400],
    ['an empty name', { name: '' }, 400],
    ['a blank name', { name: '  ' }, 400],
    ['a missing name', { bio: 'X' }, 400],
    ['a number for the bio', { name: 'X', bio: 5 }, 400],
    ['a string avatar id', { name: 'X', avatarMediaId: '1' }, 400],
    ['a slug with a space', { name: 'X', slug: 'a b' }, 400],
    ['a missing avatar', { name: 'X', avatarMediaId: 999999 }, 400],
    ['a slug another author has', { name: 'X', slug: 'SEED' }, 409]
  ])('refuses %s with problem+json and creates nothing', async (_what, payload, status) => {
    const body = { ...payload } as Record<string, unknown>
    if (body.slug === 'SEED') body.slug = (context.sql.prepare('select slug from authors order by id limit 1').get() as { slug: string }).slug
    const before = counts()
    const res = await create(body)
    expect(res.statusCode, res.body).toBe(status)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.json()).toMatchObject({ status })
    expect(counts()).toEqual(before)
  })

  it('names the avatar field when the media item is missing, and refuses a taken slug on update', async () => {
    const id = await createdId({ name: uniqueTitle('Author') })
    const missing = await patch(id, { avatarMediaId: 999999 })
    expect(missing.statusCode).toBe(400)
    expect(missing.json().errors).toEqual([{ name: 'body.avatarMediaId', reason: 'media 999999 does not exist' }])
    const taken = (context.sql.prepare('select slug from authors where id <> ? order by id limit 1').get(id) as { slug: string }).slug
    expect((await patch(id, { slug: taken })).statusCode).toBe(409)
    expect(row(id)!.version).toBe(1)
    expect((await patch(999999, { name: 'X' })).statusCode).toBe(404)
    expect((await patch(id, {})).statusCode).toBe(400)
  })

  it('refuses to delete an author on a byline, saying how many; deletes one on none', async () => {
    const busy = context.sql.prepare('select author_id a, count(*) n from article_authors group by author_id order by author_id limit 1').get() as { a: number, n: number }
    const before = counts()
    const refused = await context.app.inject({ method: 'DELETE', url: `/v1/authors/${busy.a}`, headers: context.keys.editor.auth })
    expect(refused.statusCode).toBe(409)
    expect(refused.json().detail).toContain(`byline of ${busy.n} article`)
    expect(counts()).toEqual(before)

    const id = await createdId({ name: uniqueTitle('Leaving'), avatarMediaId: anyMedia() })
    const res = await context.app.inject({ method: 'DELETE', url: `/v1/authors/${id}`, headers: { ...context.keys.editor.auth, 'if-match': '"v1"' } })
    expect(res.statusCode).toBe(204)
    expect(row(id)).toBeUndefined()
    expect(context.sql.prepare('select count(*) n from media where id = ?').get(anyMedia())).toEqual({ n: 1 })
    const tombstone = context.sql.prepare("select action, summary from changes where entity_type = 'author' and entity_id = ? order by seq desc limit 1").get(id) as { action: string, summary: string }
    expect(tombstone.action).toBe('deleted')
    expect(JSON.parse(tombstone.summary)).toMatchObject({ slug: expect.stringMatching(/^leaving-/), version: 2 })
    expect((await context.app.inject({ url: `/v1/authors/${id}` })).statusCode).toBe(404)
  })
})

describe('author mutations mirror REST', () => {
  const fields = 'id databaseId slug name bio avatar { databaseId } version'
  it('create, update with expectedVersion, stale version, invalid input, delete', async () => {
    const media = anyMedia()
    const created = await gql(context.app, 'mutation($i: CreateAuthorInput!) { createAuthor(input: $i) { ' + fields + ' } }',
      { i: { name: 'GraphQL Author', avatarMediaId: toGlobalId('Media', media) } }, context.keys.editor.auth)
    expect(created.body.errors).toBeUndefined()
    const author = created.body.data.createAuthor
    expect(author).toMatchObject({ slug: 'graphql-author', name: 'GraphQL Author', bio: null, avatar: { databaseId: media }, version: 1 })
    const rest = (await context.app.inject({ url: `/v1/authors/${author.databaseId}`, headers: context.keys.editor.auth })).json().data
    expect({ slug: rest.slug, avatar: rest.avatar.id, version: rest.version }).toEqual({ slug: author.slug, avatar: media, version: 1 })

    const updated = await gql(context.app, 'mutation($id: ID!) { updateAuthor(id: $id, input: { bio: "New bio", avatarMediaId: null }, expectedVersion: 1) { ' + fields + ' } }', { id: author.id }, context.keys.editor.auth)
    expect(updated.body.data.updateAuthor).toMatchObject({ bio: 'New bio', avatar: null, version: 2 })
    const stale = await gql(context.app, 'mutation($id: ID!) { updateAuthor(id: $id, input: { name: "Lost" }, expectedVersion: 1) { version } }', { id: author.id }, context.keys.editor.auth)
    expect(codes(stale)).toEqual(['PRECONDITION_FAILED'])
    const invalid = await gql(context.app, 'mutation { createAuthor(input: { name: "" }) { id } }', {}, context.keys.editor.auth)
    expect(codes(invalid)).toEqual(['BAD_USER_INPUT'])
    const forbidden = await gql(context.app, 'mutation { createAuthor(input: { name: "Not allowed" }) { id } }', {}, context.keys.author.auth)
    expect(codes(forbidden)).toEqual(['FORBIDDEN'])
    const deleted = await gql(context.app, 'mutation($id: ID!) { deleteAuthor(id: $id, expectedVersion: 2) { deletedId databaseId } }', { id: author.id }, context.keys.editor.auth)
    expect(deleted.body.data.deleteAuthor).toEqual({ deletedId: author.id, databaseId: author.databaseId })
    expect(row(author.databaseId)).toBeUndefined()
  })
})
