import { describe, expect, it } from 'vitest'
import { uniqueTitle } from '../../helpers/content.js'
import { codes, gql } from '../../helpers/graphql.js'
import { useWriteContext } from '../../helpers/write-context.js'

const context = useWriteContext()

const counts = () => context.sql.prepare(`select (select count(*) from galleries) galleries, (select count(*) from gallery_items) items,
  (select count(*) from media) media, (select count(*) from changes) changes`).get() as Record<string, number>
const mediaIds = () => (context.sql.prepare('select id from media order by id limit 3').all() as Array<{ id: number }>).map((r) => r.id)
const itemsOf = (id: number) => context.sql.prepare('select media_id mediaId, position, caption from gallery_items where gallery_id = ? order by position').all(id)
const create = (payload: unknown, key = context.keys.editor) => context.app.inject({ method: 'POST', url: '/v1/galleries', headers: key.auth, payload: payload as object })
const patch = (id: number, payload: unknown, headers: Record<string, string> = {}) =>
  context.app.inject({ method: 'PATCH', url: `/v1/galleries/${id}`, headers: { ...context.keys.editor.auth, ...headers }, payload: payload as object })

describe('gallery writes over REST', () => {
  it('creates with a generated slug and ordered items, Location, ETag and a change row; the public sees it without the version', async () => {
    const [a, b] = mediaIds()
    const title = uniqueTitle('Harbour Photos')
    const res = await create({ edition: 'en', title, description: 'Boats', items: [{ mediaId: b, caption: 'Dawn' }, { mediaId: a }] })
    expect(res.statusCode).toBe(201)
    const gallery = res.json().data
    expect(gallery).toMatchObject({ edition: 'en', title, description: 'Boats', version: 1 })
    expect(gallery.slug).toMatch(/^harbour-photos-/)
    expect(gallery.items.map((i: { position: number, caption: string | null, media: { id: number } }) => [i.position, i.media.id, i.caption])).toEqual([[0, b, 'Dawn'], [1, a, null]])
    expect(res.headers.location).toBe(`http://quire.test/v1/galleries/${gallery.id}`)
    expect(res.headers.etag).toBe('"v1"')
    expect(itemsOf(gallery.id)).toEqual([{ mediaId: b, position: 0, caption: 'Dawn' }, { mediaId: a, position: 1, caption: null }])
    const publicRead = (await context.app.inject({ url: `/v1/galleries/${gallery.id}` })).json().data
    expect(publicRead.version).toBeUndefined()
    expect(publicRead.items).toEqual(gallery.items)
    const change = context.sql.prepare("select action, key_id k, summary from changes where entity_type = 'gallery' and entity_id = ?").get(gallery.id) as { action: string, k: number, summary: string }
    expect(change).toMatchObject({ action: 'created', k: context.keys.editor.id })
    expect(JSON.parse(change.summary).items).toEqual([{ mediaId: b, caption: 'Dawn' }, { mediaId: a, caption: null }])
  })

  it('keeps Arabic-script titles readable in generated slugs, and the same slug may exist in another edition', async () => {
    const res = await create({ edition: 'ar', title: 'صور الميناء' })
    expect(res.statusCode).toBe(201)
    expect(res.json().data.slug).toBe('صور-الميناء')
    expect((await create({ edition: 'en', title: 'Twin', slug: 'twin-gallery' })).statusCode).toBe(201)
    expect((await create({ edition: 'sq', title: 'Twin', slug: 'twin-gallery' })).statusCode).toBe(201)
  })

  it('updates with If-Match: items replace the list, absent items stay; a stale version is a 412 and changes nothing', async () => {
    const [a, b, c] = mediaIds()
    const { id } = (await create({ edition: 'en', title: uniqueTitle('Gallery'), items: [{ mediaId: a }, { mediaId: b }] })).json().data
    const renamed = await patch(id, { title: 'Renamed gallery' }, { 'if-match': '"v1"' })
    expect(renamed.statusCode).toBe(200)
    expect(renamed.json().data).toMatchObject({ title: 'Renamed gallery', version: 2 })
    expect(itemsOf(id)).toEqual([{ mediaId: a, position: 0, caption: null }, { mediaId: b, position: 1, caption: null }])
    const reordered = await patch(id, { items: [{ mediaId: c, caption: 'New first' }, { mediaId: a }] }, { 'if-match': '"v2"' })
    expect(reordered.statusCode).toBe(200)
    expect(reordered.headers.etag).toBe('"v3"')
    expect(itemsOf(id)).toEqual([{ mediaId: c, position: 0, caption: 'New first' }, { mediaId: a, position: 1, caption: null }])
    const before = counts()
    const stale = await patch(id, { items: [] }, { 'if-match': '"v2"' })
    expect(stale.statusCode).toBe(412)
    expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(counts()).toEqual(before)
    expect(itemsOf(id)).toHaveLength(2)
    const emptied = await patch(id, { items: [], description: null })
    expect(emptied.json().data).toMatchObject({ items: [], description: null, version: 4 })
  })

  it.each([
    ['an unknown property', { edition: 'en', title: 'X', cover: 1 }, 400],
    ['an id', { edition: 'en', title: 'X', id: 3 }, 400],
    ['a version', { edition: 'en', title: 'X', version: 2 }, 400],
    ['an updatedAt', { edition: 'en', title: 'X', updatedAt: '2026-01-01T00:00:00Z' }, 400],
    ['an item position (the server assigns them)', { edition: 'en', title: 'X', items: [{ mediaId: 1, position: 4 }] }, 400],
    ['a media id as a string', { edition: 'en', title: 'X', items: [{ mediaId: '1' }] }, 400],
    ['a media id that does not exist', { edition: 'en', title: 'X', items: [{ mediaId: 1 }, { mediaId: 999999 }] }, 400],
    ['an empty title', { edition: 'en', title: '' }, 400],
    ['a slug with a slash', { edition: 'en', title: 'X', slug: 'a/b' }, 400],
    ['an unknown edition', { edition: 'zz', title: 'X' }, 400],
    ['no edition', { title: 'X' }, 400],
    ['a slug already used in the edition', { edition: 'en', title: 'X', slug: 'taken-gallery' }, 409]
  ])('refuses %s with problem+json and stores nothing', async (_what, payload, status) => {
    if (status === 409) expect((await create({ edition: 'en', title: 'Taken', slug: 'taken-gallery' })).statusCode).toBe(201)
    const before = counts()
    const res = await create(payload)
    expect(res.statusCode).toBe(status)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.json()).toMatchObject({ status })
    expect(counts()).toEqual(before)
  })

  it('names the missing media item by its place in the list', async () => {
    const res = await create({ edition: 'en', title: 'X', items: [{ mediaId: mediaIds()[0] }, { mediaId: 999999 }] })
    expect(res.json().errors).toEqual([{ name: 'body.items.1.mediaId', reason: 'media 999999 does not exist' }])
  })

  it('refuses to move a gallery to another edition, a slug taken in its edition, and 404s a missing one', async () => {
    const { id } = (await create({ edition: 'en', title: uniqueTitle('Gallery') })).json().data
    expect((await create({ edition: 'en', title: 'Other', slug: 'other-gallery-slug' })).statusCode).toBe(201)
    const before = counts()
    expect((await patch(id, { edition: 'ar' })).statusCode).toBe(400)
    expect((await patch(id, { slug: 'other-gallery-slug' })).statusCode).toBe(409)
    expect((await patch(id, { items: [{ mediaId: 999999 }] })).statusCode).toBe(400)
    expect((await patch(id, {})).statusCode).toBe(400)
    expect(counts()).toEqual(before)
    expect((await patch(999999, { title: 'X' })).statusCode).toBe(404)
  })

  it('deleting a gallery removes it and its items; the media stay; a tombstone remains', async () => {
    const existing = context.sql.prepare('select gallery_id id, count(*) n from gallery_items group by gallery_id order by gallery_id limit 1').get() as { id: number, n: number }
    const before = counts()
    const res = await context.app.inject({ method: 'DELETE', url: `/v1/galleries/${existing.id}`, headers: context.keys.editor.auth })
    expect(res.statusCode).toBe(204)
    expect(counts()).toEqual({ ...before, galleries: before.galleries! - 1, items: before.items! - existing.n, changes: before.changes! + 1 })
    const tombstone = context.sql.prepare("select action, key_id k from changes where entity_type = 'gallery' and entity_id = ? order by seq desc limit 1").get(existing.id)
    expect(tombstone).toEqual({ action: 'deleted', k: context.keys.editor.id })
    expect((await context.app.inject({ url: `/v1/galleries/${existing.id}` })).statusCode).toBe(404)
  })
})

