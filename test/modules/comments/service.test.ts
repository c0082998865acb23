import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Principal } from '../../../src/auth/principal.js'
import type { Db } from '../../../src/db/connection.js'
import { openDatabase } from '../../../src/database.js'
import { createServices, type Services } from '../../../src/services.js'
import { copyTemplateDatabase, testConfig } from '../../helpers/app.js'
import { TEST_NOW } from '../../helpers/clock.js'
import { issueKey } from '../../helpers/keys.js'

/**
 * Service level, one connection: the comment count kept in each write's transaction, erasure, and
 * the webhook events comment and contact writes queue.
 */
let db: Db
let services: Services
let cleanup: () => void
let now = TEST_NOW.getTime()
let editor: Principal
let admin: Principal
let articleIds: number[]

beforeAll(async () => {
  const copy = copyTemplateDatabase()
  cleanup = copy.cleanup
  db = openDatabase(copy.path)
  // a window and address limit that a long random run never reaches
  const config = testConfig({ databasePath: copy.path })
  services = createServices({ db, clock: () => new Date(now), config: { ...config, discussion: { ...config.discussion, perIpMax: 1_000_000, perArticleMax: 1_000_000 } } })
  const editorKey = issueKey({ databasePath: copy.path }, 'editor')
  const adminKey = issueKey({ databasePath: copy.path }, 'admin')
  editor = { keyId: editorKey.id, name: 'Desk', role: 'editor' }
  admin = { keyId: adminKey.id, name: 'Admin', role: 'admin' }
  await services.webhooks.create({ url: 'http://127.0.0.1:9/hook', events: ['comment.*', 'contact.received'] }, admin)
  articleIds = (db.$client.prepare('select id from articles where visible_from <= ? order by id limit 3').all(now) as Array<{ id: number }>).map((r) => r.id)
})
afterAll(() => {
  db.$client.close()
  cleanup()
})

let serial = 0
function submit (articleId: number, extra: { email?: string, parentId?: number } = {}) {
  const token = services.comments.tokens.issue(`article:${articleId}`, now).token
  now += 5_000
  return services.comments.submit(articleId, {
    token, authorName: 'Reader', body: `Comment ${++serial}`, ...(extra.email !== undefined ? { authorEmail: extra.email } : {}), ...(extra.parentId !== undefined ? { parentId: extra.parentId } : {})
  }, { ip: `203.0.113.${serial % 250}` })
}

const storedCounts = () => db.$client.prepare('select id, comment_count as n from articles where id in (?, ?, ?) order by id').all(...articleIds)
const actualCounts = () => db.$client.prepare(`select a.id, (select count(*) from comments c where c.article_id = a.id and c.status = 'approved') as n
  from articles a where a.id in (?, ?, ?) order by a.id`).all(...articleIds)

