import { describe, expect, it } from 'vitest'
import { slugProblem, textProblem } from '../../src/editorial/text-rules.js'
import { uniqueTitle } from '../helpers/content.js'
import { gql, codes } from '../helpers/graphql.js'
import { useWriteContext } from '../helpers/write-context.js'

/*
 * The text rules (src/editorial/text-rules.ts) at the door of every write, REST and GraphQL: each
 * class of bad character in a single-line field and in a slug is a 400 problem+json naming the
 * field (BAD_USER_INPUT in GraphQL), and nothing is written.
 */
const ctx = useWriteContext()

const unique = () => uniqueTitle('t').replace(/\W+/g, '-')

interface Target {
  entity: string
  key: 'editor' | 'admin'
  method: 'POST' | 'PATCH'
  url: string
  body: () => Record<string, unknown>
  /** Dotted paths into the body. */
  line: string[]
  slug?: string
  multiline?: string
}

const targets: Target[] = [
  { entity: 'article', key: 'editor', method: 'POST', url: '/v1/articles', body: () => ({ edition: 'en', title: 'A title' }), line: ['title', 'seo.title', 'source.name'], slug: 'slug', multiline: 'body' },
  { entity: 'page', key: 'editor', method: 'POST', url: '/v1/pages', body: () => ({ edition: 'en', title: 'A title' }), line: ['title'], slug: 'slug', multiline: 'body' },
  { entity: 'category', key: 'editor', method: 'POST', url: '/v1/categories', body: () => ({ edition: 'en', name: 'A name' }), line: ['name'], slug: 'slug', multiline: 'description' },
  { entity: 'tag', key: 'editor', method: 'POST', url: '/v1/tags', body: () => ({ edition: 'en', name: 'A name' }), line: ['name'], slug: 'slug' },
  { entity: 'author', key: 'editor', method: 'POST', url: '/v1/authors', body: () => ({ name: 'A name' }), line: ['name'], slug: 'slug', multiline: 'bio' },
  { entity: 'gallery', key: 'editor', method: 'POST', url: '/v1/galleries', body: () => ({ edition: 'en', title: 'A title' }), line: ['title'], slug: 'slug', multiline: 'description' },
  { entity: 'media', key: 'editor', method: 'POST', url: '/v1/media', body: () => ({ kind: 'image', url: 'https://cdn.example/a.jpg', mimeType: 'image/jpeg', credit: 'Wire' }), line: ['credit', 'altText'], multiline: 'caption' },
  {
    entity: 'menu', key: 'editor', method: 'POST', url: '/v1/menus',
    body: () => ({ edition: 'en', location: unique(), name: 'Header', items: [{ label: 'Home', kind: 'url', target: '/' }] }),
    line: ['name', 'items.0.label']
  },
  { entity: 'edition', key: 'admin', method: 'POST', url: '/v1/editions', body: () => ({ code: 'de', name: 'German', nativeName: 'Deutsch', direction: 'ltr' }), line: ['name', 'nativeName'] },
  { entity: 'settings', key: 'admin', method: 'PATCH', url: '/v1/editions/en/settings', body: () => ({ title: 'Site', socialLinks: [{ network: 'x', url: 'https://x.example/a' }] }), line: ['title', 'tagline', 'socialLinks.0.network'] },
  { entity: 'API key', key: 'admin', method: 'POST', url: '/v1/keys', body: () => ({ name: 'Key', role: 'preview' }), line: ['name'] },
  { entity: 'webhook', key: 'admin', method: 'POST', url: '/v1/webhooks', body: () => ({ url: 'https://hooks.example/in', events: ['*'], description: 'Hook' }), line: ['description'] }
]

const lineClasses: Array<[string, string]> = [
  ['a lone high surrogate', '\ud800'],
  ['a lone low surrogate', '\udc00'],
  ['NUL', '\u0000'],
  ['BEL', '\u0007'],
  ['ESC', '\u001b'],
  ['DEL', '\u007f'],
  ['a C1 control', '\u0085'],
  ['a line feed', '\n'],
  ['a tab', '\t'],
  ['noncharacter U+FFFE', '\ufffe'],
  ['noncharacter U+FFFF', '\uffff'],
  ['noncharacter U+FDD0', '\ufdd0']
]

const slugClasses: Array<[string, string]> = [
  ['dot-dot', '..'],
  ['dot', '.'],
  ['a dot inside', 'a.b'],
  ['NUL', 'ab\u0000c'],
  ['bidi override', 'abc\u202egpj'],
  ['zero-width space', 'ab\u200bc'],
  ['zero-width joiner', 'ab\u200dc'],
  ['soft hyphen', 'ab\u00adc'],
  ['BOM', '\ufeffabc'],
  ['lone surrogate', 'abc\ud800'],
  ['leading hyphen', '-abc'],
  ['trailing hyphen', 'abc-'],
  ['double hyphen', 'ab--c'],
  ['ZWNJ not between letters', 'کتاب\u200c'],
  ['underscore', 'a_b'],
  ['space', 'a b']
]

