import { describe, expect, it } from 'vitest'
import { uniqueTitle } from '../../helpers/content.js'
import { codes, gql } from '../../helpers/graphql.js'
import { useWriteContext } from '../../helpers/write-context.js'

const context = useWriteContext()

const counts = () => context.sql.prepare(`select (select count(*) from menus) menus, (select count(*) from menu_items) items,
  (select count(*) from changes) changes, (select coalesce(sum(version), 0) from menus) versions`).get() as Record<string, number>
const location = () => uniqueTitle('loc').replace(/\W+/g, '-')
const idIn = (table: 'galleries' | 'tags' | 'pages', edition: string, where = '1 = 1') =>
  (context.sql.prepare(`select t.id from ${table} t join editions e on e.id = t.edition_id where e.code = ? and ${where} order by t.id limit 1`).get(edition) as { id: number }).id
const anAuthor = () => (context.sql.prepare('select id from authors order by id limit 1').get() as { id: number }).id
const create = (payload: unknown) => context.app.inject({ method: 'POST', url: '/v1/menus', headers: context.keys.editor.auth, payload: payload as object })
const get = async (url: string) => (await context.app.inject({ url })).json().data

describe('label items and gallery, tag, author and edition-home targets', () => {
  it('serves each target with its frontend url, in every edition, and a label parent with url null', async () => {
    for (const edition of ['en', 'fa']) {
      const gallery = idIn('galleries', edition)
      const tag = idIn('tags', edition)
      const author = anAuthor()
      const res = await create({
        edition, location: location(), name: 'Header',
        items: [
          { label: 'Home', kind: 'edition', target: edition },
          { label: 'Media', kind: 'label', children: [
            { label: 'Photo Gallery', kind: 'gallery', target: gallery },
            { label: 'Topic', kind: 'tag', target: tag }
          ] },
          { label: 'Editions', kind: 'label', target: null, children: [{ label: 'Writer', kind: 'author', target: author }] }
        ]
      })
      expect(res.statusCode).toBe(201)
      const menu = await get(`/v1/menus/${res.json().data.id as number}`)
      // every url comes from the entity's own endpoint: the menu needs no URL scheme of its own
      const home = await get(`/v1/editions/${edition}`)
      const galleryOut = await get(`/v1/galleries/${gallery}`)
      const tagOut = await get(`/v1/tags/${tag}`)
      const authorUrl = (await gql(context.app, 'query($id: ID!, $e: String!) { node(id: $id) { ... on Author { url(edition: $e) } } }',
        { id: Buffer.from(`Author:${author}`).toString('base64url'), e: edition })).body.data.node.url
      expect(menu.items).toEqual([
        { id: expect.any(Number), label: 'Home', kind: 'edition', target: { id: home.id, slug: null, edition }, url: home.url, children: [] },
        { id: expect.any(Number), label: 'Media', kind: 'label', target: { id: null, slug: null, edition: null }, url: null, children: [
          { id: expect.any(Number), label: 'Photo Gallery', kind: 'gallery', target: { id: gallery, slug: galleryOut.slug, edition }, url: galleryOut.url, children: [] },
          { id: expect.any(Number), label: 'Topic', kind: 'tag', target: { id: tag, slug: tagOut.slug, edition }, url: tagOut.url, children: [] }
        ] },
        { id: expect.any(Number), label: 'Editions', kind: 'label', target: { id: null, slug: null, edition: null }, url: null, children: [
          { id: expect.any(Number), label: 'Writer', kind: 'author', target: { id: author, slug: expect.any(String), edition }, url: authorUrl, children: [] }
        ] }
      ])
      expect(authorUrl).toContain(`/${edition}/`)
    }
  })

  it('hides a label item from the public once none of its children may be shown', async () => {
    const draftPage = idIn('pages', 'en', "t.status = 'draft'")
    const res = await create({
      edition: 'en', location: location(), name: 'Drafts',
      items: [{ label: 'Soon', kind: 'label', children: [{ label: 'Coming', kind: 'page', target: draftPage }] }, { label: 'Home', kind: 'edition', target: 'en' }]
    })
    expect(res.statusCode).toBe(201)
    expect(res.json().data.items.map((i: { label: string }) => i.label)).toEqual(['Soon', 'Home'])
    const publicRead = await get(`/v1/menus/${res.json().data.id as number}`)
    expect(publicRead.items.map((i: { label: string }) => i.label)).toEqual(['Home'])
  })

  const gallery = () => idIn('galleries', 'en')
  const deep = (levels: number): unknown => levels === 1
    ? { label: 'Leaf', kind: 'url', target: '/leaf' }
    : { label: `Level ${levels}`, kind: 'label', children: [deep(levels - 1)] }
  const cases: Array<[string, () => unknown, string]> = [
    ['a label item with no children', () => [{ label: 'Media', kind: 'label' }], 'body.items.0.children'],
    ['a label item with a target', () => [{ label: 'Media', kind: 'label', target: '#', children: [{ label: 'A', kind: 'url', target: '/a' }] }], 'body.items.0.target'],
    ['a placeholder link', () => [{ label: 'Media', kind: 'url', target: '#' }], 'body.items.0.target'],
    ['a gallery item without a target', () => [{ label: 'Photos', kind: 'gallery' }], 'body.items.0.target'],
    ['a gallery that does not exist', () => [{ label: 'Photos', kind: 'gallery', target: 999999 }], 'body.items.0.target'],
    ['a gallery of another edition', () => [{ label: 'Photos', kind: 'gallery', target: idIn('galleries', 'ar') }], 'body.items.0.target'],
    ['a tag that does not exist', () => [{ label: 'Topic', kind: 'tag', target: 999999 }], 'body.items.0.target'],
    ['an author that does not exist', () => [{ label: 'Me', kind: 'author', target: 999999 }], 'body.items.0.target'],
    ['an author named by slug', () => [{ label: 'Me', kind: 'author', target: 'someone' }], 'body.items.0.target'],
    ['an unknown target kind', () => [{ label: 'Widget', kind: 'widget', target: gallery() }], 'body.items.0.kind'],
    ['label items nested beyond the depth limit', () => [deep(4)], 'body.items.0.children.0.children.0.children']
  ]

  it.each(cases)('refuses %s with problem+json and changes nothing', async (_name, items, field) => {
    const before = counts()
    const res = await create({ edition: 'en', location: location(), name: 'Bad', items: items() })
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toContain('application/problem+json')
    expect(JSON.stringify(res.json())).toContain(field)
    expect(counts()).toEqual(before)
  })

  it('refuses a bad tree on update too, leaving the menu as it was', async () => {
    const created = (await create({ edition: 'en', location: location(), name: 'Keep', items: [{ label: 'Home', kind: 'edition', target: 'en' }] })).json().data
    const before = counts()
    const res = await context.app.inject({
      method: 'PATCH', url: `/v1/menus/${created.id as number}`, headers: { ...context.keys.editor.auth, 'if-match': '"v1"' },
      payload: { items: [{ label: 'Media', kind: 'label', children: [{ label: 'Gone', kind: 'tag', target: 999999 }] }] }
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().errors).toEqual([{ name: 'body.items.0.children.0.target', reason: 'tag 999999 does not exist' }])
    expect(counts()).toEqual(before)
    expect((await get(`/v1/menus/${created.id as number}`)).items.map((i: { label: string }) => i.label)).toEqual(['Home'])
  })

  it('deleting a gallery, a tag or an author takes its items out of their menus, a new version of each', async () => {
    const author = (await context.app.inject({ method: 'POST', url: '/v1/authors', headers: context.keys.editor.auth, payload: { name: uniqueTitle('Menu author') } })).json().data.id as number
    const tag = (await context.app.inject({ method: 'POST', url: '/v1/tags', headers: context.keys.editor.auth, payload: { edition: 'en', name: uniqueTitle('Menu tag') } })).json().data.id as number
    const galleryId = (await context.app.inject({ method: 'POST', url: '/v1/galleries', headers: context.keys.editor.auth, payload: { edition: 'en', title: uniqueTitle('Menu gallery') } })).json().data.id as number
    const menu = (await create({
      edition: 'en', location: location(), name: 'Targets',
      items: [{ label: 'Home', kind: 'edition', target: 'en' }, { label: 'A', kind: 'author', target: author }, { label: 'T', kind: 'tag', target: tag }, { label: 'G', kind: 'gallery', target: galleryId }]
    })).json().data.id as number
    const steps: Array<[string, string[]]> = [[`/v1/authors/${author}`, ['Home', 'T', 'G']], [`/v1/tags/${tag}`, ['Home', 'G']], [`/v1/galleries/${galleryId}`, ['Home']]]
    let version = 1
    for (const [url, left] of steps) {
      expect((await context.app.inject({ method: 'DELETE', url, headers: context.keys.editor.auth })).statusCode).toBe(204)
      const read = (await context.app.inject({ url: `/v1/menus/${menu}`, headers: context.keys.editor.auth })).json().data
      expect(read.items.map((i: { label: string }) => i.label)).toEqual(left)
      expect(read.version).toBe(++version)
    }
  })
})

describe('label items and the new targets over GraphQL', () => {
  const globalId = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString('base64url')

  it('creates with LABEL (no target) and global ids of a gallery, tag and author; menus(edition:) serves their urls', async () => {
    const gallery = idIn('galleries', 'ar')
    const tag = idIn('tags', 'ar')
    const author = anAuthor()
    const loc = location()
    const created = await gql(context.app, 'mutation($i: CreateMenuInput!) { createMenu(input: $i) { databaseId } }', {
      i: { edition: 'ar', location: loc, name: 'GraphQL', items: [
        { label: 'وسائط', kind: 'LABEL', children: [
          { label: 'Gallery', kind: 'GALLERY', target: globalId('Gallery', gallery) },
          { label: 'Tag', kind: 'TAG', target: globalId('Tag', tag) },
          { label: 'Author', kind: 'AUTHOR', target: globalId('Author', author) }
        ] }
      ] }
    }, context.keys.editor.auth)
    expect(created.body.errors).toBeUndefined()
    const read = await gql(context.app, `query($e: String!, $l: String!) { menu(edition: $e, location: $l) {
      items { label kind url target { id } children { kind url target { id databaseId edition { code } } } } } }`, { e: 'ar', l: loc })
    const rest = await get(`/v1/editions/ar/menus/${loc}`)
    expect(read.body.data.menu.items).toEqual([{
      label: 'وسائط', kind: 'LABEL', url: null, target: { id: null },
      children: [
        { kind: 'GALLERY', url: rest.items[0].children[0].url, target: { id: globalId('Gallery', gallery), databaseId: gallery, edition: { code: 'ar' } } },
        { kind: 'TAG', url: rest.items[0].children[1].url, target: { id: globalId('Tag', tag), databaseId: tag, edition: { code: 'ar' } } },
        { kind: 'AUTHOR', url: rest.items[0].children[2].url, target: { id: globalId('Author', author), databaseId: author, edition: { code: 'ar' } } }
      ]
    }])
    expect(rest.items[0].children[0].url).toBe((await get(`/v1/galleries/${gallery}`)).url)

    const before = counts()
    const childless = await gql(context.app, 'mutation($i: CreateMenuInput!) { createMenu(input: $i) { databaseId } }', {
      i: { edition: 'ar', location: location(), name: 'Bad', items: [{ label: 'Empty', kind: 'LABEL' }] }
    }, context.keys.editor.auth)
    expect(codes(childless)).toEqual(['BAD_USER_INPUT'])
    const wrongType = await gql(context.app, 'mutation($i: CreateMenuInput!) { createMenu(input: $i) { databaseId } }', {
      i: { edition: 'ar', location: location(), name: 'Bad', items: [{ label: 'G', kind: 'GALLERY', target: globalId('Tag', tag) }] }
    }, context.keys.editor.auth)
    expect(codes(wrongType)).toEqual(['BAD_USER_INPUT'])
    expect(counts()).toEqual(before)
  })
})
