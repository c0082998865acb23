import { describe, expect, it } from 'vitest'
import { uniqueTitle } from '../../helpers/content.js'
import { codes, gql } from '../../helpers/graphql.js'
import { useWriteContext } from '../../helpers/write-context.js'

const context = useWriteContext()

const counts = () => context.sql.prepare(`select (select count(*) from menus) menus, (select count(*) from menu_items) items,
  (select count(*) from changes) changes`).get() as Record<string, number>
const location = () => uniqueTitle('loc').replace(/\W+/g, '-')
const idIn = (table: 'categories' | 'pages' | 'articles', edition: string, where = '1 = 1') =>
  (context.sql.prepare(`select t.id from ${table} t join editions e on e.id = t.edition_id where e.code = ? and ${where} order by t.id limit 1`).get(edition) as { id: number }).id
const create = (payload: unknown, key = context.keys.editor) => context.app.inject({ method: 'POST', url: '/v1/menus', headers: key.auth, payload: payload as object })
const patch = (id: number, payload: unknown, headers: Record<string, string> = {}) =>
  context.app.inject({ method: 'PATCH', url: `/v1/menus/${id}`, headers: { ...context.keys.editor.auth, ...headers }, payload: payload as object })
/** The stored tree as (parent label, position, label, kind) rows, in insertion (depth-first) order. */
const storedItems = (menuId: number) => context.sql.prepare(`select p.label parent, i.position, i.label, i.kind from menu_items i
  left join menu_items p on p.id = i.parent_id where i.menu_id = ? order by i.id`).all(menuId)

interface ItemOut { label: string, kind: string, target: { id: number | null }, url: string | null, children: ItemOut[] }
const shape = (items: ItemOut[]): unknown[] => items.map((i) => [i.label, i.children.length > 0 ? shape(i.children) : []])

