import { describe, expect, it } from 'vitest'
import { uniqueTitle } from '../helpers/content.js'
import { codes, gql } from '../helpers/graphql.js'
import { useWriteContext } from '../helpers/write-context.js'

/*
 * Every client-supplied URL that frontends render goes through one link rule (editorial/text-rules.ts
 * linkProblem): parsed the way a browser parses an href. Menu links may be same-site paths or
 * absolute http(s)/mailto URLs; files, sources and social profiles must be absolute http(s).
 */
const ctx = useWriteContext()
const location = () => uniqueTitle('loc').replace(/\W+/g, '-')

const badLinks: Array<[string, string]> = [
  ['a backslash after the slash (browsers read //evil.example)', '/\\evil.example'],
  ['two backslashes', '\\\\evil.example'],
  ['protocol-relative', '//evil.example'],
  ['protocol-relative with a path', '//evil.example/path'],
  ['a slash and a backslash inside the path', '/ok/..\\..\\x'],
  ['a tab between the slashes', '/\t/evil.example'],
  ['a line feed between the slashes', '/\n/evil.example'],
  ['javascript:', 'javascript:alert(document.cookie)'],
  ['javascript: in capitals', 'JAVASCRIPT:alert(1)'],
  ['data:', 'data:text/html;base64,PHNjcmlwdD4='],
  ['https with backslashes', 'https:\\\\evil.example'],
  ['http with one slash', 'http:/evil.example'],
  ['credentials before the host', 'https://news.example@evil.example/'],
  ['a relative path without a slash', 'evil.example'],
  ['whitespace', 'https://example.org/a b'],
  ['an empty mailto', 'mailto:']
]
const goodLinks = ['/', '/about', '/ar/أخبار?x=1#top', '/search?q=a%20b', 'https://shop.example/', 'http://example.org/a?b=c', 'mailto:desk@example.org']

const badUrls: Array<[string, string]> = [
  ...badLinks,
  ['a path (not absolute)', '/files/a.jpg'],
  ['mailto', 'mailto:desk@example.org'],
  ['ftp', 'ftp://files.example/a.jpg']
]

const menuWith = (target: string) => ({ edition: 'en', location: location(), name: 'Links', items: [{ label: 'Link', kind: 'url', target }] })
const count = (table: string) => (ctx.sql.prepare(`select count(*) n from ${table}`).get() as { n: number }).n

describe('menu links', () => {
  it.each(badLinks)('refuses %s', async (_, target) => {
    const before = count('menus')
    const res = await ctx.app.inject({ method: 'POST', url: '/v1/menus', headers: ctx.keys.editor.auth, payload: menuWith(target) })
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.json().errors.map((e: { name: string }) => e.name)).toContain('body.items.0.target')
    expect(count('menus')).toBe(before)
  })

  it.each(goodLinks)('accepts %s, stored as given', async (target) => {
    const res = await ctx.app.inject({ method: 'POST', url: '/v1/menus', headers: ctx.keys.editor.auth, payload: menuWith(target) })
    expect(res.statusCode).toBe(201)
    expect(res.json().data.items[0].url).toBe(target)
  })

  it('refuses /\\evil.example through GraphQL too', async () => {
    const res = await gql(ctx.app, 'mutation($input: CreateMenuInput!) { createMenu(input: $input) { databaseId } }',
      { input: { ...menuWith('/\\evil.example'), items: [{ label: 'Link', kind: 'URL', target: '/\\evil.example' }] } }, ctx.keys.editor.auth)
    expect(codes(res)).toEqual(['BAD_USER_INPUT'])
  })
})

interface UrlField { what: string, method: 'POST' | 'PATCH', url: string, key: 'editor' | 'admin', body: (url: string) => Record<string, unknown>, field: string, table: string }
const urlFields: UrlField[] = [
  { what: 'media url', method: 'POST', url: '/v1/media', key: 'editor', body: (url) => ({ kind: 'image', url, mimeType: 'image/jpeg' }), field: 'url', table: 'media' },
  {
    what: 'media rendition url', method: 'POST', url: '/v1/media', key: 'editor', table: 'media', field: 'renditions.0.url',
    body: (url) => ({ kind: 'image', url: 'https://cdn.example/a.jpg', mimeType: 'image/jpeg', renditions: [{ name: 'thumb', url, mimeType: 'image/jpeg' }] })
  },
  { what: 'article source url', method: 'POST', url: '/v1/articles', key: 'editor', body: (url) => ({ edition: 'en', title: 'Sourced', source: { name: 'Wire', url } }), field: 'source.url', table: 'articles' },
  { what: 'social link url', method: 'PATCH', url: '/v1/editions/en/settings', key: 'admin', body: (url) => ({ socialLinks: [{ network: 'x', url }] }), field: 'socialLinks.0.url', table: 'changes' }
]

describe.each(urlFields)('$what', (target) => {
  it.each(badUrls)('refuses %s', async (_, url) => {
    const before = count(target.table)
    const res = await ctx.app.inject({ method: target.method, url: target.url, headers: ctx.keys[target.key].auth, payload: target.body(url) })
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.json().errors.map((e: { name: string }) => e.name)).toContain(`body.${target.field}`)
    expect(count(target.table)).toBe(before)
  })

  it.each(['https://cdn.example/a.jpg', 'http://files.example/path/a.jpg?v=2'])('accepts %s', async (url) => {
    const res = await ctx.app.inject({ method: target.method, url: target.url, headers: ctx.keys[target.key].auth, payload: target.body(url) })
    expect(res.statusCode, res.body).toBeLessThan(300)
  })
})
