import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { articleFields } from '../../src/modules/articles/schemas.js'
import type { IssuedKey } from '../helpers/keys.js'
import { test, type TestApp } from '../helpers/app.js'
import { TEST_NOW } from '../helpers/clock.js'
import { apply, syncPage, syncUntilDone, type SyncEntry } from '../helpers/sync.js'
import { publishedState } from '../helpers/published-state.js'

// the app's clock, moved by the tests: a scheduled article must reach clients when it falls due
let now = TEST_NOW.getTime()
let app: TestApp
let sql: Database.Database
let editor: IssuedKey

// Some writes here are raw SQL with hand-made change rows (types and edge cases the API cannot
// produce): they bypass the change log's observers, so the origin's response cache would not see
// them. The published state these tests compare against must be a fresh render.
test.override('appOptions', { clock: () => new Date(now), config: { responseCacheBytes: 0 } })
test.beforeAll(({ app: built, sql: readOnly, keys }) => {
  app = built
  sql = readOnly
  editor = keys.editor
})

async function write (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object): Promise<Record<string, unknown>> {
  const res = await app.inject({ method, url, headers: editor.auth, ...(payload !== undefined ? { payload } : {}) })
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300)
  return res.statusCode === 204 ? {} : res.json().data
}
const create = async (collection: 'articles' | 'pages', body: object) => (await write('POST', `/v1/${collection}`, body)).id as number
const articleItem = async (id: number) => (await app.inject(`/v1/articles?fields=${articleFields.join(',')}&limit=100&edition=${sql.prepare('select e.code from articles a join editions e on e.id = a.edition_id where a.id = ?').pluck().get(id) as string}&slug=${encodeURIComponent(sql.prepare('select slug from articles where id = ?').pluck().get(id) as string)}`)).json().data[0]

/** A client that has finished its initial sync and polls with its token. */
async function client (query: string) {
  const store = new Map<string, Record<string, unknown>>()
  const initial = await syncUntilDone(app, query)
  apply(store, initial.entries)
  let token = initial.token
  return {
    store,
    async poll (): Promise<SyncEntry[]> {
      const result = await syncUntilDone(app, `token=${token}`)
      token = result.token
      apply(store, result.entries)
      return result.entries
    }
  }
}

const summary = (entries: SyncEntry[]) => entries.map((e) => `${e.action} ${e.type}:${e.id}`)

