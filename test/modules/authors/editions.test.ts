import { describe, expect, it } from 'vitest'
import { toGlobalId } from '../../../src/graphql/global-id.js'
import { codes, gql } from '../../helpers/graphql.js'
import { useWriteContext } from '../../helpers/write-context.js'

const context = useWriteContext()

/** An author with an avatar on the byline of a published article of each of `editions`. */
const bylined = (editions: string[]) => context.sql.prepare(`select a.id, a.name, a.bio, m.alt_text alt from authors a join media m on m.id = a.avatar_media_id
  where ${editions.map(() => `exists (select 1 from article_authors aa join articles r on r.id = aa.article_id join editions e on e.id = r.edition_id
    where aa.author_id = a.id and r.status = 'published' and e.code = ?)`).join(' and ')} order by a.id limit 1`).get(...editions) as { id: number, name: string, bio: string | null, alt: string | null }
const articleBy = (author: number, edition: string) => context.sql.prepare(`select r.id, r.slug from articles r join article_authors aa on aa.article_id = r.id join editions e on e.id = r.edition_id
  where aa.author_id = ? and e.code = ? and r.status = 'published' order by r.published_at desc limit 1`).get(author, edition) as { id: number, slug: string }
const version = (id: number) => (context.sql.prepare('select version from authors where id = ?').get(id) as { version: number }).version
const state = () => context.sql.prepare(`select (select count(*) from author_translations) translations, (select count(*) from changes) changes,
  (select group_concat(version) from authors) versions`).get()
const patch = (id: number, payload: unknown, headers: Record<string, string> = {}) =>
  context.app.inject({ method: 'PATCH', url: `/v1/authors/${id}`, headers: { ...context.keys.editor.auth, ...headers }, payload: payload as object })
const get = async (url: string) => (await context.app.inject({ url })).json()

const farsi = { edition: 'fa', name: 'مایا تامسون', bio: 'خبرنگار انتخابات و حکمرانی.', avatarAlt: 'چهره مایا تامسون' }

