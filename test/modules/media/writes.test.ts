import { describe, expect, it } from 'vitest'
import { codes, gql } from '../../helpers/graphql.js'
import { useWriteContext } from '../../helpers/write-context.js'

const context = useWriteContext()

const counts = () => context.sql.prepare('select (select count(*) from media) media, (select count(*) from changes) changes').get() as { media: number, changes: number }
const image = (extra: Record<string, unknown> = {}) => ({ kind: 'image', url: 'https://cdn.example/photos/harbour.jpg', mimeType: 'image/jpeg', ...extra })
const create = (payload: unknown, key = context.keys.editor) => context.app.inject({ method: 'POST', url: '/v1/media', headers: key.auth, payload: payload as object })
const patch = (id: number, payload: unknown, headers: Record<string, string> = {}) =>
  context.app.inject({ method: 'PATCH', url: `/v1/media/${id}`, headers: { ...context.keys.editor.auth, ...headers }, payload: payload as object })
const remove = (id: number) => context.app.inject({ method: 'DELETE', url: `/v1/media/${id}`, headers: context.keys.editor.auth })
const row = (id: number) => context.sql.prepare('select kind, mime_type mimeType, alt_text altText, renditions, version from media where id = ?').get(id) as
  { kind: string, mimeType: string, altText: string | null, renditions: string, version: number } | undefined