describe('deltas', () => {
  it('deliver article writes: created (a draft is a harmless tombstone), published, edited, unpublished, archived, deleted', async () => {
    const en = await client('edition=en&types=article')
    const id = await create('articles', { edition: 'en', title: 'Sync delta story' })
    expect(summary(await en.poll())).toEqual([`delete article:${id}`])

    await write('POST', `/v1/articles/${id}/publish`)
    const published = await en.poll()
    expect(summary(published)).toEqual([`upsert article:${id}`])
    expect(published[0]?.entity).toEqual(await articleItem(id))

    await write('PATCH', `/v1/articles/${id}`, { title: 'Sync delta story, edited' })
    await write('PATCH', `/v1/articles/${id}`, { excerpt: 'Two edits, one entry' })
    const edited = await en.poll()
    expect(summary(edited)).toEqual([`upsert article:${id}`])
    expect(edited[0]?.entity).toMatchObject({ title: 'Sync delta story, edited', excerpt: 'Two edits, one entry' })

    await write('POST', `/v1/articles/${id}/unpublish`)
    expect(summary(await en.poll())).toEqual([`delete article:${id}`])
    await write('POST', `/v1/articles/${id}/publish`)
    await write('POST', `/v1/articles/${id}/archive`)
    expect(summary(await en.poll())).toEqual([`delete article:${id}`])
    await write('POST', `/v1/articles/${id}/unpublish`)
    await write('POST', `/v1/articles/${id}/publish`)
    expect(summary(await en.poll())).toEqual([`upsert article:${id}`])
    await write('DELETE', `/v1/articles/${id}`)
    expect(summary(await en.poll())).toEqual([`delete article:${id}`])
    expect(en.store).toEqual(new Map([...(await publishedState(app, sql, now, 'en'))].filter(([key]) => key.startsWith('article:'))))
  })

  it('deliver page writes', async () => {
    const en = await client('edition=en&types=page')
    const id = await create('pages', { edition: 'en', title: 'Sync page' })
    await write('POST', `/v1/pages/${id}/publish`)
    const published = await en.poll()
    expect(summary(published)).toEqual([`upsert page:${id}`])
    expect(published[0]?.entity).toEqual((await app.inject(`/v1/pages/${id}`)).json().data)
    await write('PATCH', `/v1/pages/${id}`, { title: 'Sync page, edited' })
    expect((await en.poll())[0]?.entity).toMatchObject({ title: 'Sync page, edited' })
    await write('POST', `/v1/pages/${id}/unpublish`)
    expect(summary(await en.poll())).toEqual([`delete page:${id}`])
    await write('POST', `/v1/pages/${id}/publish`)
    await write('DELETE', `/v1/pages/${id}`)
    expect(summary(await en.poll())).toEqual([`delete page:${id}`])
  })

  it('deliver a scheduled article when it falls due, with no write and no change row', async () => {
    now = TEST_NOW.getTime() + 24 * 3600_000
    const en = await client('edition=en&types=article')
    const id = await create('articles', { edition: 'en', title: 'Scheduled for sync' })
    const due = now + 3600_000
    await write('POST', `/v1/articles/${id}/publish`, { publishedAt: new Date(due).toISOString() })
    expect(summary(await en.poll())).toEqual([`delete article:${id}`])

    const changes = sql.prepare('select count(*) from changes').pluck().get()
    now = due - 1
    expect(await en.poll()).toEqual([])
    now = due
    const flipped = await en.poll()
    expect(summary(flipped)).toEqual([`upsert article:${id}`])
    expect(flipped[0]?.entity).toEqual(await articleItem(id))
    expect(sql.prepare('select count(*) from changes').pluck().get()).toBe(changes)
    now += 1000
    expect(await en.poll()).toEqual([])
  })

  it('keep other editions out, but re-send an article whose translations changed', async () => {
    const en = await client('edition=en&types=article')
    const other = await create('articles', { edition: 'ar', title: 'خبر للمزامنة' })
    await write('POST', `/v1/articles/${other}/publish`)
    expect(await en.poll()).toEqual([])

    const english = await create('articles', { edition: 'en', title: 'Synced with a translation' })
    await write('POST', `/v1/articles/${english}/publish`)
    await en.poll()
    await write('PATCH', `/v1/articles/${other}`, { translationOf: english })
    const joined = await en.poll()
    expect(summary(joined)).toEqual([`upsert article:${english}`])
    expect(joined[0]?.entity?.translations).toEqual([other])

    await write('POST', `/v1/articles/${other}/unpublish`)
    expect((await en.poll())[0]?.entity?.translations).toEqual([])
    await write('POST', `/v1/articles/${other}/publish`)
    expect((await en.poll())[0]?.entity?.translations).toEqual([other])
    await write('DELETE', `/v1/articles/${other}`)
    expect((await en.poll())[0]?.entity?.translations).toEqual([])
    expect(en.store.get(`article:${english}`)).toEqual(await articleItem(english))
  })

  it('deliver categories, tags, authors and media from their change rows, and re-send authors whose avatar changed', async () => {
    const client1 = await client('edition=en')
    const db = new Database(app.databasePath)
    const change = db.prepare('insert into changes (entity_type, entity_id, action, at, summary) values (?, ?, ?, ?, ?)')
    const category = db.prepare('select id from categories where edition_id = (select id from editions where code = \'en\') order by id limit 1').pluck().get() as number
    const arTag = db.prepare('select id from tags where edition_id = (select id from editions where code = \'ar\') order by id limit 1').pluck().get() as number
    const { authorId, mediaId } = db.prepare('select id authorId, avatar_media_id mediaId from authors where avatar_media_id is not null order by id limit 1').get() as { authorId: number, mediaId: number }
    const enEdition = db.prepare('select id from editions where code = \'en\'').pluck().get() as number
    db.transaction(() => {
      db.prepare('update categories set name = ?, version = version + 1 where id = ?').run('Renamed for sync', category)
      change.run('category', category, 'updated', now, '{}')
      db.prepare('update tags set name = ? where id = ?').run('وسم', arTag)
      change.run('tag', arTag, 'updated', now, '{}')
      db.prepare('update media set alt_text = ? where id = ?').run('New alt text for sync', mediaId)
      change.run('media', mediaId, 'updated', now, '{}')
    })()
    const tagId = Number(db.prepare('insert into tags (edition_id, slug, name, created_at, updated_at) values (?, ?, ?, ?, ?)').run(enEdition, 'sync-tag', 'Sync tag', now, now).lastInsertRowid)
    change.run('tag', tagId, 'created', now, '{}')
    const entries = await client1.poll()
    expect(summary(entries).sort()).toEqual([`upsert author:${authorId}`, `upsert category:${category}`, `upsert media:${mediaId}`, `upsert tag:${tagId}`].sort())
    expect(entries.find((e) => e.type === 'author')?.entity?.avatar).toMatchObject({ id: mediaId, altText: 'New alt text for sync' })

    db.prepare('delete from tags where id = ?').run(tagId)
    change.run('tag', tagId, 'deleted', now, JSON.stringify({ edition: 'en', slug: 'sync-tag' }))
    db.close()
    expect(summary(await client1.poll())).toEqual([`delete tag:${tagId}`])
    expect(client1.store).toEqual(await publishedState(app, sql, now, 'en'))
  })

  it('an initial sync interleaved with writes still ends exactly at the published state', async () => {
    const store = new Map<string, Record<string, unknown>>()
    const first = await syncPage(app, 'edition=en&types=article&limit=10')
    apply(store, first.data)
    const listed = first.data[0]?.id as number
    // delete one already listed, edit one not listed yet, publish a new one
    await write('DELETE', `/v1/articles/${listed}`)
    const later = sql.prepare('select max(id) from articles where edition_id = (select id from editions where code = \'en\') and visible_from <= ?').pluck().get(now) as number
    await write('PATCH', `/v1/articles/${later}`, { title: 'Edited during the initial sync' })
    const fresh = await create('articles', { edition: 'en', title: 'Published during the initial sync' })
    await write('POST', `/v1/articles/${fresh}/publish`)
    const rest = await syncUntilDone(app, `token=${first.meta.nextSyncToken}&limit=10`, 10)
    apply(store, rest.entries)
    expect(store.has(`article:${listed}`)).toBe(false)
    expect(store.get(`article:${later}`)?.title).toBe('Edited during the initial sync')
    expect(store.has(`article:${fresh}`)).toBe(true)
    expect(store).toEqual(new Map([...(await publishedState(app, sql, now, 'en'))].filter(([key]) => key.startsWith('article:'))))
  })
})
