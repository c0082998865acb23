import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { createDraft, publish, uniqueTitle } from '../../helpers/content.js'
import { codes, gql } from '../../helpers/graphql.js'
import { useWriteContext } from '../../helpers/write-context.js'
import { toGlobalId } from '../../../src/graphql/global-id.js'

const context = useWriteContext()

const count = (table: string) => (context.sql.prepare(`select count(*) n from ${table}`).get() as { n: number }).n
const counts = () => [count('categories'), count('changes')]
const create = (payload: unknown, key = context.keys.editor) => context.app.inject({ method: 'POST', url: '/v1/categories', headers: key.auth, payload: payload as object })
const patch = (id: number, payload: unknown, headers: Record<string, string> = {}) =>
  context.app.inject({ method: 'PATCH', url: `/v1/categories/${id}`, headers: { ...context.keys.editor.auth, ...headers }, payload: payload as object })
const createdId = async (payload: Record<string, unknown>): Promise<number> => {
  const res = await create(payload)
  expect(res.statusCode, res.body).toBe(201)
  return res.json().data.id as number
}
const row = (id: number) => context.sql.prepare('select slug, name, parent_id parentId, position, translation_group grp, version from categories where id = ?').get(id) as
  { slug: string, name: string, parentId: number | null, position: number, grp: number | null, version: number } | undefined
const changesOf = (type: string, id: number) => context.sql.prepare('select action, key_id k from changes where entity_type = ? and entity_id = ? order by seq').all(type, id)

