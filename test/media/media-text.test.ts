import { extractFromJson, extractFromXml } from '@extractus/feed-extractor'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { describe, expect } from 'vitest'
import { test, type TestApp } from '../helpers/app.js'
import { gql } from '../helpers/graphql.js'
import type { IssuedKey } from '../helpers/keys.js'
import { uniqueTitle } from '../helpers/content.js'
import { toGlobalId } from '../../src/graphql/global-id.js'

/*
 * Per-edition media text: alt text, caption, credit and title in an edition, each falling back to
 * the item's default text, in every protocol (REST, GraphQL, feeds, sitemaps), and writes that
 * refuse bad input without changing anything.
 */

type Raw = Record<string, any>
const asList = <T>(value: T | T[] | undefined): T[] => value === undefined ? [] : Array.isArray(value) ? value : [value]
const problemJson = /^application\/problem\+json/

async function createMedia (app: TestApp, key: IssuedKey, body: Record<string, unknown>): Promise<Raw> {
  const res = await app.inject({ method: 'POST', url: '/v1/media', headers: key.auth, payload: body })
  expect(res.statusCode, res.body).toBe(201)
  return res.json().data
}

/** An Arabic article featuring `mediaId`, published at the fixed test instant (so feeds and sitemaps list it first). */
async function publishedArticle (app: TestApp, key: IssuedKey, body: Record<string, unknown>): Promise<Raw> {
  const created = await app.inject({ method: 'POST', url: '/v1/articles', headers: key.auth, payload: { edition: 'ar', title: uniqueTitle('مقال'), body: '<p>نص</p>', ...body } })
  expect(created.statusCode, created.body).toBe(201)
  const { id } = created.json().data
  const published = await app.inject({ method: 'POST', url: `/v1/articles/${id}/publish`, headers: key.auth, payload: { publishedAt: '2026-06-01T11:59:00Z' } })
  expect(published.statusCode, published.body).toBe(200)
  return published.json().data
}

const photo = {
  kind: 'image',
  url: 'https://cdn.example/photos/protest.jpg',
  mimeType: 'image/jpeg',
  width: 1600,
  height: 900,
  title: 'March on the square',
  altText: 'People marching with banners',
  caption: 'Thousands marched on Saturday.',
  credit: 'Photo: Quire',
  translations: [
    { edition: 'ar', title: 'مسيرة في الساحة', caption: 'سار الآلاف يوم السبت.' },
    { edition: 'fa', altText: 'مردم با پلاکارد راهپیمایی می‌کنند' }
  ]
}

