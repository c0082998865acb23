import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { keysForWrite } from '../../src/cache-keys/surrogate-keys.js'
import { issueKeys, type IssuedKey } from '../helpers/keys.js'
import { createDraft, publish } from '../helpers/content.js'
import type { TestApp } from '../helpers/app.js'
import { startReceiver, waitFor, type Receiver } from '../helpers/webhook-receiver.js'
import { buildWebhookApp, query, registerEndpoint } from '../helpers/webhooks.js'

let app: TestApp
let keys: Record<'admin' | 'editor' | 'author' | 'preview', IssuedKey>
let receiver: Receiver
let other: Receiver

beforeAll(async () => {
  app = await buildWebhookApp()
  keys = issueKeys(app)
  receiver = await startReceiver()
  other = await startReceiver()
  receiver.setSecret((await registerEndpoint(app, keys.admin, { url: receiver.url, events: ['article.*'], description: 'all article events' })).secret)
  // subscribed to deletions only: must see nothing else
  other.setSecret((await registerEndpoint(app, keys.admin, { url: other.url, events: ['article.deleted', 'page.deleted'] })).secret)
})
afterAll(async () => {
  await app.close()
  await receiver.close()
  await other.close()
})

// SQLite reuses the id of a deleted last row: tell entities apart by the change they came from
let since = 0
beforeEach(() => { since = query<{ seq: number }>(app.databasePath, 'select coalesce(max(seq), 0) as seq from changes')[0]!.seq })
const eventsFor = (r: Receiver, id: number) => r.received.filter((m) => m.body?.data.id === id && (m.body.data.changeSeq as number) > since)
const typesFor = (r: Receiver, id: number) => eventsFor(r, id).map((m) => m.body?.type)
const editionOf = (articleId: number) =>
  query<{ code: string }>(app.databasePath, 'select e.code from articles a join editions e on e.id = a.edition_id where a.id = ?', articleId)[0]!.code