describe('category writes over REST', () => {
  it('creates with a generated slug after its siblings, with Location and the version ETag; the public sees it', async () => {
    const name = uniqueTitle('Économie Locale')
    const res = await create({ edition: 'en', name, description: 'Local economy' })
    expect(res.statusCode).toBe(201)
    const category = res.json().data
    const lastTop = context.sql.prepare("select max(position) p from categories where edition_id = 1 and parent_id is null and id <> ?").get(category.id) as { p: number }
    expect(category).toMatchObject({ edition: 'en', name, description: 'Local economy', parentId: null, position: lastTop.p + 1, translations: [], version: 1 })
    expect(category.slug).toMatch(/^economie-locale-/)
    expect(res.headers.location).toBe(`http://quire.test/v1/categories/${category.id}`)
    expect(res.headers.etag).toBe('"v1"')
    expect(res.headers['cache-control']).toBe('private, no-store')
    expect(row(category.id)).toMatchObject({ slug: category.slug, name, parentId: null, version: 1 })
    const publicRead = await context.app.inject({ url: `/v1/categories/${category.id}` })
    const { version: _version, ...publicView } = category
    expect(publicRead.json().data).toEqual(publicView)
    expect(changesOf('category', category.id)).toEqual([{ action: 'created', k: context.keys.editor.id }])
    const tree = (await context.app.inject({ url: '/v1/categories/tree?edition=en' })).json().data as Array<{ id: number }>
    expect(tree.at(-1)?.id).toBe(category.id)
  })

  it('keeps Arabic-script names readable in generated slugs, and places a child after its siblings', async () => {
    const res = await create({ edition: 'ar', name: 'اقتصاد محلي' })
    expect(res.statusCode).toBe(201)
    expect(res.json().data.slug).toBe('اقتصاد-محلي')
    const parent = context.sql.prepare('select parent_id p, max(position) m from categories where parent_id is not null group by parent_id order by parent_id limit 1').get() as { p: number, m: number }
    const edition = (context.sql.prepare('select e.code from categories c join editions e on e.id = c.edition_id where c.id = ?').get(parent.p) as { code: string }).code
    const child = await create({ edition, name: uniqueTitle('Child'), parentId: parent.p })
    expect(child.json().data).toMatchObject({ parentId: parent.p, position: parent.m + 1 })
  })

  it('updates with If-Match; a stale version is a 412 and changes nothing', async () => {
    const id = await createdId({ edition: 'en', name: uniqueTitle('Category') })
    const ok = await patch(id, { name: 'Renamed category', description: null, position: 7 }, { 'if-match': '"v1"' })
    expect(ok.statusCode).toBe(200)
    expect(ok.json().data).toMatchObject({ name: 'Renamed category', description: null, position: 7, version: 2 })
    expect(ok.headers.etag).toBe('"v2"')
    const stale = await patch(id, { name: 'Lost update' }, { 'if-match': '"v1"' })
    expect(stale.statusCode).toBe(412)
    expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(row(id)).toMatchObject({ name: 'Renamed category', version: 2 })
    const withKey = await context.app.inject({ url: `/v1/categories/${id}`, headers: context.keys.preview.auth })
    expect(withKey.json().data.version).toBe(2)
    expect(withKey.headers.etag).toBe('"v2"')
    expect(changesOf('category', id)).toEqual([{ action: 'created', k: context.keys.editor.id }, { action: 'updated', k: context.keys.editor.id }])
  })

  it.each([
    ['an unknown property', { edition: 'en', name: 'X', color: 'red' }, 400],
    ['a server-owned id', { edition: 'en', name: 'X', id: 5 }, 400],
    ['a server-owned version', { edition: 'en', name: 'X', version: 9 }, 400],
    ['a server-owned timestamp', { edition: 'en', name: 'X', createdAt: '2026-01-01T00:00:00Z' }, 400],
    ['the translations list', { edition: 'en', name: 'X', translations: [] }, 400],
    ['an empty name', { edition: 'en', name: '' }, 400],
    ['a blank name', { edition: 'en', name: '   ' }, 400],
    ['a number for the name', { edition: 'en', name: 5 }, 400],
    ['a slug with a slash', { edition: 'en', name: 'X', slug: 'a/b' }, 400],
    ['a string parent id', { edition: 'en', name: 'X', parentId: '1' }, 400],
    ['a negative position', { edition: 'en', name: 'X', position: -1 }, 400],
    ['an unknown edition', { edition: 'zz', name: 'X' }, 400],
    ['a missing parent', { edition: 'en', name: 'X', parentId: 999999 }, 400],
    ['a parent in another edition', { edition: 'ar', name: 'X', parentId: 1 }, 400],
    ['a missing translation', { edition: 'ar', name: 'X', translationOf: 999999 }, 400],
    ['a translation in the same edition', { edition: 'en', name: 'X', translationOf: 1 }, 409],
    ['a slug already used in the edition', { edition: 'en', name: 'X', slug: 'politics' }, 409]
  ])('refuses %s with problem+json and creates nothing', async (_what, payload, status) => {
    const before = counts()
    const res = await create(payload)
    expect(res.statusCode, res.body).toBe(status)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.json()).toMatchObject({ status })
    expect(counts()).toEqual(before)
  })

  it('keeps the tree a tree: a category cannot move under itself or its descendants', async () => {
    const a = await createdId({ edition: 'en', name: uniqueTitle('A') })
    const b = await createdId({ edition: 'en', name: uniqueTitle('B'), parentId: a })
    const c = await createdId({ edition: 'en', name: uniqueTitle('C'), parentId: b })
    const before = counts()
    for (const parentId of [a, c]) {
      const res = await patch(a, { parentId })
      expect(res.statusCode).toBe(400)
      expect(res.json().errors).toEqual([{ name: 'body.parentId', reason: expect.stringMatching(parentId === a ? /itself/ : /cycle/) }])
    }
    expect(row(a)).toMatchObject({ parentId: null, version: 1 })
    expect(counts()).toEqual(before)
    // moving the middle one to the top is fine, and its child moves with it
    expect((await patch(b, { parentId: null })).json().data).toMatchObject({ parentId: null, version: 2 })
    expect(row(c)).toMatchObject({ parentId: b })
  })

  it('moving a category changes which articles its new ancestors list at once', async () => {
    const section = await createdId({ edition: 'en', name: uniqueTitle('Section') })
    const sub = await createdId({ edition: 'en', name: uniqueTitle('Sub') })
    const article = await createDraft(context.app, context.keys.editor, 'articles', { categoryIds: [sub] })
    await publish(context.app, context.keys.editor, article)
    const slug = row(section)!.slug
    const listed = async () => ((await context.app.inject({ url: `/v1/articles?edition=en&category=${encodeURIComponent(slug)}` })).json().data as Array<{ id: number }>).map((a) => a.id)
    expect(await listed()).toEqual([])
    expect((await patch(sub, { parentId: section })).statusCode).toBe(200)
    expect(await listed()).toEqual([article])
    const tree = (await context.app.inject({ url: '/v1/categories/tree?edition=en' })).json().data as Array<{ id: number, children: Array<{ id: number }> }>
    expect(tree.find((node) => node.id === section)?.children.map((child) => child.id)).toEqual([sub])
  })

  it('links translations: the other category starts a group (its own write), one member per edition', async () => {
    const en = await createdId({ edition: 'en', name: uniqueTitle('Translated') })
    const ar = await create({ edition: 'ar', name: 'مترجم', translationOf: en })
    expect(ar.statusCode).toBe(201)
    const arId = ar.json().data.id as number
    expect(ar.json().data.translations).toEqual([{ id: en, edition: 'en', slug: row(en)!.slug, name: row(en)!.name, url: `https://example.org/en/category/${row(en)!.slug}` }])
    expect(row(en)).toMatchObject({ grp: row(arId)!.grp, version: 2 })
    expect(changesOf('category', en)).toEqual([{ action: 'created', k: context.keys.editor.id }, { action: 'updated', k: context.keys.editor.id }])
    const before = counts()
    const second = await create({ edition: 'ar', name: 'مترجم آخر', translationOf: en })
    expect(second.statusCode).toBe(409)
    expect(counts()).toEqual(before)
    // a third member changes the translations the other two list: each gets a version and a change
    const fa = await createdId({ edition: 'fa', name: 'ترجمه', translationOf: arId })
    expect(row(en)!.version).toBe(3)
    expect(row(arId)!.version).toBe(2)
    const renamed = await patch(fa, { name: 'ترجمه شده' })
    expect(renamed.json().data.translations.map((t: { id: number }) => t.id)).toEqual([en, arId])
    expect((await context.app.inject({ url: `/v1/categories/${en}` })).json().data.translations).toContainEqual({ id: fa, edition: 'fa', slug: row(fa)!.slug, name: 'ترجمه شده', url: `https://example.org/fa/category/${encodeURIComponent(row(fa)!.slug)}` })
    expect([row(en)!.version, row(arId)!.version]).toEqual([4, 3])
    const left = await patch(arId, { translationOf: null })
    expect(left.json().data).toMatchObject({ translations: [] })
    expect(row(arId)!.grp).toBeNull()
    expect([row(en)!.version, row(fa)!.version]).toEqual([5, 3])
    expect((await context.app.inject({ method: 'DELETE', url: `/v1/categories/${fa}`, headers: context.keys.editor.auth })).statusCode).toBe(204)
    expect(row(en)!.version).toBe(6)
    expect((await context.app.inject({ url: `/v1/categories/${en}` })).json().data.translations).toEqual([])
    const summaries = (context.sql.prepare("select json_extract(summary, '$.translations') s from changes where entity_type = 'category' and entity_id = ? and action = 'updated' order by seq").all(en) as Array<{ s: string }>).map((r) => JSON.parse(r.s))
    expect(summaries).toEqual([{ joined: arId }, { joined: fa }, { renamed: fa }, { left: arId }, { removed: fa }])
  })

  it('404s a missing category and refuses an empty patch', async () => {
    expect((await patch(999999, { name: 'X' })).statusCode).toBe(404)
    const id = await createdId({ edition: 'en', name: uniqueTitle('Category') })
    expect((await patch(id, {})).statusCode).toBe(400)
  })

  it('refuses to delete a category with children or articles, saying how many', async () => {
    const parent = context.sql.prepare('select parent_id p, count(*) n from categories where parent_id is not null group by parent_id order by parent_id limit 1').get() as { p: number, n: number }
    const withChildren = await context.app.inject({ method: 'DELETE', url: `/v1/categories/${parent.p}`, headers: context.keys.editor.auth })
    expect(withChildren.statusCode).toBe(409)
    expect(withChildren.json().detail).toContain(`${parent.n} child categor`)
    const leaf = context.sql.prepare(`select c.id, (select count(*) from article_categories ac where ac.category_id = c.id) n from categories c
      where not exists (select 1 from categories k where k.parent_id = c.id) and exists (select 1 from article_categories ac where ac.category_id = c.id) order by c.id limit 1`).get() as { id: number, n: number }
    const before = counts()
    const withArticles = await context.app.inject({ method: 'DELETE', url: `/v1/categories/${leaf.id}`, headers: context.keys.editor.auth })
    expect(withArticles.statusCode).toBe(409)
    expect(withArticles.json().detail).toContain(`${leaf.n} article`)
    expect(counts()).toEqual(before)
  })

  it('deleting a category takes its menu items out of their menus, which get a new version and a change', async () => {
    const id = await createdId({ edition: 'en', name: uniqueTitle('Linked') })
    const menu = context.sql.prepare("select m.id, m.version from menus m join editions e on e.id = m.edition_id where e.code = 'en' order by m.id limit 1").get() as { id: number, version: number }
    const writer = new Database(context.app.databasePath)
    writer.prepare("insert into menu_items (menu_id, position, label, kind, category_id) values (?, 99, 'Linked', 'category', ?)").run(menu.id, id)
    writer.close()
    const res = await context.app.inject({ method: 'DELETE', url: `/v1/categories/${id}`, headers: { ...context.keys.editor.auth, 'if-match': '"v1"' } })
    expect(res.statusCode).toBe(204)
    expect(row(id)).toBeUndefined()
    expect(context.sql.prepare('select count(*) n from menu_items where category_id = ?').get(id)).toEqual({ n: 0 })
    expect(context.sql.prepare('select version from menus where id = ?').get(menu.id)).toEqual({ version: menu.version + 1 })
    const logged = context.sql.prepare('select entity_type t, entity_id id, action, summary from changes order by seq desc limit 2').all().reverse()
    expect(logged).toMatchObject([{ t: 'menu', id: menu.id, action: 'updated' }, { t: 'category', id, action: 'deleted' }])
    expect(JSON.parse((logged[1] as { summary: string }).summary)).toMatchObject({ edition: 'en', version: 2, menusUpdated: [menu.id] })
    expect((await context.app.inject({ url: `/v1/categories/${id}` })).statusCode).toBe(404)
    expect((await context.app.inject({ method: 'DELETE', url: `/v1/categories/${id}`, headers: context.keys.editor.auth })).statusCode).toBe(404)
  })
})

