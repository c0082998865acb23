import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyTemplateDatabase } from '../helpers/app.js'
import { uniqueTitle } from '../helpers/content.js'
import { issueKey, type IssuedKey } from '../helpers/keys.js'
import { startQuireProcess, type QuireProcess } from '../helpers/server-process.js'

/*
 * Two Quire processes on one database file, as CLUSTER_WORKERS or two instances behind one
 * balancer run them: what one commits, the other serves at its next read; concurrent writes
 * through both are all kept; killing one mid-write (SIGKILL) loses nothing it acknowledged.
 */
describe('two processes on one database file', () => {
  const db = copyTemplateDatabase()
  let one: QuireProcess
  let two: QuireProcess
  let editor: IssuedKey

  const createDraft = async (server: QuireProcess, title = uniqueTitle()) => {
    const res = await fetch(`${server.url}/v1/articles`, { method: 'POST', headers: { ...editor.auth, 'content-type': 'application/json' }, body: JSON.stringify({ edition: 'en', title }) })
    return { status: res.status, id: res.status === 201 ? ((await res.json()) as { data: { id: number } }).data.id : null }
  }
  const sql = () => new Database(db.path, { readonly: true })

  beforeAll(async () => {
    editor = issueKey({ databasePath: db.path }, 'editor')
    ;[one, two] = await Promise.all([startQuireProcess(db.path), startQuireProcess(db.path)])
  }, 240_000)

  afterAll(async () => {
    await Promise.all([one?.stop(), two?.stop()])
    db.cleanup()
  })

  it('a write through one process is seen by the next read through the other', async () => {
    const list = (await (await fetch(`${two.url}/v1/articles?edition=en&limit=1`)).json()) as { data: Array<{ id: number }> }
    const id = list.data[0]!.id
    // warm the second process's response cache and the first's
    const before = await (await fetch(`${two.url}/v1/articles/${id}`)).json() as { data: { title: string } }
    await fetch(`${one.url}/v1/articles/${id}`)
    const title = uniqueTitle('Seen everywhere')
    const patch = await fetch(`${one.url}/v1/articles/${id}`, { method: 'PATCH', headers: { ...editor.auth, 'content-type': 'application/json' }, body: JSON.stringify({ title }) })
    expect(patch.status).toBe(200)
    const after = await (await fetch(`${two.url}/v1/articles/${id}`)).json() as { data: { title: string } }
    expect(before.data.title).not.toBe(title)
    expect(after.data.title).toBe(title)
    const created = await createDraft(two)
    const read = await fetch(`${one.url}/v1/articles/${created.id}`, { headers: editor.auth })
    expect(read.status).toBe(200)
  })

  it('concurrent writes through both processes lose nothing', async () => {
    const perProcess = 40
    const results = await Promise.all([one, two].flatMap((server) => Array.from({ length: perProcess }, async () => await createDraft(server))))
    expect(results.map((result) => result.status)).toEqual(results.map(() => 201))
    const ids = results.map((result) => result.id!)
    expect(new Set(ids).size).toBe(2 * perProcess)
    const reader = sql()
    try {
      const stored = reader.prepare(`select count(*) as n from articles where id in (${ids.join(',')})`).get() as { n: number }
      const logged = reader.prepare(`select count(*) as n from changes where entity_type = 'article' and action = 'created' and entity_id in (${ids.join(',')})`).get() as { n: number }
      expect(stored.n).toBe(2 * perProcess)
      expect(logged.n).toBe(2 * perProcess)
    } finally { reader.close() }
  })

  it('kill -9 of one process during writes loses nothing it acknowledged', async () => {
    const acknowledged: number[] = []
    const first = sql()
    const maxBefore = (first.prepare('select max(id) as n from articles').get() as { n: number }).n
    first.close()
    let stop = false
    const writer = async (server: QuireProcess) => {
      while (!stop) {
        try {
          const result = await createDraft(server)
          if (result.id !== null) acknowledged.push(result.id)
        } catch { return } // the killed process's connections end mid-request: those writes were never acknowledged
      }
    }
    const writers = [writer(one), writer(one), writer(two), writer(two)]
    while (acknowledged.length < 40) await new Promise((resolve) => setTimeout(resolve, 10))
    await one.kill9()
    const afterKill = acknowledged.length
    while (acknowledged.length < afterKill + 20) await new Promise((resolve) => setTimeout(resolve, 10))
    stop = true
    await Promise.all(writers)
    const reader = sql()
    try {
      expect(reader.pragma('integrity_check', { simple: true })).toBe('ok')
      const stored = reader.prepare(`select id from articles where id in (${acknowledged.join(',')})`).all() as Array<{ id: number }>
      expect(stored.length).toBe(acknowledged.length)
      // every stored article has its change: nothing half-applied
      const orphans = reader.prepare("select count(*) as n from articles a where a.id > ? and not exists (select 1 from changes c where c.entity_type = 'article' and c.entity_id = a.id)").get(maxBefore) as { n: number }
      expect(orphans.n).toBe(0)
    } finally { reader.close() }
    // the survivor carries on, and a restarted process joins it
    expect((await createDraft(two)).status).toBe(201)
    one = await startQuireProcess(db.path)
    expect((await createDraft(one)).status).toBe(201)
  }, 240_000)
})