describe('media writes over REST', () => {
  it('creates metadata with Location and the version ETag, logs the key; an author may create', async () => {
    const body = image({
      width: 2400, height: 1600, bytes: 812_345, altText: 'Boats at dawn', credit: 'Quire',
      renditions: [{ name: 'thumb', url: 'https://cdn.example/photos/harbour-320.jpg', mimeType: 'image/jpeg', width: 320 }]
    })
    const res = await create(body, context.keys.author)
    expect(res.statusCode).toBe(201)
    const item = res.json().data
    expect(item).toMatchObject({ kind: 'image', url: body.url, mimeType: 'image/jpeg', width: 2400, caption: null, durationSeconds: null, version: 1 })
    expect(item.renditions).toEqual([{ name: 'thumb', url: 'https://cdn.example/photos/harbour-320.jpg', mimeType: 'image/jpeg', width: 320, height: null, bytes: null }])
    expect(item.srcset).toBe('https://cdn.example/photos/harbour-320.jpg 320w, https://cdn.example/photos/harbour.jpg 2400w')
    expect(res.headers.location).toBe(`http://quire.test/v1/media/${item.id}`)
    expect(res.headers.etag).toBe('"v1"')
    expect(row(item.id)).toMatchObject({ kind: 'image', altText: 'Boats at dawn', version: 1 })
    const publicRead = await context.app.inject({ url: `/v1/media/${item.id}` })
    expect(publicRead.json().data).toEqual(Object.fromEntries(Object.entries(item).filter(([key]) => key !== 'version')))
    expect(context.sql.prepare("select action, key_id k from changes where entity_type = 'media' and entity_id = ?").all(item.id))
      .toEqual([{ action: 'created', k: context.keys.author.id }])
  })

  it('updates with If-Match (null clears, renditions are replaced); a stale version is a 412 and changes nothing', async () => {
    const { id } = (await create(image({ altText: 'Old alt', renditions: [{ name: 'a', url: 'https://cdn.example/a.jpg', mimeType: 'image/jpeg' }] }))).json().data
    const ok = await patch(id, { altText: null, caption: 'Harbour', renditions: [] }, { 'if-match': '"v1"' })
    expect(ok.statusCode).toBe(200)
    expect(ok.json().data).toMatchObject({ altText: null, caption: 'Harbour', renditions: [], version: 2 })
    expect(ok.headers.etag).toBe('"v2"')
    const stale = await patch(id, { caption: 'Lost update' }, { 'if-match': '"v1"' })
    expect(stale.statusCode).toBe(412)
    expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(row(id)).toMatchObject({ altText: null, renditions: '[]', version: 2 })
    const summary = context.sql.prepare("select summary from changes where entity_type = 'media' and entity_id = ? and action = 'updated'").get(id) as { summary: string }
    expect(JSON.parse(summary.summary)).toEqual({ altText: { from: 'Old alt', to: null }, caption: { from: null, to: 'Harbour' }, renditions: { from: ['a'], to: [] } })
    const withKey = await context.app.inject({ url: `/v1/media/${id}`, headers: context.keys.preview.auth })
    expect(withKey.headers.etag).toBe('"v2"')
  })

  it.each([
    ['an unknown property', image({ folder: 'x' })],
    ['an id', image({ id: 5 })],
    ['a version', image({ version: 3 })],
    ['a createdAt', image({ createdAt: '2026-01-01T00:00:00Z' })],
    ['a srcset (derived)', image({ srcset: 'x 1w' })],
    ['an unknown kind', image({ kind: 'gif' })],
    ['a non-http url', image({ url: 'ftp://cdn.example/a.jpg' })],
    ['a url that is no URL', image({ url: 'harbour.jpg' })],
    ['a malformed mime type', image({ mimeType: 'jpeg' })],
    ['a mime type of another kind', image({ mimeType: 'video/mp4' })],
    ['a document with an image type', { kind: 'document', url: 'https://cdn.example/report.png', mimeType: 'image/png' }],
    ['a duration on an image', image({ durationSeconds: 12 })],
    ['negative bytes', image({ bytes: -1 })],
    ['a zero width', image({ width: 0 })],
    ['a string for bytes', image({ bytes: '1200' })],
    ['an empty alt text', image({ altText: '' })],
    ['a blank caption', image({ caption: '  ' })],
    ['two renditions with one name', image({ renditions: [{ name: 'x', url: 'https://cdn.example/1.jpg', mimeType: 'image/jpeg' }, { name: 'x', url: 'https://cdn.example/2.jpg', mimeType: 'image/jpeg' }] })],
    ['a rendition with an unknown property', image({ renditions: [{ name: 'x', url: 'https://cdn.example/1.jpg', mimeType: 'image/jpeg', quality: 80 }] })],
    ['no mime type', { kind: 'image', url: 'https://cdn.example/a.jpg' }]
  ])('refuses %s with a 400 problem and stores nothing', async (_what, payload) => {
    const before = counts()
    const res = await create(payload)
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.json().errors.length).toBeGreaterThan(0)
    expect(counts()).toEqual(before)
  })

  it('checks the kind against the stored mime type when a patch changes only one of them, naming the field', async () => {
    const { id } = (await create(image())).json().data
    const before = counts()
    const kindOnly = await patch(id, { kind: 'video' })
    expect(kindOnly.statusCode).toBe(400)
    expect(kindOnly.json().errors).toEqual([{ name: 'body.kind', reason: 'image/jpeg is not a video/* type, as video needs' }])
    const both = await patch(id, { kind: 'video', mimeType: 'video/mp4', durationSeconds: 30 })
    expect(both.statusCode).toBe(200)
    expect(counts()).toEqual({ ...before, changes: before.changes + 1 })
    expect(row(id)).toMatchObject({ kind: 'video', mimeType: 'video/mp4', version: 2 })
  })

  it('404s a missing item and refuses an empty patch', async () => {
    expect((await patch(999999, { caption: 'x' })).statusCode).toBe(404)
    expect((await remove(999999)).statusCode).toBe(404)
    const { id } = (await create(image())).json().data
    expect((await patch(id, {})).statusCode).toBe(400)
  })

  it('refuses a JSON description sent as text/plain with a 415, creating nothing', async () => {
    const before = counts()
    const res = await context.app.inject({ method: 'POST', url: '/v1/media', headers: { ...context.keys.editor.auth, 'content-type': 'text/plain' }, payload: JSON.stringify(image()) })
    expect(res.statusCode).toBe(415)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(counts()).toEqual(before)
  })

  it.each([
    ['an article\'s featured image', 'select featured_media_id id from articles where featured_media_id is not null order by id limit 1', 'select id from articles where featured_media_id = ? order by id', ['article', 'articles', ' (featured image)']],
    ['an author\'s avatar', 'select avatar_media_id id from authors where avatar_media_id is not null order by id limit 1', 'select id from authors where avatar_media_id = ? order by id', ['author', 'authors', ' (avatar)']],
    ['a gallery item', 'select media_id id from gallery_items order by media_id limit 1', 'select distinct gallery_id id from gallery_items where media_id = ? order by gallery_id', ['gallery', 'galleries', '']]
  ])('refuses to delete media used as %s with a 409 that names the users, and changes nothing', async (_what, pick, users, [one, many, role]) => {
    const { id } = context.sql.prepare(pick).get() as { id: number }
    const userIds = (context.sql.prepare(users).all(id) as Array<{ id: number }>).map((r) => r.id)
    const named = `${userIds.length === 1 ? one : many} ${userIds.slice(0, 10).join(', ')}${userIds.length > 10 ? ' …' : ''}${role}`
    const before = counts()
    const res = await remove(id)
    expect(res.statusCode).toBe(409)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.json().detail).toContain(named)
    expect(counts()).toEqual(before)
  })

  it('deletes unused media, leaving a tombstone change', async () => {
    const { id } = (await create(image())).json().data
    const res = await remove(id)
    expect(res.statusCode).toBe(204)
    expect(row(id)).toBeUndefined()
    const tombstone = context.sql.prepare("select action, key_id k, summary from changes where entity_type = 'media' and entity_id = ? order by seq desc limit 1").get(id) as { action: string, k: number, summary: string }
    expect(tombstone).toMatchObject({ action: 'deleted', k: context.keys.editor.id })
    expect(JSON.parse(tombstone.summary)).toMatchObject({ kind: 'image', url: 'https://cdn.example/photos/harbour.jpg', version: 2 })
    expect((await context.app.inject({ url: `/v1/media/${id}` })).statusCode).toBe(404)
  })
})

