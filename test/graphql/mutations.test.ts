import type Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { toGlobalId } from '../../src/graphql/global-id.js'
import type { IssuedKey } from '../helpers/keys.js'
import { uniqueTitle } from '../helpers/content.js'
import { test, type TestApp } from '../helpers/app.js'
import { codes, gql } from '../helpers/graphql.js'

let app: TestApp
let sql: Database.Database
let keys: Record<'admin' | 'editor' | 'author' | 'preview', IssuedKey>
test.beforeAll(({ app: built, sql: readOnly, keys: issued }) => { app = built; sql = readOnly; keys = issued })

const fields = 'id databaseId slug title excerpt body status version wordCount featured publishedAt authors { databaseId } categories { databaseId } tags { databaseId } seo { title description }'
const as = (key: IssuedKey) => key.auth
const mutate = (query: string, variables: Record<string, unknown>, key: IssuedKey | null = keys.editor) => gql(app, query, variables, key === null ? {} : as(key))

/** The REST representation of the same article, reduced to what the GraphQL selection shows. */
async function restView (id: number) {
  const data = (await app.inject({ url: `/v1/articles/${id}`, headers: keys.editor.auth })).json().data
  return {
    databaseId: data.id, slug: data.slug, title: data.title, excerpt: data.excerpt ?? '', body: data.body, status: data.status.toUpperCase(), version: data.version,
    wordCount: data.wordCount, featured: data.featured, publishedAt: data.publishedAt,
    authors: data.authors.map((a: { id: number }) => ({ databaseId: a.id })), categories: data.categories.map((c: { id: number }) => ({ databaseId: c.id })),
    tags: data.tags.map((t: { id: number }) => ({ databaseId: t.id })), seo: data.seo
  }
}
const strip = ({ id: _id, ...rest }: Record<string, unknown>) => rest

describe('article mutations mirror REST', () => {
  it('create, update with expectedVersion, publish, unpublish, restore, delete', async () => {
    const title = uniqueTitle('GraphQL')
    const created = await mutate(`mutation($input: CreateArticleInput!) { createArticle(input: $input) { ${fields} } }`, {
      input: {
        edition: 'en', title, excerpt: 'Lead', body: '<p>One <script>x()</script>two three</p>',
        authorIds: [toGlobalId('Author', 2)], categoryIds: [toGlobalId('Category', 1)], tagIds: [toGlobalId('Tag', 1)], seo: { title: 'S' }
      }
    })
    expect(created.body.errors).toBeUndefined()
    const article = created.body.data.createArticle
    expect(article).toMatchObject({ status: 'DRAFT', version: 1, body: '<p>One two three</p>', wordCount: 3 })
    expect(strip(article)).toEqual(await restView(article.databaseId))
    expect(sql.prepare('select created_by_key_id k from articles where id = ?').get(article.databaseId)).toEqual({ k: keys.editor.id })

    const updated = await mutate(`mutation($id: ID!, $input: UpdateArticleInput!, $v: Int) { updateArticle(id: $id, input: $input, expectedVersion: $v) { ${fields} } }`,
      { id: article.id, input: { title: 'Renamed', excerpt: null, featured: true }, v: 1 })
    expect(updated.body.data.updateArticle).toMatchObject({ title: 'Renamed', excerpt: 'One two three', featured: true, version: 2 })
    // REST derives the same excerpt from the body
    expect(strip(updated.body.data.updateArticle)).toEqual(await restView(article.databaseId))

    const stale = await mutate('mutation($id: ID!) { updateArticle(id: $id, input: { title: "Lost" }, expectedVersion: 1) { version } }', { id: article.id })
    expect(codes(stale)).toEqual(['PRECONDITION_FAILED'])
    expect(stale.body.errors?.[0]?.extensions?.currentVersion).toBe(2)
    expect(sql.prepare('select title from articles where id = ?').get(article.databaseId)).toEqual({ title: 'Renamed' })

    const published = await mutate('mutation($id: ID!) { publishArticle(id: $id) { status version publishedAt } }', { id: article.id })
    expect(published.body.data.publishArticle).toMatchObject({ status: 'PUBLISHED', version: 3 })
    const publicRead = await gql(app, 'query($id: ID) { article(id: $id) { title status version } }', { id: article.id })
    // the public sees no version (null), as REST leaves it out
    expect(publicRead.body.data.article).toEqual({ title: 'Renamed', status: 'PUBLISHED', version: null })
    const again = await mutate('mutation($id: ID!) { publishArticle(id: $id) { status } }', { id: article.id })
    expect(codes(again)).toEqual(['UNPROCESSABLE'])

    const unpublished = await mutate('mutation($id: ID!) { unpublishArticle(id: $id, expectedVersion: 3) { status version } }', { id: article.id })
    expect(unpublished.body.data.unpublishArticle).toEqual({ status: 'DRAFT', version: 4 })
    expect((await gql(app, 'query($id: ID) { article(id: $id) { title } }', { id: article.id })).body.data.article).toBeNull()
    // keys read drafts through the same queries
    expect((await gql(app, 'query($id: ID) { article(id: $id) { title status } }', { id: article.id }, as(keys.preview))).body.data.article).toEqual({ title: 'Renamed', status: 'DRAFT' })

    const restored = await mutate('mutation($id: ID!) { restoreArticleRevision(id: $id, revision: 1) { title version } }', { id: article.id })
    expect(restored.body.data.restoreArticleRevision).toEqual({ title, version: 5 })
    const rest = (await app.inject({ url: `/v1/articles/${article.databaseId}/revisions`, headers: keys.editor.auth })).json()
    expect(rest.data.map((r: { action: string }) => r.action)).toEqual(['updated', 'unpublished', 'published', 'updated', 'created'])

    const deleted = await mutate('mutation($id: ID!) { deleteArticle(id: $id, expectedVersion: 5) { deletedId databaseId } }', { id: article.id })
    expect(deleted.body.data.deleteArticle).toEqual({ deletedId: article.id, databaseId: article.databaseId })
    expect((await app.inject({ url: `/v1/articles/${article.databaseId}`, headers: keys.editor.auth })).statusCode).toBe(404)
  })

  it('the same permission checks: UNAUTHENTICATED without a key, FORBIDDEN for a role without the permission', async () => {
    const before = (sql.prepare('select count(*) n from articles').get() as { n: number }).n
    const create = 'mutation($input: CreateArticleInput!) { createArticle(input: $input) { id } }'
    expect(codes(await mutate(create, { input: { edition: 'en', title: uniqueTitle() } }, null))).toEqual(['UNAUTHENTICATED'])
    expect(codes(await mutate(create, { input: { edition: 'en', title: uniqueTitle() } }, keys.preview))).toEqual(['FORBIDDEN'])
    const authored = await mutate(create, { input: { edition: 'en', title: uniqueTitle() } }, keys.author)
    const id = authored.body.data.createArticle.id
    expect(codes(await mutate('mutation($id: ID!) { publishArticle(id: $id) { id } }', { id }, keys.author))).toEqual(['FORBIDDEN'])
    expect((sql.prepare('select count(*) n from articles').get() as { n: number }).n).toBe(before + 1)
  })

  it('validates inputs with the REST body rules and refuses mutations over GET', async () => {
    const create = 'mutation($input: CreateArticleInput!) { createArticle(input: $input) { id } }'
    const cases: Array<Record<string, unknown>> = [
      { edition: 'en', title: '   ' },
      { edition: 'xx', title: 'x' },
      { edition: 'en', title: 'x', slug: 'a/b' },
      { edition: 'en', title: 'x', authorIds: ['not-an-id'] },
      { edition: 'en', title: 'x', authorIds: [toGlobalId('Tag', 1)] },
      { edition: 'en', title: 'x', source: { name: 'x', url: 'javascript:alert(1)' } }
    ]
    for (const input of cases) expect(codes(await mutate(create, { input })), JSON.stringify(input)).toEqual(['BAD_USER_INPUT'])
    const taken = sql.prepare(`select slug from articles where edition_id = 1 limit 1`).get() as { slug: string }
    expect(codes(await mutate(create, { input: { edition: 'en', title: 'x', slug: taken.slug } }))).toEqual(['CONFLICT'])
    const viaGet = await app.inject({ method: 'GET', url: `/graphql?query=${encodeURIComponent('mutation { deleteArticle(id: "QXJ0aWNsZTox") { databaseId } }')}`, headers: { ...as(keys.admin), 'mercurius-require-preflight': 'true' } })
    expect(viaGet.json().errors[0].extensions.code).toBe('METHOD_NOT_ALLOWED')
    expect(sql.prepare('select count(*) n from articles where id = 1').get()).toEqual({ n: 1 })
  })

  it('an invalid key is a 401 on /graphql too', async () => {
    const res = await app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', authorization: 'Bearer nope' }, payload: { query: '{ editions { code } }' } })
    expect(res.statusCode).toBe(401)
    expect(res.json().errors[0].extensions.code).toBe('UNAUTHENTICATED')
  })
})