describe('commentCount', () => {
  it('equals count(*) of approved comments after any sequence of submit, reply, approve, spam, trash, restore, delete and bulk', () => {
    // weighted towards approvals and replies, so subtrees with approved replies get deleted too
    const step = fc.oneof(
      { arbitrary: fc.record({ kind: fc.constant('submit' as const), article: fc.nat(2) }), weight: 3 },
      { arbitrary: fc.record({ kind: fc.constant('reply' as const), pick: fc.nat() }), weight: 3 },
      { arbitrary: fc.record({ kind: fc.constant('status' as const), pick: fc.nat(), status: fc.constant('approved' as const) }), weight: 3 },
      { arbitrary: fc.record({ kind: fc.constant('status' as const), pick: fc.nat(), status: fc.constantFrom('approved', 'spam', 'trash', 'pending') as fc.Arbitrary<'approved' | 'spam' | 'trash' | 'pending'> }), weight: 2 },
      { arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }), weight: 1 },
      { arbitrary: fc.record({ kind: fc.constant('bulk' as const), picks: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), action: fc.constantFrom('approve', 'spam', 'trash', 'restore', 'delete') as fc.Arbitrary<'approve' | 'spam' | 'trash' | 'restore' | 'delete'> }), weight: 1 }
    )
    fc.assert(fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), (steps) => {
      const ids = () => (db.$client.prepare('select id from comments where article_id in (?, ?, ?) order by id').all(...articleIds) as Array<{ id: number }>).map((r) => r.id)
      const approved = () => (db.$client.prepare('select id from comments where article_id in (?, ?, ?) and status = \'approved\' and depth < 2 order by id').all(...articleIds) as Array<{ id: number }>).map((r) => r.id)
      const pickOf = (list: number[], n: number) => list.length === 0 ? undefined : list[n % list.length]
      for (const s of steps) {
        if (s.kind === 'submit') submit(articleIds[s.article]!)
        if (s.kind === 'reply') {
          const parent = pickOf(approved(), s.pick)
          if (parent !== undefined) {
            const articleId = (db.$client.prepare('select article_id as a from comments where id = ?').get(parent) as { a: number }).a
            submit(articleId, { parentId: parent })
          }
        }
        if (s.kind === 'status') {
          const id = pickOf(ids(), s.pick)
          if (id !== undefined) services.comments.moderate(id, { status: s.status }, { actor: editor })
        }
        if (s.kind === 'delete') {
          const id = pickOf(ids(), s.pick)
          if (id !== undefined) services.comments.remove(id, { actor: editor })
        }
        if (s.kind === 'bulk') {
          const all = ids()
          const chosen = [...new Set(s.picks.map((n) => pickOf(all, n)).filter((id): id is number => id !== undefined))]
          if (chosen.length > 0) services.comments.bulk(chosen, s.action, editor)
        }
      }
      expect(storedCounts()).toEqual(actualCounts())
    }), { numRuns: 40 })
  })

  it('is verified and repaired by the rebuild', () => {
    const articleId = articleIds[0]!
    const right = (db.$client.prepare('select comment_count as n from articles where id = ?').get(articleId) as { n: number }).n
    db.$client.prepare('update articles set comment_count = 999 where id = ?').run(articleId)
    const result = services.comments.rebuildCounts()
    expect(result.fixed).toEqual([{ articleId, was: 999, is: right }])
    expect(services.comments.rebuildCounts().fixed).toEqual([])
  })
})

describe('erasure', () => {
  it('anonymises every comment of an address and deletes its contact messages', () => {
    const email = 'forget.me@example.com'
    const first = submit(articleIds[1]!, { email })
    services.comments.moderate(first.id, { status: 'approved' }, { actor: editor })
    submit(articleIds[2]!, { email: 'Forget.Me@Example.com' })
    const token = services.comments.tokens.issue('contact:en', now).token
    now += 5_000
    services.contact.submit('en', { token, name: 'Forget Me', email, subject: 'Hi', message: 'Please erase me later' }, { ip: '203.0.113.200' })

    expect(() => services.comments.erase(email, 'anonymise', editor)).toThrow(/may not/)
    expect(services.comments.erase(email, 'anonymise', admin)).toBe(2)
    expect(services.contact.eraseByEmail(email)).toBe(1)
    const traces = db.$client.prepare(`select
      (select count(*) from comments where author_email = ? or author_name = 'Reader' and id = ?) as comments,
      (select count(*) from contact_messages where email = ?) as messages,
      (select count(*) from changes where summary like '%forget%') as changes,
      (select count(*) from webhook_events where payload like '%forget%' and type like 'comment.%') as events`).get(email, first.id, email)
    expect(traces).toEqual({ comments: 0, messages: 0, changes: 0, events: 0 })
    const publicView = services.comments.listForArticle(articleIds[1]!, { limit: 100 })
    const erased = publicView.items.find((c) => c.id === first.id)
    expect(erased).toMatchObject({ authorName: 'Anonymous', authorUrl: null })
  })

  it('deletes them, replies included, when asked to', () => {
    const email = 'delete.me@example.com'
    const first = submit(articleIds[0]!, { email })
    services.comments.moderate(first.id, { status: 'approved' }, { actor: editor })
    const reply = submit(articleIds[0]!, { parentId: first.id })
    services.comments.moderate(reply.id, { status: 'approved' }, { actor: editor })
    expect(services.comments.erase(email, 'delete', admin)).toBe(1)
    expect(db.$client.prepare('select count(*) as n from comments where id in (?, ?)').get(first.id, reply.id)).toEqual({ n: 0 })
    expect(storedCounts()).toEqual(actualCounts())
  })
})