function withField (body: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(body)
  const keys = path.split('.')
  let node: any = copy
  for (const key of keys.slice(0, -1)) node = node[key] ??= {}
  node[keys.at(-1)!] = value
  return copy
}

const fingerprint = () => ctx.sql.prepare(`select
  (select count(*) from articles) a, (select count(*) from pages) p, (select count(*) from categories) c, (select count(*) from tags) t,
  (select count(*) from authors) au, (select count(*) from galleries) g, (select count(*) from media) m, (select count(*) from menus) mn,
  (select count(*) from menu_items) mi, (select count(*) from editions) e, (select total(version) from site_settings) s,
  (select count(*) from api_keys) k, (select count(*) from webhook_endpoints) w, (select count(*) from changes) ch`).get()

async function expectRefused (target: Target, body: Record<string, unknown>, field: string) {
  const before = fingerprint()
  const res = await ctx.app.inject({ method: target.method, url: target.url, headers: ctx.keys[target.key].auth, payload: body })
  expect(res.statusCode).toBe(400)
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
  expect(res.json().errors.map((e: { name: string }) => e.name)).toContain(`body.${field}`)
  expect(fingerprint()).toEqual(before)
}

describe.each(targets)('$entity', (target) => {
  it('accepts the valid body (the control of the table)', async () => {
    let body = target.body()
    if (target.multiline !== undefined) body = withField(body, target.multiline, 'First line\n\tsecond line\r\nthird')
    const res = await ctx.app.inject({ method: target.method, url: target.url, headers: ctx.keys[target.key].auth, payload: body })
    expect(res.statusCode, res.body).toBeLessThan(300)
    if (target.entity === 'edition') await ctx.app.inject({ method: 'DELETE', url: '/v1/editions/de', headers: ctx.keys.admin.auth })
  })

  describe.each(target.line)('single-line field %s', (field) => {
    it.each(lineClasses)('refuses %s', async (_, ch) => {
      await expectRefused(target, withField(target.body(), field, `Bad ${ch} text`), field)
    })
  })

  if (target.slug !== undefined) {
    const slug = target.slug
    it.each(slugClasses)('slug: refuses %s', async (_, value) => {
      await expectRefused(target, withField(target.body(), slug, value), slug)
    })
  }

  if (target.multiline !== undefined) {
    const multiline = target.multiline
    it.each(lineClasses.filter(([, ch]) => !'\n\t'.includes(ch)))('multi-line field: refuses %s', async (_, ch) => {
      await expectRefused(target, withField(target.body(), multiline, `Bad ${ch} text`), multiline)
    })
  }
})

describe('slugs are stored NFC-normalized', () => {
  it.each([['articles'], ['pages'], ['tags'], ['categories'], ['galleries']])('%s', async (collection) => {
    const decomposed = `cafe\u0301-${unique().toLowerCase()}`
    const res = await ctx.app.inject({ method: 'POST', url: `/v1/${collection}`, headers: ctx.keys.editor.auth, payload: { edition: 'en', [collection === 'tags' || collection === 'categories' ? 'name' : 'title']: 'Café', slug: decomposed } })
    expect(res.statusCode).toBe(201)
    expect(res.json().data.slug).toBe(decomposed.normalize('NFC'))
    const stored = ctx.sql.prepare(`select slug from ${collection} where id = ?`).get(res.json().data.id) as { slug: string }
    expect(stored.slug).toBe(decomposed.normalize('NFC'))
  })

  it('an author slug too, through GraphQL', async () => {
    const decomposed = `ame\u0301lie-${unique().toLowerCase()}`
    const res = await gql(ctx.app, 'mutation($input: CreateAuthorInput!) { createAuthor(input: $input) { slug } }', { input: { name: 'Amélie', slug: decomposed } }, ctx.keys.editor.auth)
    expect(res.body.errors).toBeUndefined()
    expect(res.body.data.createAuthor.slug).toBe(decomposed.normalize('NFC'))
  })
})

