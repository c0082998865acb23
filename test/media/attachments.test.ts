import { describe, expect } from 'vitest'
import { toGlobalId } from '../../src/graphql/global-id.js'
import { test, type TestApp } from '../helpers/app.js'
import { gql } from '../helpers/graphql.js'
import type { IssuedKey } from '../helpers/keys.js'
import { uniqueTitle } from '../helpers/content.js'
import { syncUntilDone } from '../helpers/sync.js'

/*
 * Attachments of articles and pages: an ordered list of media items with labels, written through
 * the article and page write paths (If-Match), read in REST (include=attachments), GraphQL (batched)
 * and sync; bad lists are a problem+json and change nothing. Feeds and sitemaps: media-text.test.ts.
 */

type Raw = Record<string, any>
const problemJson = /^application\/problem\+json/

async function createMedia (app: TestApp, key: IssuedKey, body: Record<string, unknown>): Promise<number> {
  const res = await app.inject({ method: 'POST', url: '/v1/media', headers: key.auth, payload: body })
  expect(res.statusCode, res.body).toBe(201)
  return res.json().data.id
}

const file = (n: number, extra: Record<string, unknown> = {}) => ({ kind: 'document', url: `https://cdn.example/files/book-${n}.pdf`, mimeType: 'application/pdf', title: `Chapter ${n}`, ...extra })

async function makeFiles (app: TestApp, key: IssuedKey, n: number): Promise<number[]> {
  const ids: number[] = []
  for (let i = 1; i <= n; i++) ids.push(await createMedia(app, key, file(i)))
  return ids
}

async function publish (app: TestApp, key: IssuedKey, type: 'articles' | 'pages', id: number): Promise<void> {
  const res = await app.inject({ method: 'POST', url: `/v1/${type}/${id}/publish`, headers: key.auth, payload: { publishedAt: '2026-06-01T11:58:00Z' } })
  expect(res.statusCode, res.body).toBe(200)
}