// the first test also builds the app on a copy of the seeded database: slow on a busy machine
describe('media text per edition', { timeout: 90_000 }, () => {
  test('REST: ?edition= picks the edition\'s text field by field, the default fills the gaps', async ({ app, keys }) => {
    const { id } = await createMedia(app, keys.editor, photo)
    const read = async (query: string) => {
      const res = await app.inject({ url: `/v1/media/${id}${query}` })
      expect(res.statusCode, res.body).toBe(200)
      return res.json().data
    }
    expect(await read('?edition=ar')).toMatchObject({
      title: 'مسيرة في الساحة', caption: 'سار الآلاف يوم السبت.', altText: 'People marching with banners', credit: 'Photo: Quire', textEdition: 'ar'
    })
    expect(await read('?edition=fa')).toMatchObject({ title: 'March on the square', altText: 'مردم با پلاکارد راهپیمایی می‌کنند', caption: 'Thousands marched on Saturday.', textEdition: 'fa' })
    // an edition without text of its own, and no edition at all: the default text
    for (const query of ['?edition=sq', '']) {
      expect(await read(query)).toMatchObject({ title: 'March on the square', caption: 'Thousands marched on Saturday.', textEdition: null })
    }
    const item = await read('')
    expect(item.translations).toEqual([
      { edition: 'ar', title: 'مسيرة في الساحة', altText: null, caption: 'سار الآلاف يوم السبت.', credit: null },
      { edition: 'fa', title: null, altText: 'مردم با پلاکارد راهپیمایی می‌کنند', caption: null, credit: null }
    ])
    const list = await app.inject({ url: '/v1/media?edition=ar&limit=100' })
    expect(list.json().data.find((m: Raw) => m.id === id)).toMatchObject({ caption: 'سار الآلاف يوم السبت.', textEdition: 'ar' })
    // the edition parameter picks text; it does not filter the (global) media list
    expect(list.headers['surrogate-key']).toContain('list:media')
    expect(list.headers['surrogate-key']).not.toContain('list:media:ar')

    const unknown = await app.inject({ url: `/v1/media/${id}?edition=xx` })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.headers['content-type']).toMatch(problemJson)
    expect(unknown.json().errors).toEqual([{ name: 'query.edition', reason: 'no edition has code "xx"' }])
  })

  test('writes replace the list with If-Match; bad entries are a problem+json and change nothing', async ({ app, keys, sql }) => {
    const { id } = await createMedia(app, keys.editor, photo)
    const state = () => ({
      media: sql.prepare('select version, title, caption from media where id = ?').get(id),
      texts: sql.prepare('select e.code, t.title, t.alt_text, t.caption, t.credit from media_translations t join editions e on e.id = t.edition_id where media_id = ? order by e.code').all(id),
      changes: (sql.prepare("select count(*) n from changes where entity_type = 'media' and entity_id = ?").get(id) as { n: number }).n
    })
    const patch = (payload: unknown, headers: Record<string, string> = {}) =>
      app.inject({ method: 'PATCH', url: `/v1/media/${id}`, headers: { ...keys.editor.auth, ...headers }, payload: payload as object })
    const before = state()
    const bad: Array<[string, unknown, string]> = [
      ['an unknown edition', { translations: [{ edition: 'xx', caption: 'x' }] }, 'body.translations.0.edition'],
      ['the same edition twice', { translations: [{ edition: 'ar', caption: 'a' }, { edition: 'ar', title: 'b' }] }, 'body.translations.1.edition'],
      ['an entry without text', { translations: [{ edition: 'sq', caption: null }] }, 'body.translations.0'],
      ['a control character in a caption', { translations: [{ edition: 'sq', caption: 'bell\u0007' }] }, 'body.translations.0.caption'],
      ['a line break in a title', { translations: [{ edition: 'sq', title: 'two\nlines' }] }, 'body.translations.0.title'],
      ['an unknown field', { translations: [{ edition: 'sq', caption: 'x', language: 'sq' }] }, 'body.translations.0.language'],
      ['an edition code that is no code', { translations: [{ edition: 'Arabic', caption: 'x' }] }, 'body.translations.0.edition']
    ]
    for (const [what, payload, field] of bad) {
      const res = await patch(payload, { 'if-match': '"v1"' })
      expect(res.statusCode, what).toBe(400)
      expect(res.headers['content-type'], what).toMatch(problemJson)
      expect(res.json().errors.map((e: Raw) => e.name), what).toContain(field)
      expect(state(), what).toEqual(before)
    }
    const stale = await patch({ translations: [] }, { 'if-match': '"v9"' })
    expect(stale.statusCode).toBe(412)
    expect(state()).toEqual(before)

    const ok = await patch({ caption: 'Default caption', translations: [{ edition: 'sq', caption: 'Mijëra marshuan të shtunën.', credit: 'Foto: Quire' }] }, { 'if-match': '"v1"' })
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.headers.etag).toBe('"v2"')
    expect(state().texts).toEqual([{ code: 'sq', title: null, alt_text: null, caption: 'Mijëra marshuan të shtunën.', credit: 'Foto: Quire' }])
    const change = sql.prepare("select summary from changes where entity_type = 'media' and entity_id = ? and action = 'updated'").get(id) as { summary: string }
    expect(Object.keys(JSON.parse(change.summary))).toEqual(expect.arrayContaining(['caption', 'translations']))
  })

  test('GraphQL: an edition argument, and an article\'s featured media in the article\'s edition', async ({ app, keys }) => {
    const media = await createMedia(app, keys.editor, photo)
    const article = await publishedArticle(app, keys.editor, { featuredMediaId: media.id })
    const res = await gql(app, `query ($id: ID!, $article: ID!) {
      media(id: $id, edition: "ar") { caption credit textEdition translations { edition caption } }
      plain: media(id: $id) { caption textEdition }
      article(id: $article) { featuredMedia { title caption credit textEdition } }
    }`, { id: toGlobalId('Media', media.id), article: toGlobalId('Article', article.id) })
    expect(res.body.errors).toBeUndefined()
    expect(res.body.data.media).toEqual({
      caption: 'سار الآلاف يوم السبت.', credit: 'Photo: Quire', textEdition: 'ar',
      translations: [{ edition: 'ar', caption: 'سار الآلاف يوم السبت.' }, { edition: 'fa', caption: null }]
    })
    expect(res.body.data.plain).toEqual({ caption: 'Thousands marched on Saturday.', textEdition: null })
    expect(res.body.data.article.featuredMedia).toEqual({ title: 'مسيرة في الساحة', caption: 'سار الآلاف يوم السبت.', credit: 'Photo: Quire', textEdition: 'ar' })
    const unknown = await gql(app, 'query ($id: ID!) { media(id: $id, edition: "xx") { caption } }', { id: toGlobalId('Media', media.id) })
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
  })

  test('REST: an article embeds its featured media in its own edition', async ({ app, keys }) => {
    const media = await createMedia(app, keys.editor, photo)
    const article = await publishedArticle(app, keys.editor, { featuredMediaId: media.id })
    const res = await app.inject({ url: `/v1/articles/${article.id}` })
    expect(res.json().data.featuredMedia).toMatchObject({ id: media.id, caption: 'سار الآلاف يوم السبت.', credit: 'Photo: Quire', textEdition: 'ar' })
    expect(res.headers['surrogate-key']).toContain(`media:${media.id}`)
  })

  test('feeds carry the edition\'s text in Media RSS and JSON Feed, read by a feed parser', async ({ app, keys }) => {
    const video = await createMedia(app, keys.editor, {
      kind: 'video', url: 'https://cdn.example/video/march.mp4', mimeType: 'video/mp4', bytes: 1234567, durationSeconds: 90,
      title: 'The march', caption: 'Video of the march', credit: 'Video: Quire',
      translations: [{ edition: 'ar', title: 'المسيرة', caption: 'فيديو المسيرة' }]
    })
    const image = await createMedia(app, keys.editor, photo)
    const article = await publishedArticle(app, keys.editor, { featuredMediaId: image.id, attachments: [{ mediaId: video.id, label: 'حمّل الفيديو' }] })

    const rss = await app.inject({ url: '/feeds/ar/rss.xml' })
    expect(rss.statusCode).toBe(200)
    expect(XMLValidator.validate(rss.body)).toBe(true)
    const options = { descriptionMaxLen: 0, getExtraEntryFields: (raw: Raw) => ({ raw }) }
    const rssEntry = extractFromXml(rss.body, options).entries?.find((e) => e.title === article.title)
    expect(rssEntry).toBeDefined()
    const rssRaw = (rssEntry as Raw).raw as Raw
    const contents = asList<Raw>(rssRaw['media:content'])
    expect(contents.map((c) => [c['@_url'], c['media:title'], c['media:description'], c['media:credit']])).toEqual([
      [photo.url, 'مسيرة في الساحة', 'سار الآلاف يوم السبت.', 'Photo: Quire'],
      ['https://cdn.example/video/march.mp4', 'حمّل الفيديو', 'فيديو المسيرة', 'Video: Quire']
    ])
    // RSS's single enclosure: the first file, here the attachment (a featured image is shown, not enclosed)
    expect(rssRaw.enclosure).toMatchObject({ '@_url': 'https://cdn.example/video/march.mp4', '@_type': 'video/mp4', '@_length': '1234567' })

    const atom = await app.inject({ url: '/feeds/ar/atom.xml' })
    const atomEntry = extractFromXml(atom.body, options).entries?.find((e) => e.title === article.title) as Raw
    const enclosures = asList<Raw>(atomEntry.raw.link).filter((l) => l['@_rel'] === 'enclosure')
    expect(enclosures.map((l) => [l['@_href'], l['@_title']])).toEqual([['https://cdn.example/video/march.mp4', 'حمّل الفيديو']])
    expect(asList<Raw>(atomEntry.raw['media:content']).map((c) => c['media:description'])).toEqual(['سار الآلاف يوم السبت.', 'فيديو المسيرة'])

    const json = await app.inject({ url: '/feeds/ar/feed.json' })
    const jsonEntry = extractFromJson(json.body, options).entries?.find((e) => e.title === article.title) as Raw
    expect(jsonEntry.raw.attachments).toEqual([{ url: 'https://cdn.example/video/march.mp4', mime_type: 'video/mp4', title: 'حمّل الفيديو', size_in_bytes: 1234567, duration_in_seconds: 90 }])
    expect(json.headers['surrogate-key']).toContain(`media:${video.id}`)

    // the English feed shows none of it (the article is Arabic); the default text is the English caption
    const en = await app.inject({ url: '/feeds/en/rss.xml' })
    expect(en.body).not.toContain('فيديو المسيرة')
  })

  test('sitemaps list the featured image and image attachments with the edition\'s caption and title', async ({ app, keys }) => {
    const image = await createMedia(app, keys.editor, photo)
    const second = await createMedia(app, keys.editor, { ...photo, url: 'https://cdn.example/photos/second.jpg', translations: [{ edition: 'ar', caption: 'الصورة الثانية' }] })
    const pdf = await createMedia(app, keys.editor, { kind: 'document', url: 'https://cdn.example/files/issue.pdf', mimeType: 'application/pdf', title: 'Newsletter' })
    const article = await publishedArticle(app, keys.editor, { featuredMediaId: image.id, attachments: [{ mediaId: pdf.id }, { mediaId: second.id, label: null }] })

    const res = await app.inject({ url: '/sitemaps/ar/articles-1.xml' })
    expect(res.statusCode).toBe(200)
    expect(XMLValidator.validate(res.body)).toBe(true)
    expect(res.headers['surrogate-key']).toContain('list:media')
    const doc = new XMLParser({ ignoreAttributes: false }).parse(res.body) as Raw
    const url = asList<Raw>(doc.urlset.url).find((u) => u.loc === article.url)
    expect(url).toBeDefined()
    expect(asList<Raw>(url!['image:image'])).toEqual([
      { 'image:loc': photo.url, 'image:caption': 'سار الآلاف يوم السبت.', 'image:title': 'مسيرة في الساحة' },
      // no Arabic title: the default one
      { 'image:loc': 'https://cdn.example/photos/second.jpg', 'image:caption': 'الصورة الثانية', 'image:title': 'March on the square' }
    ])
  })
})