describe('gallery mutations mirror REST', () => {
  const fields = 'id databaseId edition { code } slug title items { position caption media { databaseId } } version'
  const mediaId = (id: number) => Buffer.from(`Media:${id}`).toString('base64url')

  it('create, update with expectedVersion, stale version, bad input, delete', async () => {
    const [a, b] = mediaIds()
    const created = await gql(context.app, `mutation($i: CreateGalleryInput!) { createGallery(input: $i) { ${fields} } }`,
      { i: { edition: 'en', title: 'GraphQL gallery', items: [{ mediaId: mediaId(a!), caption: 'One' }, { mediaId: mediaId(b!) }] } }, context.keys.editor.auth)
    expect(created.body.errors).toBeUndefined()
    const gallery = created.body.data.createGallery
    expect(gallery).toMatchObject({ edition: { code: 'en' }, slug: 'graphql-gallery', version: 1, items: [{ position: 0, caption: 'One', media: { databaseId: a } }, { position: 1, caption: null, media: { databaseId: b } }] })
    const rest = (await context.app.inject({ url: `/v1/galleries/${gallery.databaseId}`, headers: context.keys.editor.auth })).json().data
    expect(rest.items.map((i: { media: { id: number } }) => i.media.id)).toEqual([a, b])

    const updated = await gql(context.app, `mutation($id: ID!, $m: ID!) { updateGallery(id: $id, input: { items: [{ mediaId: $m }] }, expectedVersion: 1) { ${fields} } }`, { id: gallery.id, m: mediaId(b!) }, context.keys.editor.auth)
    expect(updated.body.data.updateGallery).toMatchObject({ version: 2, items: [{ position: 0, media: { databaseId: b } }] })
    const stale = await gql(context.app, 'mutation($id: ID!) { updateGallery(id: $id, input: { title: "Lost" }, expectedVersion: 1) { version } }', { id: gallery.id }, context.keys.editor.auth)
    expect(codes(stale)).toEqual(['PRECONDITION_FAILED'])
    const wrongId = await gql(context.app, 'mutation($id: ID!) { updateGallery(id: $id, input: { items: [{ mediaId: $id }] }) { version } }', { id: gallery.id }, context.keys.editor.auth)
    expect(codes(wrongId)).toEqual(['BAD_USER_INPUT'])
    const missing = await gql(context.app, 'mutation($id: ID!, $m: ID!) { updateGallery(id: $id, input: { items: [{ mediaId: $m }] }) { version } }', { id: gallery.id, m: mediaId(999999) }, context.keys.editor.auth)
    expect(codes(missing)).toEqual(['BAD_USER_INPUT'])
    const forbidden = await gql(context.app, 'mutation($id: ID!) { deleteGallery(id: $id) { databaseId } }', { id: gallery.id }, context.keys.author.auth)
    expect(codes(forbidden)).toEqual(['FORBIDDEN'])
    expect(itemsOf(gallery.databaseId)).toEqual([{ mediaId: b, position: 0, caption: null }])

    const deleted = await gql(context.app, 'mutation($id: ID!) { deleteGallery(id: $id, expectedVersion: 2) { deletedId databaseId } }', { id: gallery.id }, context.keys.editor.auth)
    expect(deleted.body.data.deleteGallery).toEqual({ deletedId: gallery.id, databaseId: gallery.databaseId })
    expect(context.sql.prepare('select count(*) n from galleries where id = ?').get(gallery.databaseId)).toEqual({ n: 0 })
  })
})