describe('menu writes over REST', () => {
  it('creates a menu with a nested tree; Location and If-Match name GET /v1/menus/{id}; drafts show to keys only', async () => {
    const category = idIn('categories', 'en')
    const draftPage = idIn('pages', 'en', "t.status = 'draft'")
    const article = idIn('articles', 'en', "t.status = 'published'")
    const loc = location()
    const res = await create({
      edition: 'en', location: loc, name: 'Header',
      items: [
        { label: 'News', kind: 'category', target: category, children: [
          { label: 'Top story', kind: 'article', target: article, children: [{ label: 'Arabic', kind: 'edition', target: 'ar' }] },
          { label: 'Coming soon', kind: 'page', target: draftPage }
        ] },
        { label: 'Shop', kind: 'url', target: 'https://shop.example/' },
        { label: 'About', kind: 'url', target: '/about' }
      ]
    })
    expect(res.statusCode).toBe(201)
    const menu = res.json().data
    expect(menu).toMatchObject({ edition: 'en', location: loc, name: 'Header', version: 1 })
    expect(shape(menu.items)).toEqual([['News', [['Top story', [['Arabic', []]]], ['Coming soon', []]]], ['Shop', []], ['About', []]])
    expect(menu.items[1]).toMatchObject({ url: 'https://shop.example/', target: { id: null } })
    expect(res.headers.location).toBe(`http://quire.test/v1/menus/${menu.id}`)
    expect(res.headers.etag).toBe('"v1"')
    expect(storedItems(menu.id)).toEqual([
      { parent: null, position: 0, label: 'News', kind: 'category' },
      { parent: 'News', position: 0, label: 'Top story', kind: 'article' },
      { parent: 'Top story', position: 0, label: 'Arabic', kind: 'edition' },
      { parent: 'News', position: 1, label: 'Coming soon', kind: 'page' },
      { parent: null, position: 1, label: 'Shop', kind: 'url' },
      { parent: null, position: 2, label: 'About', kind: 'url' }
    ])
    const withKey = await context.app.inject({ url: `/v1/menus/${menu.id}`, headers: context.keys.preview.auth })
    expect(withKey.headers.etag).toBe('"v1"')
    expect(withKey.json().data).toEqual(menu)
    const publicRead = (await context.app.inject({ url: `/v1/menus/${menu.id}` })).json().data
    expect(publicRead.version).toBeUndefined()
    expect(shape(publicRead.items)).toEqual([['News', [['Top story', [['Arabic', []]]]]], ['Shop', []], ['About', []]])
    expect((await context.app.inject({ url: `/v1/editions/en/menus/${loc}` })).json().data.id).toBe(menu.id)
    const change = context.sql.prepare("select action, key_id k, summary from changes where entity_type = 'menu' and entity_id = ?").get(menu.id) as { action: string, k: number, summary: string }
    expect(change).toMatchObject({ action: 'created', k: context.keys.editor.id })
    expect(JSON.parse(change.summary).items[0]).toEqual(['News', 'category', category, [['Top story', 'article', article, [['Arabic', 'edition', 'ar']]], ['Coming soon', 'page', draftPage]]])
  })

  it('updates with If-Match: items replace the tree, absent items stay; a stale version is a 412 and changes nothing', async () => {
    const { id } = (await create({ edition: 'en', location: location(), name: 'Footer', items: [{ label: 'A', kind: 'url', target: '/a', children: [{ label: 'A1', kind: 'url', target: '/a1' }] }] })).json().data
    const renamed = await patch(id, { name: 'Footer links' }, { 'if-match': '"v1"' })
    expect(renamed.statusCode).toBe(200)
    expect(renamed.json().data).toMatchObject({ name: 'Footer links', version: 2 })
    expect(storedItems(id)).toHaveLength(2)
    const replaced = await patch(id, { items: [{ label: 'B', kind: 'edition', target: 'sq' }] }, { 'if-match': '"v2"' })
    expect(replaced.statusCode).toBe(200)
    expect(replaced.headers.etag).toBe('"v3"')
    expect(storedItems(id)).toEqual([{ parent: null, position: 0, label: 'B', kind: 'edition' }])
    const before = counts()
    const stale = await patch(id, { items: [] }, { 'if-match': '"v2"' })
    expect(stale.statusCode).toBe(412)
    expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(counts()).toEqual(before)
    expect((await patch(id, { items: [] })).json().data).toMatchObject({ items: [], version: 4 })
  })

  const fanOut = Array.from({ length: 50 }, (_, i) => ({ label: `L${i}`, kind: 'url', target: `/l${i}`, children: Array.from({ length: 4 }, (_, j) => ({ label: `L${i}.${j}`, kind: 'url', target: `/l${i}/${j}` })) }))
  it.each([
    ['an unknown property', () => ({ edition: 'en', location: location(), name: 'X', theme: 'dark' }), 'body.theme'],
    ['an id', () => ({ edition: 'en', location: location(), name: 'X', id: 4 }), 'body.id'],
    ['a version', () => ({ edition: 'en', location: location(), name: 'X', version: 4 }), 'body.version'],
    ['an item id', () => ({ edition: 'en', location: location(), name: 'X', items: [{ id: 3, label: 'A', kind: 'url', target: '/a' }] }), 'body.items.0.id'],
    ['an unknown kind', () => ({ edition: 'en', location: location(), name: 'X', items: [{ label: 'A', kind: 'widget', target: 1 }] }), 'body.items.0.kind'],
    ['a blank label', () => ({ edition: 'en', location: location(), name: 'X', items: [{ label: ' ', kind: 'url', target: '/a' }] }), 'body.items.0.label'],
    ['a fourth level', () => ({ edition: 'en', location: location(), name: 'X', items: [{ label: 'A', kind: 'url', target: '/a', children: [{ label: 'B', kind: 'url', target: '/b', children: [{ label: 'C', kind: 'url', target: '/c', children: [{ label: 'D', kind: 'url', target: '/d' }] }] }] }] }), 'body.items.0.children.0.children.0.children'],
    ['more than 200 items', () => ({ edition: 'en', location: location(), name: 'X', items: fanOut }), 'body.items'],
    ['a category of another edition', () => ({ edition: 'en', location: location(), name: 'X', items: [{ label: 'A', kind: 'url', target: '/a' }, { label: 'B', kind: 'url', target: '/b', children: [{ label: 'C', kind: 'category', target: idIn('categories', 'ar') }] }] }), 'body.items.1.children.0.target'],
    ['a page that does not exist', () => ({ edition: 'en', location: location(), name: 'X', items: [{ label: 'A', kind: 'page', target: 999999 }] }), 'body.items.0.target'],
    ['an article id as a string', () => ({ edition: 'en', location: location(), name: 'X', items: [{ label: 'A', kind: 'article', target: String(idIn('articles', 'en')) }] }), 'body.items.0.target'],
    ['an unknown edition target', () => ({ edition: 'en', location: location(), name: 'X', items: [{ label: 'A', kind: 'edition', target: 'zz' }] }), 'body.items.0.target'],
    ['a javascript: url', () => ({ edition: 'en', location: location(), name: 'X', items: [{ label: 'A', kind: 'url', target: 'javascript:alert(1)' }] }), 'body.items.0.target'],
    ['a protocol-relative url', () => ({ edition: 'en', location: location(), name: 'X', items: [{ label: 'A', kind: 'url', target: '//evil.example/' }] }), 'body.items.0.target'],
    ['a location with a space', () => ({ edition: 'en', location: 'main menu', name: 'X' }), 'body.location'],
    ['an empty name', () => ({ edition: 'en', location: location(), name: '' }), 'body.name'],
    ['an unknown edition', () => ({ edition: 'zz', location: location(), name: 'X' }), 'body.edition']
  ])('refuses %s with a 400 naming the field, and stores nothing', async (_what, payload, field) => {
    const before = counts()
    const res = await create(payload())
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.json().errors.map((e: { name: string }) => e.name)).toContain(field)
    expect(counts()).toEqual(before)
  })

  it('refuses a location the edition already uses (409), a move to another edition (400) and 404s a missing menu', async () => {
    const before = counts()
    const taken = await create({ edition: 'en', location: 'primary', name: 'Second primary' })
    expect(taken.statusCode).toBe(409)
    expect(taken.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(counts()).toEqual(before)
    const { id } = (await create({ edition: 'en', location: location(), name: 'X' })).json().data
    const after = counts()
    expect((await patch(id, { location: 'footer' })).statusCode).toBe(409)
    expect((await patch(id, { edition: 'ar' })).statusCode).toBe(400)
    expect((await patch(id, {})).statusCode).toBe(400)
    expect(counts()).toEqual(after)
    expect((await create({ edition: 'sq', location: 'twin-location', name: 'X' })).statusCode).toBe(201)
    expect((await create({ edition: 'fa', location: 'twin-location', name: 'X' })).statusCode).toBe(201)
    expect((await patch(999999, { name: 'X' })).statusCode).toBe(404)
    expect((await context.app.inject({ url: '/v1/menus/999999' })).statusCode).toBe(404)
  })

  it('deleting a menu removes it and its items; a tombstone remains', async () => {
    const menu = context.sql.prepare("select m.id, m.location, count(i.id) n from menus m join editions e on e.id = m.edition_id join menu_items i on i.menu_id = m.id where e.code = 'sq' group by m.id order by m.id limit 1").get() as { id: number, location: string, n: number }
    const before = counts()
    const res = await context.app.inject({ method: 'DELETE', url: `/v1/menus/${menu.id}`, headers: { ...context.keys.editor.auth, 'if-match': '"v1"' } })
    expect(res.statusCode).toBe(204)
    expect(counts()).toEqual({ menus: before.menus! - 1, items: before.items! - menu.n, changes: before.changes! + 1 })
    const tombstone = context.sql.prepare("select action, key_id k, summary from changes where entity_type = 'menu' and entity_id = ? order by seq desc limit 1").get(menu.id) as { action: string, k: number, summary: string }
    expect(tombstone).toMatchObject({ action: 'deleted', k: context.keys.editor.id })
    expect(JSON.parse(tombstone.summary)).toMatchObject({ edition: 'sq', location: menu.location, version: 2 })
    expect((await context.app.inject({ url: `/v1/menus/${menu.id}` })).statusCode).toBe(404)
    expect((await context.app.inject({ url: `/v1/editions/sq/menus/${menu.location}` })).statusCode).toBe(404)
  })
})