describe('category mutations mirror REST', () => {
  const fields = 'id databaseId edition { code } slug name description position parent { databaseId } version'
  it('create, update with expectedVersion, stale version, invalid input, delete', async () => {
    const parent = await createdId({ edition: 'en', name: uniqueTitle('GraphQL parent') })
    const parentGlobal = toGlobalId('Category', parent)
    const created = await gql(context.app, 'mutation($i: CreateCategoryInput!) { createCategory(input: $i) { ' + fields + ' } }',
      { i: { edition: 'en', name: 'GraphQL category', parentId: parentGlobal } }, context.keys.editor.auth)
    expect(created.body.errors).toBeUndefined()
    const category = created.body.data.createCategory
    expect(category).toMatchObject({ edition: { code: 'en' }, slug: 'graphql-category', name: 'GraphQL category', parent: { databaseId: parent }, position: 0, version: 1 })
    const rest = (await context.app.inject({ url: `/v1/categories/${category.databaseId}`, headers: context.keys.editor.auth })).json().data
    expect({ slug: rest.slug, parentId: rest.parentId, version: rest.version }).toEqual({ slug: category.slug, parentId: parent, version: 1 })
    const withChild = await gql(context.app, 'mutation($id: ID!) { deleteCategory(id: $id) { databaseId } }', { id: parentGlobal }, context.keys.editor.auth)
    expect(codes(withChild)).toEqual(['CONFLICT'])

    const updated = await gql(context.app, 'mutation($id: ID!) { updateCategory(id: $id, input: { name: "Renamed", parentId: null }, expectedVersion: 1) { ' + fields + ' } }', { id: category.id }, context.keys.editor.auth)
    expect(updated.body.data.updateCategory).toMatchObject({ name: 'Renamed', parent: null, version: 2 })
    const stale = await gql(context.app, 'mutation($id: ID!) { updateCategory(id: $id, input: { name: "Lost" }, expectedVersion: 1) { version } }', { id: category.id }, context.keys.editor.auth)
    expect(codes(stale)).toEqual(['PRECONDITION_FAILED'])
    const cycle = await gql(context.app, 'mutation($id: ID!) { updateCategory(id: $id, input: { parentId: $id }) { version } }', { id: category.id }, context.keys.editor.auth)
    expect(codes(cycle)).toEqual(['BAD_USER_INPUT'])
    const invalid = await gql(context.app, 'mutation { createCategory(input: { edition: "en", name: "" }) { id } }', {}, context.keys.editor.auth)
    expect(codes(invalid)).toEqual(['BAD_USER_INPUT'])
    const forbidden = await gql(context.app, 'mutation($id: ID!) { deleteCategory(id: $id) { databaseId } }', { id: category.id }, context.keys.author.auth)
    expect(codes(forbidden)).toEqual(['FORBIDDEN'])
    const deleted = await gql(context.app, 'mutation($id: ID!) { deleteCategory(id: $id, expectedVersion: 2) { deletedId databaseId } }', { id: category.id }, context.keys.editor.auth)
    expect(deleted.body.data.deleteCategory).toEqual({ deletedId: category.id, databaseId: category.databaseId })
    expect(row(category.databaseId)).toBeUndefined()
  })
})