describe('media mutations mirror REST', () => {
  const fields = 'id databaseId kind url mimeType altText renditions { name width } version'

  it('create, update with expectedVersion, stale version, bad input, conflict, delete', async () => {
    const created = await gql(context.app, `mutation($i: CreateMediaInput!) { createMedia(input: $i) { ${fields} } }`,
      { i: { kind: 'AUDIO', url: 'https://cdn.example/podcast.mp3', mimeType: 'audio/mpeg', altText: 'Episode 1', renditions: [{ name: 'low', url: 'https://cdn.example/podcast-64.mp3', mimeType: 'audio/mpeg' }] } },
      context.keys.editor.auth)
    expect(created.body.errors).toBeUndefined()
    const item = created.body.data.createMedia
    expect(item).toMatchObject({ kind: 'AUDIO', mimeType: 'audio/mpeg', altText: 'Episode 1', renditions: [{ name: 'low', width: null }], version: 1 })
    const rest = (await context.app.inject({ url: `/v1/media/${item.databaseId}`, headers: context.keys.editor.auth })).json().data
    expect({ kind: rest.kind, url: rest.url, version: rest.version }).toEqual({ kind: 'audio', url: item.url, version: 1 })

    const updated = await gql(context.app, `mutation($id: ID!) { updateMedia(id: $id, input: { altText: null, durationSeconds: 1800 }, expectedVersion: 1) { ${fields} } }`, { id: item.id }, context.keys.editor.auth)
    expect(updated.body.data.updateMedia).toMatchObject({ altText: null, version: 2 })
    const stale = await gql(context.app, 'mutation($id: ID!) { updateMedia(id: $id, input: { caption: "Lost" }, expectedVersion: 1) { version } }', { id: item.id }, context.keys.editor.auth)
    expect(codes(stale)).toEqual(['PRECONDITION_FAILED'])
    const mismatch = await gql(context.app, 'mutation($id: ID!) { updateMedia(id: $id, input: { kind: IMAGE }) { version } }', { id: item.id }, context.keys.editor.auth)
    expect(codes(mismatch)).toEqual(['BAD_USER_INPUT'])
    const forbidden = await gql(context.app, 'mutation($id: ID!) { deleteMedia(id: $id) { databaseId } }', { id: item.id }, context.keys.author.auth)
    expect(codes(forbidden)).toEqual(['FORBIDDEN'])
    expect(row(item.databaseId)).toMatchObject({ kind: 'audio', version: 2 })

    const used = context.sql.prepare('select media_id id from gallery_items limit 1').get() as { id: number }
    const usedId = Buffer.from(`Media:${used.id}`).toString('base64url')
    const conflict = await gql(context.app, 'mutation($id: ID!) { deleteMedia(id: $id) { databaseId } }', { id: usedId }, context.keys.editor.auth)
    expect(codes(conflict)).toEqual(['CONFLICT'])

    const deleted = await gql(context.app, 'mutation($id: ID!) { deleteMedia(id: $id, expectedVersion: 2) { deletedId databaseId } }', { id: item.id }, context.keys.editor.auth)
    expect(deleted.body.data.deleteMedia).toEqual({ deletedId: item.id, databaseId: item.databaseId })
    expect(row(item.databaseId)).toBeUndefined()
  })
})