describe('a published article with slug ".." cannot exist', () => {
  it('is refused on create and on update, so no url can point at the site root', async () => {
    const created = await ctx.app.inject({ method: 'POST', url: '/v1/articles', headers: ctx.keys.editor.auth, payload: { edition: 'en', title: 'Dots', slug: 'dots-' + unique().toLowerCase() } })
    const id = created.json().data.id as number
    await ctx.app.inject({ method: 'POST', url: `/v1/articles/${id}/publish`, headers: ctx.keys.editor.auth, payload: {} })
    const res = await ctx.app.inject({ method: 'PATCH', url: `/v1/articles/${id}`, headers: ctx.keys.editor.auth, payload: { slug: '..' } })
    expect(res.statusCode).toBe(400)
    expect(res.json().errors).toEqual([{ name: 'body.slug', reason: expect.stringContaining('not allowed') }])
    expect((await ctx.app.inject(`/v1/articles/${id}`)).json().data.url).not.toBe('https://example.org/en/..')
  })
})

describe('GraphQL inputs obey the same rules', () => {
  const mutations: Array<[string, string, () => Record<string, unknown>, string]> = [
    ['createArticle', 'CreateArticleInput', () => ({ edition: 'en', title: 'T' }), 'title'],
    ['createPage', 'CreatePageInput', () => ({ edition: 'en', title: 'T' }), 'title'],
    ['createCategory', 'CreateCategoryInput', () => ({ edition: 'en', name: 'N' }), 'name'],
    ['createTag', 'CreateTagInput', () => ({ edition: 'en', name: 'N' }), 'name'],
    ['createAuthor', 'CreateAuthorInput', () => ({ name: 'N' }), 'name'],
    ['createGallery', 'CreateGalleryInput', () => ({ edition: 'en', title: 'T' }), 'title'],
    ['createMenu', 'CreateMenuInput', () => ({ edition: 'en', location: unique(), name: 'N' }), 'name'],
    ['createMedia', 'CreateMediaInput', () => ({ kind: 'IMAGE', url: 'https://cdn.example/a.jpg', mimeType: 'image/jpeg' }), 'credit']
  ]
  const slugged = new Set(['createArticle', 'createPage', 'createCategory', 'createTag', 'createAuthor', 'createGallery'])
  const cases = mutations.flatMap(([name, type, input, field]) => [
    ...lineClasses.map(([what, ch]) => ({ name, type, input: { ...input(), [field]: `Bad ${ch}` }, field, what })),
    ...(slugged.has(name) ? slugClasses.map(([what, value]) => ({ name, type, input: { ...input(), slug: value }, field: 'slug', what: `slug ${what}` })) : [])
  ])

  it.each(cases)('$name: $what in $field', async ({ name, type, input, field }) => {
    const key = ctx.keys.editor
    const before = fingerprint()
    const res = await gql(ctx.app, `mutation($input: ${type}!) { ${name}(input: $input) { __typename } }`, { input }, key.auth)
    expect(codes(res)).toEqual(['BAD_USER_INPUT'])
    expect(res.body.errors![0]!.message).toContain(`input.${field}`)
    expect(fingerprint()).toEqual(before)
  })

  it('a menu item link through GraphQL', async () => {
    const res = await gql(ctx.app, 'mutation($input: CreateMenuInput!) { createMenu(input: $input) { __typename } }',
      { input: { edition: 'en', location: unique(), name: 'N', items: [{ label: 'Evil', kind: 'URL', target: '/\\evil.example' }] } }, ctx.keys.editor.auth)
    expect(codes(res)).toEqual(['BAD_USER_INPUT'])
  })
})

describe('the demo content obeys the rules', () => {
  it('every stored slug is a slug and every title or name is a line of text', () => {
    const slugs = ctx.sql.prepare(`select 'articles' t, slug from articles union all select 'pages', slug from pages union all select 'categories', slug from categories
      union all select 'tags', slug from tags union all select 'authors', slug from authors union all select 'galleries', slug from galleries`).all() as Array<{ t: string, slug: string }>
    expect(slugs.length).toBeGreaterThan(50)
    expect(slugs.filter((s) => slugProblem(s.slug) !== null)).toEqual([])
    // the demo has Arabic, Persian (with ZWNJ in titles) and Albanian content
    expect(slugs.some((s) => /\p{Script=Arabic}/u.test(s.slug))).toBe(true)
    const titles = ctx.sql.prepare(`select title v from articles union all select title from pages union all select name from categories union all select name from tags
      union all select name from authors union all select title from galleries union all select label from menu_items`).all() as Array<{ v: string }>
    expect(titles.filter((t) => textProblem(t.v, 'line') !== null)).toEqual([])
    const bodies = ctx.sql.prepare('select body v from articles union all select body from pages union all select coalesce(bio, \'\') from authors').all() as Array<{ v: string }>
    expect(bodies.filter((b) => textProblem(b.v, 'multiline') !== null)).toEqual([])
  })
})
