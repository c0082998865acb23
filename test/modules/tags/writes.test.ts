import { describe, expect, it } from 'vitest'
import { uniqueTitle } from '../../helpers/content.js'
import { codes, gql } from '../../helpers/graphql.js'
import { useWriteContext } from '../../helpers/write-context.js'

const context = useWriteContext()

const tagCount = () => (context.sql.prepare('select count(*) n from tags').get() as { n: number }).n
const changeCount = () => (context.sql.prepare('select count(*) n from changes').get() as { n: number }).n
const create = (payload: unknown, key = context.keys.editor) => context.app.inject({ method: 'POST', url: '/v1/tags', headers: key.auth, payload: payload as object })

describe('tag writes over REST', () => {
  it('creates with a generated slug, Location and the version ETag; the public sees it', async () => {
    const name = uniqueTitle('Élections Tag')
    const res = await create({ edition: 'en', name })
    expect(res.statusCode).toBe(201)
    const tag = res.json().data
    expect(tag).toMatchObject({ edition: 'en', name, version: 1 })
    expect(tag.slug).toMatch(/^elections-tag-/)
    expect(res.headers.location).toBe(`http://quire.test/v1/tags/${tag.id}`)
    expect(res.headers.etag).toBe('"v1"')
    expect(res.headers['cache-control']).toBe('private, no-store')
    const row = context.sql.prepare('select slug, name, version from tags where id = ?').get(tag.id)
    expect(row).toEqual({ slug: tag.slug, name, version: 1 })
    const publicRead = await context.app.inject({ url: `/v1/tags/${tag.id}` })
    expect(publicRead.json().data).toEqual({ id: tag.id, edition: 'en', slug: tag.slug, name, url: `https://example.org/en/tag/${tag.slug}`, articleCount: 0, createdAt: tag.createdAt, updatedAt: tag.updatedAt })
    expect(context.sql.prepare("select action, key_id k from changes where entity_type = 'tag' and entity_id = ?").all(tag.id)).toEqual([{ action: 'created', k: context.keys.editor.id }])
  })

  it('keeps Arabic-script names readable in generated slugs', async () => {
    const res = await create({ edition: 'ar', name: 'انتخابات محلية' })
    expect(res.statusCode).toBe(201)
    expect(res.json().data.slug).toBe('انتخابات-محلية')
  })

  it('updates with If-Match; a stale version is a 412 and changes nothing', async () => {
    const { id } = (await create({ edition: 'en', name: uniqueTitle('Tag') })).json().data
    const ok = await context.app.inject({ method: 'PATCH', url: `/v1/tags/${id}`, headers: { ...context.keys.editor.auth, 'if-match': '"v1"' }, payload: { name: 'Renamed tag' } })
    expect(ok.statusCode).toBe(200)
    expect(ok.json().data).toMatchObject({ name: 'Renamed tag', version: 2 })
    expect(ok.headers.etag).toBe('"v2"')
    const stale = await context.app.inject({ method: 'PATCH', url: `/v1/tags/${id}`, headers: { ...context.keys.editor.auth, 'if-match': '"v1"' }, payload: { name: 'Lost update' } })
    expect(stale.statusCode).toBe(412)
    expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(context.sql.prepare('select name, version from tags where id = ?').get(id)).toEqual({ name: 'Renamed tag', version: 2 })
    const withKey = await context.app.inject({ url: `/v1/tags/${id}`, headers: context.keys.preview.auth })
    expect(withKey.json().data.version).toBe(2)
    expect(withKey.headers.etag).toBe('"v2"')
  })

  it.each([
    ['an unknown property', { edition: 'en', name: 'X', id: 5 }, 400],
    ['a server-owned field', { edition: 'en', name: 'X', version: 9 }, 400],
    ['an empty name', { edition: 'en', name: '' }, 400],
    ['a blank name', { edition: 'en', name: '   ' }, 400],
    ['a slug with a slash', { edition: 'en', name: 'X', slug: 'a/b' }, 400],
    ['a number for the name', { edition: 'en', name: 5 }, 400],
    ['an unknown edition', { edition: 'zz', name: 'X' }, 400],
    ['a slug already used in the edition', { edition: 'en', name: 'X', slug: 'taken-slug' }, 409]
  ])('refuses %s with problem+json and creates nothing', async (_what, payload, status) => {
    if (status === 409) expect((await create({ edition: 'en', name: 'Taken', slug: 'taken-slug' })).statusCode).toBe(201)
    const before = [tagCount(), changeCount()]
    const res = await create(payload)
    expect(res.statusCode).toBe(status)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.json()).toMatchObject({ status })
    expect([tagCount(), changeCount()]).toEqual(before)
  })

  it('allows the same slug in another edition', async () => {
    expect((await create({ edition: 'en', name: 'Twin', slug: 'twin-slug' })).statusCode).toBe(201)
    expect((await create({ edition: 'sq', name: 'Twin', slug: 'twin-slug' })).statusCode).toBe(201)
  })

  it('404s a missing tag and refuses an empty patch', async () => {
    const missing = await context.app.inject({ method: 'PATCH', url: '/v1/tags/999999', headers: context.keys.editor.auth, payload: { name: 'X' } })
    expect(missing.statusCode).toBe(404)
    const { id } = (await create({ edition: 'en', name: uniqueTitle('Tag') })).json().data
    expect((await context.app.inject({ method: 'PATCH', url: `/v1/tags/${id}`, headers: context.keys.editor.auth, payload: {} })).statusCode).toBe(400)
  })

  it('deleting a tag detaches it from its articles, bumps their versions and logs both', async () => {
    const used = context.sql.prepare('select tag_id t, count(*) n from article_tags group by tag_id having n >= 2 order by tag_id limit 1').get() as { t: number, n: number }
    const articleIds = (context.sql.prepare('select article_id a from article_tags where tag_id = ? order by article_id').all(used.t) as Array<{ a: number }>).map((r) => r.a)
    const versions = new Map((context.sql.prepare(`select id, version from articles where id in (${articleIds.join(',')})`).all() as Array<{ id: number, version: number }>).map((r) => [r.id, r.version]))
    const res = await context.app.inject({ method: 'DELETE', url: `/v1/tags/${used.t}`, headers: context.keys.editor.auth })
    expect(res.statusCode).toBe(204)
    expect(context.sql.prepare('select count(*) n from tags where id = ?').get(used.t)).toEqual({ n: 0 })
    expect(context.sql.prepare('select count(*) n from article_tags where tag_id = ?').get(used.t)).toEqual({ n: 0 })
    for (const id of articleIds) {
      expect((context.sql.prepare('select version from articles where id = ?').get(id) as { version: number }).version).toBe(versions.get(id)! + 1)
    }
    const logged = context.sql.prepare("select entity_type t, entity_id id, action from changes where seq > (select max(seq) - ? from changes) order by seq").all(articleIds.length + 1)
    expect(logged).toEqual([...articleIds.map((id) => ({ t: 'article', id, action: 'updated' })), { t: 'tag', id: used.t, action: 'deleted' }])
    expect((await context.app.inject({ url: `/v1/tags/${used.t}` })).statusCode).toBe(404)
    expect((await context.app.inject({ method: 'DELETE', url: `/v1/tags/${used.t}`, headers: context.keys.editor.auth })).statusCode).toBe(404)
  })
})