describe('page mutations mirror REST', () => {
  it('create, publish, update, delete', async () => {
    const created = await mutate('mutation($input: CreatePageInput!) { createPage(input: $input) { id databaseId slug status version body } }', { input: { edition: 'ar', title: 'صفحة جديدة', body: '<p dir="rtl" style="x">نص</p>' } })
    const page = created.body.data.createPage
    expect(page).toMatchObject({ slug: 'صفحة-جديدة', status: 'DRAFT', version: 1, body: '<p dir="rtl">نص</p>' })
    const rest = (await app.inject({ url: `/v1/pages/${page.databaseId}`, headers: keys.editor.auth })).json().data
    expect({ slug: rest.slug, status: rest.status.toUpperCase(), version: rest.version, body: rest.body }).toEqual({ slug: page.slug, status: page.status, version: page.version, body: page.body })
    expect((await mutate('mutation($id: ID!) { publishPage(id: $id) { status version } }', { id: page.id })).body.data.publishPage).toEqual({ status: 'PUBLISHED', version: 2 })
    expect((await gql(app, 'query($id: ID) { page(id: $id) { title status version } }', { id: page.id })).body.data.page).toEqual({ title: 'صفحة جديدة', status: 'PUBLISHED', version: null })
    expect(codes(await mutate('mutation($id: ID!) { updatePage(id: $id, input: { title: "x" }, expectedVersion: 1) { version } }', { id: page.id }))).toEqual(['PRECONDITION_FAILED'])
    expect((await mutate('mutation($id: ID!) { updatePage(id: $id, input: { title: "من نحن" }, expectedVersion: 2) { title version } }', { id: page.id })).body.data.updatePage).toEqual({ title: 'من نحن', version: 3 })
    expect((await mutate('mutation($id: ID!) { deletePage(id: $id) { databaseId } }', { id: page.id })).body.data.deletePage).toEqual({ databaseId: page.databaseId })
    expect(sql.prepare('select count(*) n from pages where id = ?').get(page.databaseId)).toEqual({ n: 0 })
  })
})