// the first test also builds the app on a copy of the seeded database: slow on a busy machine
describe('attachments', { timeout: 90_000 }, () => {
  test('an article\'s attachments: written with If-Match, read as refs or embedded in the article\'s edition', async ({ app, keys, sql }) => {
    const [a, b, c] = await makeFiles(app, keys.editor, 3)
    const video = await createMedia(app, keys.editor, { kind: 'video', url: 'https://cdn.example/v/1.mp4', mimeType: 'video/mp4', caption: 'A video', translations: [{ edition: 'fa', caption: 'یک ویدیو' }] })
    const created = await app.inject({ method: 'POST', url: '/v1/articles', headers: keys.editor.auth, payload: { edition: 'fa', title: uniqueTitle(), attachments: [{ mediaId: video, label: 'دانلود ویدیو' }, { mediaId: a! }] } })
    expect(created.statusCode, created.body).toBe(201)
    const article = created.json().data
    expect(article.attachments.map((x: Raw) => [x.mediaId, x.label])).toEqual([[video, 'دانلود ویدیو'], [a, null]])

    const updated = await app.inject({ method: 'PATCH', url: `/v1/articles/${article.id}`, headers: { ...keys.editor.auth, 'if-match': `"v${article.version}"` }, payload: { attachments: [{ mediaId: c!, label: 'Part 3' }, { mediaId: video, label: 'دانلود ویدیو' }, { mediaId: b! }] } })
    expect(updated.statusCode, updated.body).toBe(200)
    expect(sql.prepare("select media_id m, label, position from attachments where owner_type = 'article' and owner_id = ? order by position").all(article.id))
      .toEqual([{ m: c, label: 'Part 3', position: 0 }, { m: video, label: 'دانلود ویدیو', position: 1 }, { m: b, label: null, position: 2 }])
    await publish(app, keys.editor, 'articles', article.id)

    // a single article embeds them by default; a list shows refs unless asked
    const one = await app.inject({ url: `/v1/articles/${article.id}` })
    const embedded = one.json().data.attachments
    expect(embedded.map((x: Raw) => [x.mediaId, x.label, x.media.id])).toEqual([[c, 'Part 3', c], [video, 'دانلود ویدیو', video], [b, null, b]])
    expect(embedded[1].media).toMatchObject({ caption: 'یک ویدیو', textEdition: 'fa' })
    for (const id of [b, c, video]) expect(one.headers['surrogate-key']).toContain(`media:${id}`)
    const list = await app.inject({ url: '/v1/articles?edition=fa&limit=5' })
    const listed = list.json().data.find((x: Raw) => x.id === article.id)
    expect(listed.attachments).toEqual([{ mediaId: c, label: 'Part 3' }, { mediaId: video, label: 'دانلود ویدیو' }, { mediaId: b, label: null }])
    expect(list.headers['surrogate-key']).toContain(`media:${video}`)
    const included = await app.inject({ url: '/v1/articles?edition=fa&limit=5&include=attachments&fields=title,attachments' })
    expect(included.json().data.find((x: Raw) => x.id === article.id).attachments[1].media.caption).toBe('یک ویدیو')

    // a media edit moves the article's cached responses (its key is on them) and shows at once
    const media = await app.inject({ url: `/v1/media/${video}`, headers: keys.editor.auth })
    const edited = await app.inject({ method: 'PATCH', url: `/v1/media/${video}`, headers: { ...keys.editor.auth, 'if-match': media.headers.etag as string }, payload: { translations: [{ edition: 'fa', caption: 'ویدیوی تازه' }] } })
    expect(edited.statusCode, edited.body).toBe(200)
    expect((await app.inject({ url: `/v1/articles/${article.id}` })).json().data.attachments[1].media.caption).toBe('ویدیوی تازه')

    // attached media cannot be deleted; the 409 names the article
    const del = await app.inject({ method: 'DELETE', url: `/v1/media/${b}`, headers: keys.editor.auth })
    expect(del.statusCode).toBe(409)
    expect(del.json().detail).toContain(`article ${article.id} (attachment)`)

    // revisions keep the list; the change log names it
    const change = sql.prepare("select summary from changes where entity_type = 'article' and entity_id = ? and action = 'updated' order by seq limit 1").get(article.id) as { summary: string }
    expect(Object.keys(JSON.parse(change.summary))).toContain('attachments')
  })

  test('bad attachment lists are a problem+json and change nothing', async ({ app, keys, sql }) => {
    const [a, b] = await makeFiles(app, keys.editor, 2)
    const created = await app.inject({ method: 'POST', url: '/v1/articles', headers: keys.editor.auth, payload: { edition: 'en', title: uniqueTitle(), attachments: [{ mediaId: a!, label: 'First' }] } })
    const article = created.json().data
    const state = () => ({
      row: sql.prepare('select version, updated_at from articles where id = ?').get(article.id),
      attachments: sql.prepare("select media_id, label, position from attachments where owner_type = 'article' and owner_id = ? order by position").all(article.id),
      changes: (sql.prepare("select count(*) n from changes where entity_type = 'article' and entity_id = ?").get(article.id) as { n: number }).n
    })
    const before = state()
    const many = Array.from({ length: 51 }, (_, i) => ({ mediaId: i + 1 }))
    const bad: Array<[string, unknown, string]> = [
      ['an unknown media id', [{ mediaId: 999_999 }], 'body.attachments.0.mediaId'],
      ['the same media twice', [{ mediaId: b! }, { mediaId: b!, label: 'again' }], 'body.attachments.1.mediaId'],
      ['more than 50', many, 'body.attachments'],
      ['a string id', [{ mediaId: String(b) }], 'body.attachments.0.mediaId'],
      ['an unknown field', [{ mediaId: b!, position: 3 }], 'body.attachments.0.position'],
      ['an empty label', [{ mediaId: b!, label: '' }], 'body.attachments.0.label'],
      ['a control character in a label', [{ mediaId: b!, label: 'bell\u0007' }], 'body.attachments.0.label'],
      ['not a list', { mediaId: b }, 'body.attachments']
    ]
    for (const [what, attachments, field] of bad) {
      const res = await app.inject({ method: 'PATCH', url: `/v1/articles/${article.id}`, headers: { ...keys.editor.auth, 'if-match': '"v1"' }, payload: { attachments } })
      expect(res.statusCode, `${what}: ${res.body}`).toBe(400)
      expect(res.headers['content-type'], what).toMatch(problemJson)
      expect(res.json().errors.map((e: Raw) => e.name), what).toContain(field)
      expect(state(), what).toEqual(before)
    }
    const stale = await app.inject({ method: 'PATCH', url: `/v1/articles/${article.id}`, headers: { ...keys.editor.auth, 'if-match': '"v7"' }, payload: { attachments: [] } })
    expect(stale.statusCode).toBe(412)
    expect(state()).toEqual(before)
    // a create with a bad list creates nothing
    const count = () => (sql.prepare('select count(*) n from articles').get() as { n: number }).n
    const articles = count()
    const refused = await app.inject({ method: 'POST', url: '/v1/articles', headers: keys.editor.auth, payload: { edition: 'en', title: uniqueTitle(), attachments: [{ mediaId: 999_999 }] } })
    expect(refused.statusCode).toBe(400)
    expect(count()).toBe(articles)
    // deleting the article takes its attachments with it
    const gone = await app.inject({ method: 'DELETE', url: `/v1/articles/${article.id}`, headers: keys.editor.auth })
    expect(gone.statusCode).toBe(204)
    expect(sql.prepare("select count(*) n from attachments where owner_type = 'article' and owner_id = ?").get(article.id)).toEqual({ n: 0 })
  })

  test('pages carry attachments in REST, GraphQL and sync; GraphQL writes take global ids', async ({ app, keys }) => {
    const [a, b] = await makeFiles(app, keys.editor, 2)
    const image = await createMedia(app, keys.editor, { kind: 'image', url: 'https://cdn.example/p/cover.jpg', mimeType: 'image/jpeg', caption: 'Cover', translations: [{ edition: 'sq', caption: 'Kopertina' }] })
    const created = await gql(app, `mutation ($input: CreatePageInput!) { createPage(input: $input) { databaseId attachments { position label media { databaseId caption textEdition } } } }`,
      { input: { edition: 'sq', title: uniqueTitle('Faqe'), attachments: [{ mediaId: toGlobalId('Media', image), label: 'Kopertina e librit' }, { mediaId: toGlobalId('Media', a!) }] } }, keys.editor.auth)
    expect(created.body.errors, JSON.stringify(created.body.errors)).toBeUndefined()
    const page = created.body.data.createPage
    expect(page.attachments).toEqual([
      { position: 0, label: 'Kopertina e librit', media: { databaseId: image, caption: 'Kopertina', textEdition: 'sq' } },
      { position: 1, label: null, media: { databaseId: a, caption: null, textEdition: null } }
    ])
    const badId = await gql(app, 'mutation ($input: CreatePageInput!) { createPage(input: $input) { databaseId } }',
      { input: { edition: 'sq', title: uniqueTitle(), attachments: [{ mediaId: toGlobalId('Article', 1) }] } }, keys.editor.auth)
    expect(badId.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
    await publish(app, keys.editor, 'pages', page.databaseId)

    const rest = await app.inject({ url: `/v1/pages/${page.databaseId}` })
    expect(rest.json().data.attachments.map((x: Raw) => [x.mediaId, x.label, x.media.caption])).toEqual([[image, 'Kopertina e librit', 'Kopertina'], [a, null, null]])
    expect(rest.headers['surrogate-key']).toContain(`media:${image}`)
    const list = await app.inject({ url: '/v1/pages?edition=sq' })
    expect(list.json().data.find((p: Raw) => p.id === page.databaseId).attachments).toEqual([{ mediaId: image, label: 'Kopertina e librit' }, { mediaId: a, label: null }])
    const embedded = await app.inject({ url: '/v1/pages?edition=sq&include=attachments' })
    expect(embedded.json().data.find((p: Raw) => p.id === page.databaseId).attachments[0].media.textEdition).toBe('sq')

    const { entries } = await syncUntilDone(app, 'types=page&edition=sq')
    const synced = entries.find((e) => e.type === 'page' && e.id === page.databaseId && e.action === 'upsert') as Raw
    expect(synced.entity.attachments).toEqual([{ mediaId: image, label: 'Kopertina e librit' }, { mediaId: a, label: null }])

    const sitemap = await app.inject({ url: '/sitemaps/sq/pages.xml' })
    expect(sitemap.body).toContain('<image:caption>Kopertina</image:caption>')

    // GraphQL reads of a level's attachments, articles and pages, in one query
    const article = await app.inject({ method: 'POST', url: '/v1/articles', headers: keys.editor.auth, payload: { edition: 'sq', title: uniqueTitle(), attachments: [{ mediaId: b!, label: 'B' }] } })
    await publish(app, keys.editor, 'articles', article.json().data.id)
    const read = await gql(app, `{ pages(edition: "sq", first: 20) { edges { node { databaseId attachments { label media { databaseId } } } } }
      articles(filter: { edition: "sq" }, first: 5) { edges { node { databaseId attachments { position label media { databaseId title } } } } } }`)
    expect(read.body.errors).toBeUndefined()
    const pageNode = read.body.data.pages.edges.map((e: Raw) => e.node).find((n: Raw) => n.databaseId === page.databaseId)
    expect(pageNode.attachments).toEqual([{ label: 'Kopertina e librit', media: { databaseId: image } }, { label: null, media: { databaseId: a } }])
    const articleNode = read.body.data.articles.edges.map((e: Raw) => e.node).find((n: Raw) => n.databaseId === article.json().data.id)
    expect(articleNode.attachments).toEqual([{ position: 0, label: 'B', media: { databaseId: b, title: 'Chapter 2' } }])
  })
})