describe('tag mutations mirror REST', () => {
  const fields = 'id databaseId edition { code } slug name version'
  it('create, update with expectedVersion, stale version, delete', async () => {
    const created = await gql(context.app, 'mutation($i: CreateTagInput!) { createTag(input: $i) { ' + fields + ' } }', { i: { edition: 'en', name: 'GraphQL tag' } }, context.keys.editor.auth)
    expect(created.body.errors).toBeUndefined()
    const tag = created.body.data.createTag
    expect(tag).toMatchObject({ edition: { code: 'en' }, slug: 'graphql-tag', name: 'GraphQL tag', version: 1 })
    const rest = (await context.app.inject({ url: `/v1/tags/${tag.databaseId}`, headers: context.keys.editor.auth })).json().data
    expect({ slug: rest.slug, name: rest.name, version: rest.version }).toEqual({ slug: tag.slug, name: tag.name, version: tag.version })

    const updated = await gql(context.app, 'mutation($id: ID!) { updateTag(id: $id, input: { name: "Renamed" }, expectedVersion: 1) { ' + fields + ' } }', { id: tag.id }, context.keys.editor.auth)
    expect(updated.body.data.updateTag).toMatchObject({ name: 'Renamed', version: 2 })
    const stale = await gql(context.app, 'mutation($id: ID!) { updateTag(id: $id, input: { name: "Lost" }, expectedVersion: 1) { version } }', { id: tag.id }, context.keys.editor.auth)
    expect(codes(stale)).toEqual(['PRECONDITION_FAILED'])
    const invalid = await gql(context.app, 'mutation { createTag(input: { edition: "en", name: "" }) { id } }', {}, context.keys.editor.auth)
    expect(codes(invalid)).toEqual(['BAD_USER_INPUT'])
    const forbidden = await gql(context.app, 'mutation($id: ID!) { deleteTag(id: $id) { databaseId } }', { id: tag.id }, context.keys.author.auth)
    expect(codes(forbidden)).toEqual(['FORBIDDEN'])
    const deleted = await gql(context.app, 'mutation($id: ID!) { deleteTag(id: $id, expectedVersion: 2) { deletedId databaseId } }', { id: tag.id }, context.keys.editor.auth)
    expect(deleted.body.data.deleteTag).toEqual({ deletedId: tag.id, databaseId: tag.databaseId })
    expect(context.sql.prepare('select count(*) n from tags where id = ?').get(tag.databaseId)).toEqual({ n: 0 })
  })
})