describe('webhook events', () => {
  const events = (type: string) => db.$client.prepare('select entity_id as id, payload from webhook_events where type = ? order by id').all(type) as Array<{ id: number, payload: string }>

  it('queues comment.created and comment.approved without email, address or text', () => {
    const posted = submit(articleIds[1]!, { email: 'private@example.com' })
    services.comments.moderate(posted.id, { status: 'approved' }, { actor: editor })
    const created = events('comment.created').find((e) => e.id === posted.id)!
    const approved = events('comment.approved').find((e) => e.id === posted.id)!
    expect(JSON.parse(created.payload).data).toMatchObject({ id: posted.id, articleId: articleIds[1], edition: 'en', status: 'pending' })
    expect(JSON.parse(approved.payload).data.status).toBe('approved')
    for (const event of [created, approved]) expect(event.payload).not.toMatch(/private@|203\.0\.113|Comment \d/)
  })

  it('queues contact.received with the whole message, for the newsroom', () => {
    const token = services.comments.tokens.issue('contact:en', now).token
    now += 5_000
    const { reference } = services.contact.submit('en', { token, name: 'Tipster', email: 'tip@example.com', subject: 'A tip', message: 'Look at the budget' }, { ip: '203.0.113.201' })
    const event = events('contact.received').map((e) => JSON.parse(e.payload)).find((p) => p.data.reference === reference)
    expect(event.data).toMatchObject({ edition: 'en', name: 'Tipster', email: 'tip@example.com', subject: 'A tip', message: 'Look at the budget', status: 'new' })
  })

  it('imports comments with their dates, status and threading', () => {
    const at = Date.parse('2019-03-01T10:00:00Z')
    const before = (db.$client.prepare('select comment_count as n from articles where id = ?').get(articleIds[2]!) as { n: number }).n
    const parent = services.comments.importComment({ articleId: articleIds[2]!, status: 'approved', authorName: 'Old reader', authorEmail: 'old@example.com', body: 'From 2019', createdAt: at })
    const child = services.comments.importComment({ articleId: articleIds[2]!, parentId: parent.id, status: 'approved', authorName: 'Older reply', body: 'Reply', createdAt: at + 1000 })
    services.comments.importComment({ articleId: articleIds[2]!, status: 'spam', authorName: 'Spam', body: 'Buy', createdAt: at })
    expect(child.depth).toBe(1)
    const thread = services.comments.listForArticle(articleIds[2]!, { limit: 2 })
    expect(thread.items.map((c) => [c.id, c.createdAt])).toEqual([[parent.id, '2019-03-01T10:00:00.000Z'], [child.id, '2019-03-01T10:00:01.000Z']])
    expect((db.$client.prepare('select comment_count as n from articles where id = ?').get(articleIds[2]!) as { n: number }).n).toBe(before + 2)
  })
})

describe('quire comments', () => {
  it('erases an address from the command line without echoing it, and recounts', async () => {
    const { runCommentsCommand } = await import('../../../src/cli/comments.js')
    const email = 'cli.erase@example.com'
    const posted = submit(articleIds[1]!, { email })
    const out: string[] = []
    const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t) }
    expect(runCommentsCommand(db, testConfig(), ['erase', '--email', email], io)).toBe(0)
    expect(out.join('')).toBe('erased: 1 comments anonymised, 0 contact messages deleted\n')
    expect(db.$client.prepare('select author_email as email, author_name as name from comments where id = ?').get(posted.id)).toEqual({ email: null, name: 'Anonymous' })
    expect(runCommentsCommand(db, testConfig(), ['recount'], io)).toBe(0)
    expect(out.at(-1)).toMatch(/^comment counts checked: \d+ articles, 0 fixed\n$/)
    expect(runCommentsCommand(db, testConfig(), ['erase'], io)).toBe(1)
  })
})
