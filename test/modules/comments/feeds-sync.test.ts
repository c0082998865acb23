import { XMLParser } from 'fast-xml-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiKeyRole } from '../../../src/db/schema.js'
import type { TestApp } from '../../helpers/app.js'
import { issueKeys, type IssuedKey } from '../../helpers/keys.js'
import { apply, syncUntilDone } from '../../helpers/sync.js'
import { buildMovableApp, publishedArticleIds, submitComment } from '../../helpers/comments.js'

let context: Awaited<ReturnType<typeof buildMovableApp>>
let app: TestApp
let keys: Record<ApiKeyRole, IssuedKey>

beforeAll(async () => {
  context = await buildMovableApp()
  app = context.app
  keys = issueKeys(app)
})
afterAll(async () => { await app.close() })

describe('commentCount in feeds and sync, and erasure', () => {
  it('reaches RSS (slash:comments), Atom (thr:total), JSON Feed and sync clients; an erased commenter leaves no trace in reads, feeds or sync', async () => {
    const [articleId] = await publishedArticleIds(app, 1)
    const store = new Map<string, Record<string, unknown>>()
    const initial = await syncUntilDone(app, 'edition=en&types=article')
    apply(store, initial.entries)
    const before = store.get(`article:${articleId}`)!.commentCount as number

    const email = 'erase.everywhere@example.com'
    const posted = await submitComment(context, articleId!, { authorName: 'Erin Erasable', authorEmail: email, authorUrl: 'https://erin.example' })
    expect(posted.statusCode).toBe(202)
    await app.inject({ method: 'PATCH', url: `/v1/comments/${posted.json().data.id}`, headers: keys.editor.auth, payload: { status: 'approved' } })

    const delta = await syncUntilDone(app, `token=${initial.token}`)
    apply(store, delta.entries)
    expect(store.get(`article:${articleId}`)!.commentCount).toBe(before + 1)

    const rss = (await app.inject({ url: '/feeds/en/rss.xml' })).body
    expect(rss).toContain('xmlns:slash="http://purl.org/rss/1.0/modules/slash/"')
    expect(rss).toMatch(new RegExp(`<slash:comments>${before + 1}</slash:comments>`))
    const atom = (await app.inject({ url: '/feeds/en/atom.xml' })).body
    const atomEntries = new XMLParser({ ignoreAttributes: false, removeNSPrefix: false }).parse(atom).feed
    expect(atomEntries['@_xmlns:thr']).toBe('http://purl.org/syndication/thread/1.0')
    const commented = [atomEntries.entry].flat().find((entry: { id: string }) => entry.id.endsWith(`:articles/${articleId}`))
    expect(commented?.['thr:total']).toBe(before + 1)
    const json = (await app.inject({ url: '/feeds/en/feed.json' })).json()
    expect(json.items.some((item: { _quire?: { commentCount: number } }) => item._quire?.commentCount === before + 1)).toBe(true)

    const everything = async () => [
      (await app.inject({ url: `/v1/articles/${articleId}/comments?limit=100` })).body,
      (await app.inject({ url: '/v1/editions/en/comments/recent?limit=100' })).body,
      rss, atom, JSON.stringify(json),
      JSON.stringify((await syncUntilDone(app, 'edition=en&types=article')).entries)
    ].join('\n')
    expect(await everything()).toContain('Erin Erasable')
    expect(await everything()).not.toContain(email)

    const erased = await app.inject({ method: 'POST', url: '/v1/comments/erasure', headers: keys.admin.auth, payload: { email } })
    expect(erased.json().data).toEqual({ comments: 1, contactMessages: 0 })
    expect((await app.inject({ method: 'POST', url: '/v1/comments/erasure', headers: keys.editor.auth, payload: { email } })).statusCode).toBe(403)
    const after = await everything()
    expect(after).not.toMatch(/Erin|erin\.example|erase\.everywhere/)
    expect(after).toContain('Anonymous')
  })
})