describe('menu mutations mirror REST', () => {
  const fields = 'id databaseId edition { code } location name version items { label kind url target { databaseId edition { code } } children { label kind target { databaseId } } }'
  const globalId = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString('base64url')

  it('create (global ids for targets), node(id:), update with expectedVersion, stale version, bad input, delete', async () => {
    const category = idIn('categories', 'en')
    const page = idIn('pages', 'en', "t.status = 'published'")
    const created = await gql(context.app, `mutation($i: CreateMenuInput!) { createMenu(input: $i) { ${fields} } }`, {
      i: { edition: 'en', location: 'graphql-menu', name: 'GraphQL', items: [
        { label: 'Section', kind: 'CATEGORY', target: globalId('Category', category), children: [{ label: 'Page', kind: 'PAGE', target: globalId('Page', page) }] },
        { label: 'Shqip', kind: 'EDITION', target: 'sq' }
      ] }
    }, context.keys.editor.auth)
    expect(created.body.errors).toBeUndefined()
    const menu = created.body.data.createMenu
    expect(menu).toMatchObject({
      edition: { code: 'en' }, location: 'graphql-menu', version: 1,
      items: [{ label: 'Section', kind: 'CATEGORY', target: { databaseId: category }, children: [{ label: 'Page', kind: 'PAGE', target: { databaseId: page } }] }, { label: 'Shqip', kind: 'EDITION', target: { edition: { code: 'sq' } } }]
    })
    const rest = (await context.app.inject({ url: `/v1/menus/${menu.databaseId}`, headers: context.keys.editor.auth })).json().data
    expect(shape(rest.items)).toEqual([['Section', [['Page', []]]], ['Shqip', []]])
    const node = await gql(context.app, 'query($id: ID!) { node(id: $id) { ... on Menu { location version } } }', { id: menu.id }, context.keys.editor.auth)
    expect(node.body.data.node).toEqual({ location: 'graphql-menu', version: 1 })

    const updated = await gql(context.app, `mutation($id: ID!) { updateMenu(id: $id, input: { name: "Renamed", items: [{ label: "Home", kind: URL, target: "/" }] }, expectedVersion: 1) { ${fields} } }`, { id: menu.id }, context.keys.editor.auth)
    expect(updated.body.data.updateMenu).toMatchObject({ name: 'Renamed', version: 2, items: [{ label: 'Home', kind: 'URL', url: '/' }] })
    const stale = await gql(context.app, 'mutation($id: ID!) { updateMenu(id: $id, input: { name: "Lost" }, expectedVersion: 1) { version } }', { id: menu.id }, context.keys.editor.auth)
    expect(codes(stale)).toEqual(['PRECONDITION_FAILED'])
    const wrongType = await gql(context.app, 'mutation($id: ID!, $t: String!) { updateMenu(id: $id, input: { items: [{ label: "X", kind: CATEGORY, target: $t }] }) { version } }', { id: menu.id, t: globalId('Tag', 1) }, context.keys.editor.auth)
    expect(codes(wrongType)).toEqual(['BAD_USER_INPUT'])
    expect(wrongType.body.errors?.[0]?.message).toContain('input.items.0.target')
    const forbidden = await gql(context.app, 'mutation($id: ID!) { deleteMenu(id: $id) { databaseId } }', { id: menu.id }, context.keys.author.auth)
    expect(codes(forbidden)).toEqual(['FORBIDDEN'])
    expect(storedItems(menu.databaseId)).toEqual([{ parent: null, position: 0, label: 'Home', kind: 'url' }])

    const deleted = await gql(context.app, 'mutation($id: ID!) { deleteMenu(id: $id, expectedVersion: 2) { deletedId databaseId } }', { id: menu.id }, context.keys.editor.auth)
    expect(deleted.body.data.deleteMenu).toEqual({ deletedId: menu.id, databaseId: menu.databaseId })
    expect(context.sql.prepare('select count(*) n from menus where id = ?').get(menu.databaseId)).toEqual({ n: 0 })
  })
})