describe('authors in every edition', () => {
  it('writes per-edition name, bio and avatar alt with If-Match; serves each edition with fallback to the author\'s own', async () => {
    const author = bylined(['fa', 'en'])
    const res = await patch(author.id, { translations: [farsi, { edition: 'sq', name: 'Maja Tompson' }] }, { 'if-match': `"v${version(author.id)}"` })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().data.translations).toEqual([
      { edition: 'fa', name: farsi.name, bio: farsi.bio, avatarAlt: farsi.avatarAlt },
      { edition: 'sq', name: 'Maja Tompson', bio: null, avatarAlt: null }
    ])

    const fa = (await get(`/v1/authors/${author.id}?edition=fa`)).data
    expect(fa).toMatchObject({ edition: 'fa', name: farsi.name, bio: farsi.bio, avatar: { altText: farsi.avatarAlt } })
    expect(fa.url).toContain('/fa/')
    // a field left out falls back to the author's own, the avatar's alt text to the media item's
    const sq = (await get(`/v1/authors/${author.id}?edition=sq`)).data
    expect(sq).toMatchObject({ edition: 'sq', name: 'Maja Tompson', bio: author.bio, avatar: { altText: author.alt } })
    const own = (await get(`/v1/authors/${author.id}`)).data
    expect(own).toMatchObject({ edition: 'en', name: author.name, bio: author.bio, avatar: { altText: author.alt } })
    expect((await get(`/v1/authors?edition=fa&limit=100`)).data.find((a: { id: number }) => a.id === author.id).name).toBe(farsi.name)
    const slug = own.slug as string
    expect((await get(`/v1/authors/by-slug/${encodeURIComponent(slug)}?edition=fa`)).data.name).toBe(farsi.name)

    // the byline of a Farsi article names the author in Farsi, of an English one in English
    const faArticle = articleBy(author.id, 'fa')
    const faEmbed = (await get(`/v1/editions/fa/articles/${encodeURIComponent(faArticle.slug)}?include=authors`)).data.authors
    expect(faEmbed.find((a: { id: number }) => a.id === author.id)).toEqual({ id: author.id, slug, name: farsi.name, url: fa.url })
    const enArticle = articleBy(author.id, 'en')
    const enEmbed = (await get(`/v1/editions/en/articles/${encodeURIComponent(enArticle.slug)}?include=authors`)).data.authors
    expect(enEmbed.find((a: { id: number }) => a.id === author.id).name).toBe(author.name)
    const faList = (await get('/v1/articles?edition=fa&limit=100&include=authors')).data
    expect(faList.find((a: { id: number }) => a.id === faArticle.id).authors.find((a: { id: number }) => a.id === author.id).name).toBe(farsi.name)

    // feeds and sync speak the edition too
    const feed = await context.app.inject(`/feeds/fa/authors/${encodeURIComponent(slug)}/feed.json`)
    expect(feed.statusCode).toBe(200)
    expect(feed.json().title).toContain(farsi.name)
    expect(JSON.stringify(feed.json().items[0].authors)).toContain(farsi.name)
    const sync = await context.app.inject({ url: '/v1/sync?edition=fa&types=author&limit=500', headers: context.keys.editor.auth })
    expect(sync.statusCode).toBe(200)
    const synced = sync.json().data.find((entry: { id: number }) => entry.id === author.id)
    expect(synced.entity).toMatchObject({ edition: 'fa', name: farsi.name, bio: farsi.bio })
  })

  it('serves the same over GraphQL: bylines in the article\'s edition, author(edition:)', async () => {
    const author = bylined(['fa', 'en'])
    await patch(author.id, { translations: [farsi] })
    const faArticle = articleBy(author.id, 'fa')
    const res = await gql(context.app, `query($slug: String!, $id: ID!) {
      article(edition: "fa", slug: $slug) { authors { databaseId name bio url edition { code direction } avatar { altText } } }
      author(id: $id, edition: "fa") { name bio url translations { edition name bio avatarAlt } }
      en: author(id: $id) { name edition { code } }
    }`, { slug: faArticle.slug, id: toGlobalId('Author', author.id) })
    expect(res.body.errors).toBeUndefined()
    const rest = (await get(`/v1/authors/${author.id}?edition=fa`)).data
    const byline = res.body.data.article.authors.find((a: { databaseId: number }) => a.databaseId === author.id)
    expect(byline).toEqual({ databaseId: author.id, name: farsi.name, bio: farsi.bio, url: rest.url, edition: { code: 'fa', direction: 'RTL' }, avatar: { altText: farsi.avatarAlt } })
    expect(res.body.data.author).toEqual({ name: farsi.name, bio: farsi.bio, url: rest.url, translations: rest.translations })
    expect(res.body.data.en).toEqual({ name: author.name, edition: { code: 'en' } })
    const bad = await gql(context.app, 'query($id: ID!) { author(id: $id, edition: "zz") { name } }', { id: toGlobalId('Author', author.id) })
    expect(codes(bad)).toEqual(['BAD_USER_INPUT'])

    const before = state()
    const mutation = await gql(context.app, 'mutation($id: ID!) { updateAuthor(id: $id, input: { translations: [{ edition: "fa", name: "الف" }, { edition: "fa", bio: "ب" }] }) { name } }',
      { id: toGlobalId('Author', author.id) }, context.keys.editor.auth)
    expect(codes(mutation)).toEqual(['BAD_USER_INPUT'])
    expect(state()).toEqual(before)
  })

  const longAlt = 'x'.repeat(501)
  it.each([
    ['an unknown edition', { translations: [{ edition: 'zz', name: 'Z' }] }, 'body.translations.0.edition'],
    ['an edition twice', { translations: [{ edition: 'fa', name: 'A' }, { edition: 'fa', bio: 'B' }] }, 'body.translations.1.edition'],
    ['an entry with nothing but the edition', { translations: [{ edition: 'fa' }] }, 'body.translations.0'],
    ['a blank name', { translations: [{ edition: 'fa', name: '  ' }] }, 'body.translations.0.name'],
    ['an alt text too long', { translations: [{ edition: 'fa', avatarAlt: longAlt }] }, 'body.translations.0.avatarAlt'],
    ['an unknown field', { translations: [{ edition: 'fa', name: 'A', title: 'B' }] }, 'body.translations.0.title'],
    ['an object instead of a list', { translations: { fa: { name: 'A' } } }, 'body.translations']
  ])('refuses %s with problem+json and changes nothing', async (_what, payload, field) => {
    const author = bylined(['fa'])
    const before = state()
    const res = await patch(author.id, payload, { 'if-match': `"v${version(author.id)}"` })
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(JSON.stringify(res.json().errors)).toContain(field)
    expect(state()).toEqual(before)
  })

  it('refuses a stale If-Match (412) and an unknown edition to read in (400), changing nothing', async () => {
    const author = bylined(['fa'])
    const before = state()
    const stale = await patch(author.id, { translations: [] }, { 'if-match': '"v999"' })
    expect(stale.statusCode).toBe(412)
    expect(state()).toEqual(before)
    const unknown = await context.app.inject(`/v1/authors/${author.id}?edition=zz`)
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().errors).toEqual([expect.objectContaining({ name: 'query.edition' })])
    // [] removes every entry
    expect((await patch(author.id, { translations: [farsi] })).statusCode).toBe(200)
    expect((await patch(author.id, { translations: [] })).json().data.translations).toEqual([])
    expect((await get(`/v1/authors/${author.id}?edition=fa`)).data.name).toBe(author.name)
  })
})