describe('webhook delivery of article events', () => {
  it('delivers article.published, signed in the Standard Webhooks format, with the surrogate keys the write purges', async () => {
    const id = await createDraft(app, keys.editor)
    await publish(app, keys.editor, id)
    const message = await waitFor(() => eventsFor(receiver, id)[0], 'article.published')

    expect(message.verifyError).toBeNull()
    expect(message.headers['content-type']).toBe('application/json')
    expect(message.headers['user-agent']).toMatch(/^Quire-Webhooks\//)
    expect(message.webhookId).toMatch(/^msg_[A-Za-z0-9_-]{22}$/)
    const edition = editionOf(id)
    const [change] = query<{ seq: number }>(app.databasePath, "select seq from changes where entity_type = 'article' and entity_id = ? and action = 'published'", id)
    const [article] = query<{ slug: string, title: string, published_at: number }>(app.databasePath, 'select slug, title, published_at from articles where id = ?', id)
    expect(message.body).toEqual({
      type: 'article.published',
      timestamp: new Date(article!.published_at).toISOString(),
      data: {
        id,
        type: 'article',
        edition,
        url: `https://example.org/${edition}/${encodeURIComponent(article!.slug)}`,
        surrogateKeys: keysForWrite({ type: 'article', id, edition }),
        changeSeq: change!.seq,
        entity: { slug: article!.slug, title: article!.title, status: 'published', publishedAt: new Date(article!.published_at).toISOString() }
      }
    })
    // the webhook-id is the event's stable id in the outbox
    expect(query(app.databasePath, 'select 1 from webhook_events where message_id = ?', message.webhookId)).toHaveLength(1)
  })

  it('sends article.updated for edits of public content, article.unpublished and article.deleted; drafts stay quiet', async () => {
    const id = await createDraft(app, keys.editor)
    // an edit of a draft interests no integrator
    expect((await app.inject({ method: 'PATCH', url: `/v1/articles/${id}`, headers: keys.editor.auth, payload: { title: 'Still a draft' } })).statusCode).toBe(200)
    await publish(app, keys.editor, id)
    expect((await app.inject({ method: 'PATCH', url: `/v1/articles/${id}`, headers: keys.editor.auth, payload: { title: 'Public now, edited' } })).statusCode).toBe(200)
    expect((await app.inject({ method: 'POST', url: `/v1/articles/${id}/unpublish`, headers: keys.editor.auth })).statusCode).toBe(200)
    expect((await app.inject({ method: 'DELETE', url: `/v1/articles/${id}`, headers: keys.editor.auth })).statusCode).toBe(204)

    await waitFor(() => eventsFor(receiver, id).length >= 4, 'four events')
    await waitFor(() => eventsFor(other, id).length >= 1, 'the deleted event at the second endpoint')
    expect(typesFor(receiver, id).sort()).toEqual(['article.deleted', 'article.published', 'article.unpublished', 'article.updated'])
    expect(eventsFor(receiver, id).every((m) => m.verifyError === null)).toBe(true)
    const updated = eventsFor(receiver, id).find((m) => m.body?.type === 'article.updated')!
    expect(updated.body?.data.entity).toMatchObject({ title: 'Public now, edited' })
    // the deletion still names what was deleted, so integrators can purge it
    const deleted = eventsFor(receiver, id).find((m) => m.body?.type === 'article.deleted')!
    const [tombstone] = query<{ edition: string, slug: string }>(app.databasePath,
      "select json_extract(summary, '$.edition') as edition, json_extract(summary, '$.slug') as slug from changes where entity_type = 'article' and entity_id = ? and action = 'deleted' and seq > ?", id, since)
    expect(deleted.body?.data).toMatchObject({ id, edition: tombstone!.edition, entity: { slug: tombstone!.slug }, surrogateKeys: keysForWrite({ type: 'article', id, edition: tombstone!.edition }) })
    // every event has its own id
    expect(new Set(eventsFor(receiver, id).map((m) => m.webhookId)).size).toBe(4)
  })

  it('delivers to an endpoint only the types it subscribes to', async () => {
    const id = await createDraft(app, keys.editor)
    await publish(app, keys.editor, id)
    expect((await app.inject({ method: 'DELETE', url: `/v1/articles/${id}`, headers: keys.editor.auth })).statusCode).toBe(204)
    await waitFor(() => eventsFor(other, id).length >= 1 && eventsFor(receiver, id).length >= 2, 'the deleted event')
    expect(typesFor(other, id)).toEqual(['article.deleted'])
    expect(eventsFor(other, id)[0]!.verifyError).toBeNull()
    // the outbox holds one delivery per subscribed endpoint, none for the other
    const deliveries = query<{ type: string, n: number }>(app.databasePath, `select e.type, count(*) as n from webhook_deliveries d join webhook_events e on e.id = d.event_id
      where e.entity_type = 'article' and e.entity_id = ? and e.change_seq > ? group by e.type order by e.type`, id, since)
    expect(deliveries).toEqual([{ type: 'article.deleted', n: 2 }, { type: 'article.published', n: 1 }])
  })

  it('delivers page events to page subscribers, and nothing of pages to article subscribers', async () => {
    const id = await createDraft(app, keys.editor, 'pages')
    await publish(app, keys.editor, id, 'pages')
    expect((await app.inject({ method: 'DELETE', url: `/v1/pages/${id}`, headers: keys.editor.auth })).statusCode).toBe(204)
    const message = await waitFor(() => eventsFor(other, id).find((m) => m.body?.type === 'page.deleted'), 'page.deleted')
    expect(message.body?.data).toMatchObject({ type: 'page', surrogateKeys: expect.arrayContaining([`page:${id}`, 'list:pages']) })
    expect(receiver.received.some((m) => m.body?.data.type === 'page')).toBe(false)
  })
})

describe('webhook delivery of category and media events (entities without a workflow)', () => {
  it('sends category.published on create, category.updated and category.deleted, with the keys the writes purge', async () => {
    const r = await startReceiver()
    try {
      const endpoint = await registerEndpoint(app, keys.admin, { url: r.url, events: ['category.*', 'media.*'] })
      r.setSecret(endpoint.secret)
      const created = await app.inject({ method: 'POST', url: '/v1/categories', headers: keys.admin.auth, payload: { edition: 'en', name: `Webhooks ${Date.now()}` } })
      expect(created.statusCode).toBe(201)
      const id = created.json().data.id as number
      expect((await app.inject({ method: 'PATCH', url: `/v1/categories/${id}`, headers: keys.admin.auth, payload: { name: 'Renamed for webhooks' } })).statusCode).toBe(200)
      expect((await app.inject({ method: 'DELETE', url: `/v1/categories/${id}`, headers: keys.admin.auth })).statusCode).toBe(204)
      const media = await app.inject({ method: 'POST', url: '/v1/media', headers: keys.admin.auth, payload: { kind: 'image', url: 'https://cdn.example.org/w.jpg', mimeType: 'image/jpeg' } })
      expect(media.statusCode).toBe(201)
      const mediaId = media.json().data.id as number

      const categoryEvents = await waitFor(() => {
        const got = eventsFor(r, id).filter((m) => m.body?.data.type === 'category')
        return got.length >= 3 ? got : undefined
      }, 'three category events')
      expect(categoryEvents.map((m) => m.body?.type).sort()).toEqual(['category.deleted', 'category.published', 'category.updated'])
      expect(categoryEvents.every((m) => m.verifyError === null)).toBe(true)
      const deleted = categoryEvents.find((m) => m.body?.type === 'category.deleted')!
      // the row is gone when its deleted change is recorded: the change's snapshot names it
      expect(deleted.body?.data).toMatchObject({ edition: 'en', surrogateKeys: keysForWrite({ type: 'category', id, edition: 'en' }), entity: { title: 'Renamed for webhooks' } })
      const mediaEvent = await waitFor(() => eventsFor(r, mediaId).find((m) => m.body?.data.type === 'media'), 'media.published')
      expect(mediaEvent.body).toMatchObject({ type: 'media.published', data: { edition: null, url: 'https://cdn.example.org/w.jpg', surrogateKeys: keysForWrite({ type: 'media', id: mediaId }) } })
    } finally {
      await r.close()
    }
  })
})
