import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../src/db/connection.js'
import { openDatabase } from '../../src/database.js'
import { keysForWrite } from '../../src/cache-keys/surrogate-keys.js'
import { createServices, type Services } from '../../src/services.js'
import { copyTemplateDatabase, testConfig } from '../helpers/app.js'
import { TEST_NOW } from '../helpers/clock.js'
import { issueKey } from '../helpers/keys.js'

/**
 * The outbox at its integration point, the change log: every write records its change inside its
 * own transaction, and the event must commit or roll back with it. Service level, one connection,
 * no worker: what is asserted is what the outbox holds.
 */
let db: Db
let services: Services
let cleanup: () => void
const at = TEST_NOW.getTime()

beforeAll(async () => {
  const copy = copyTemplateDatabase()
  cleanup = copy.cleanup
  db = openDatabase(copy.path)
  services = createServices({ db, clock: () => TEST_NOW, config: testConfig({ databasePath: copy.path }) })
  const key = issueKey({ databasePath: copy.path }, 'admin')
  await services.webhooks.create({ url: 'http://127.0.0.1:9/hook', events: ['*'] }, { keyId: key.id, name: 'admin', role: 'admin' })
})
afterAll(() => {
  db.$client.close()
  cleanup()
})

const events = () => db.$client.prepare('select type, entity_type, entity_id, change_seq, payload from webhook_events order by id').all() as
  Array<{ type: string, entity_type: string, entity_id: number, change_seq: number, payload: string }>
const firstId = (table: string) => (db.$client.prepare(`select min(id) as id from ${table}`).get() as { id: number }).id
const publicArticle = () => (db.$client.prepare('select id from articles where visible_from <= ? order by id limit 1').get(at) as { id: number }).id

describe('the webhook outbox', () => {
  it('queues nothing when the write rolls back after recording its change', () => {
    const before = events().length
    const id = publicArticle()
    expect(() => db.transaction(() => {
      services.changeLog.record({ entityType: 'article', entityId: id, action: 'updated', at, keyId: null })
      throw new Error('the write fails after its change was recorded')
    })).toThrow(/the write fails/)
    expect(events()).toHaveLength(before)
    expect(db.$client.prepare('select count(*) as n from webhook_deliveries').get()).toEqual({ n: before })
  })

  it('queues the event and its delivery when the same write commits', () => {
    const before = events().length
    const id = publicArticle()
    db.transaction(() => { services.changeLog.record({ entityType: 'article', entityId: id, action: 'updated', at, keyId: null }) })
    const queued = events().slice(before)
    expect(queued.map((e) => [e.type, e.entity_id])).toEqual([['article.updated', id]])
    const seq = (db.$client.prepare('select max(seq) as seq from changes').get() as { seq: number }).seq
    expect(queued[0]!.change_seq).toBe(seq)
  })

  it('sees API key events through the change log, and publishes none of them', () => {
    const before = events().length
    const seen: string[] = []
    services.changeLog.observe((change) => { if (change.entityType === 'key') seen.push(`${change.action}:${change.entityId}`) })
    const key = services.keys.create({ name: 'observed key', role: 'author' })
    services.keys.revoke(key.id)
    expect(seen).toEqual([`created:${key.id}`, `deleted:${key.id}`])
    const logged = db.$client.prepare("select action from changes where entity_type = 'key' and entity_id = ? order by seq").all(key.id)
    expect(logged).toEqual([{ action: 'created' }, { action: 'deleted' }])
    expect(events()).toHaveLength(before)
  })

  it('maps category and media changes (no workflow): created → published, updated, deleted', () => {
    const before = events().length
    const category = firstId('categories')
    const media = firstId('media')
    for (const action of ['created', 'updated', 'deleted'] as const) {
      db.transaction(() => {
        services.changeLog.record({ entityType: 'category', entityId: category, action, at, keyId: null })
        services.changeLog.record({ entityType: 'media', entityId: media, action, at, keyId: null })
      })
    }
    expect(events().slice(before).map((e) => e.type)).toEqual([
      'category.published', 'media.published', 'category.updated', 'media.updated', 'category.deleted', 'media.deleted'
    ])
    const edition = (db.$client.prepare('select e.code from categories c join editions e on e.id = c.edition_id where c.id = ?').get(category) as { code: string }).code
    const categoryEvent = JSON.parse(events().find((e) => e.entity_type === 'category')!.payload)
    expect(categoryEvent.data).toMatchObject({ id: category, type: 'category', edition, surrogateKeys: keysForWrite({ type: 'category', id: category, edition }) })
    const mediaEvent = JSON.parse(events().find((e) => e.entity_type === 'media')!.payload)
    expect(mediaEvent.data).toMatchObject({ id: media, type: 'media', edition: null, surrogateKeys: keysForWrite({ type: 'media', id: media }) })
  })

  it('ignores changes of entities that have no events (tags, keys …) and drafts being edited', () => {
    const before = events().length
    const draft = (db.$client.prepare("select id from articles where status = 'draft' limit 1").get() as { id: number } | undefined)?.id
    expect(draft).toBeDefined()
    db.transaction(() => {
      services.changeLog.record({ entityType: 'tag', entityId: firstId('tags'), action: 'updated', at, keyId: null })
      services.changeLog.record({ entityType: 'article', entityId: draft!, action: 'updated', at, keyId: null })
    })
    expect(events()).toHaveLength(before)
  })
})
