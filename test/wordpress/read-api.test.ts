import { describe, expect } from 'vitest'
import { test } from '../helpers/app.js'
import { TEST_NOW } from '../helpers/clock.js'
import { seedApprovedComment } from '../helpers/comments.js'
import { createDraft, publish } from '../helpers/content.js'

const now = TEST_NOW.getTime()
const v2 = '/wp-json/wp/v2'

describe('WordPress error shapes', () => {
  test.for([
    ['an unknown route', `${v2}/widgets`, 404, 'rest_no_route'],
    ['a non-numeric id', `${v2}/posts/abc`, 404, 'rest_no_route'],
    ['a missing post', `${v2}/posts/999999`, 404, 'rest_post_invalid_id'],
    ['a missing page', `${v2}/pages/999999`, 404, 'rest_post_invalid_id'],
    ['a missing category', `${v2}/categories/999999`, 404, 'rest_term_invalid'],
    ['a missing tag', `${v2}/tags/999999`, 404, 'rest_term_invalid'],
    ['a missing user', `${v2}/users/999999`, 404, 'rest_user_invalid_id'],
    ['a missing media item', `${v2}/media/999999`, 404, 'rest_post_invalid_id'],
    ['a missing comment', `${v2}/comments/999999`, 404, 'rest_comment_invalid_id'],
    ['per_page above 100', `${v2}/posts?per_page=500`, 400, 'rest_invalid_param'],
    ['per_page 0', `${v2}/posts?per_page=0`, 400, 'rest_invalid_param'],
    ['page 0', `${v2}/posts?page=0`, 400, 'rest_invalid_param'],
    ['an unknown edition', `${v2}/posts?lang=xx`, 400, 'rest_invalid_param'],
    ['a malformed include', `${v2}/posts?include=1,abc`, 400, 'rest_invalid_param'],
    ['a malformed date', `${v2}/posts?after=yesterday`, 400, 'rest_invalid_param'],
    ['an unknown orderby', `${v2}/posts?orderby=rand`, 400, 'rest_invalid_param'],
    ['a page past the last', `${v2}/posts?page=9999`, 400, 'rest_post_invalid_page_number'],
    ['a comments page past the last', `${v2}/comments?page=9999`, 400, 'rest_comment_invalid_page_number'],
    ['the edit context', `${v2}/posts?context=edit`, 401, 'rest_forbidden_context']
  ] as Array<[string, string, number, string]>)('%s is %i %s', async ([, url, status, code], { app }) => {
    if (code === 'rest_comment_invalid_page_number') seedApprovedComment(app, 1)
    const res = await app.inject({ url })
    expect(res.statusCode).toBe(status)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    const body = res.json()
    expect(body).toMatchObject({ code, data: { status } })
    expect(typeof body.message).toBe('string')
    if (code === 'rest_invalid_param') expect(Object.keys(body.data.params).length).toBeGreaterThan(0)
  })

  test('a write is no route: the surface is read-only', async ({ app }) => {
    const res = await app.inject({ method: 'POST', url: `${v2}/posts`, payload: { title: 'x' } })
    expect(res.statusCode).toBe(404)
    expect(res.json()).toMatchObject({ code: 'rest_no_route', data: { status: 404 } })
  })

  test('the rest of Quire keeps problem+json', async ({ app }) => {
    const res = await app.inject({ url: '/v1/articles?limit=500' })
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
  })

  test('the per_page error names the parameter as WordPress does', async ({ app }) => {
    const body = (await app.inject({ url: `${v2}/posts?per_page=500` })).json()
    expect(body.message).toBe('Invalid parameter(s): per_page')
    expect(body.data.params.per_page).toContain('per_page')
  })
})

describe('parameters', () => {
  test('_fields keeps only the named fields, nested ones with a dot', async ({ app }) => {
    const res = await app.inject({ url: `${v2}/posts?per_page=2&_fields=id,title.rendered,link` })
    expect(res.statusCode).toBe(200)
    for (const post of res.json()) {
      expect(Object.keys(post).sort()).toEqual(['id', 'link', 'title'])
      expect(Object.keys(post.title)).toEqual(['rendered'])
    }
  })

  test('include and exclude select ids; orderby=include keeps the order asked for', async ({ app }) => {
    const included = (await app.inject({ url: `${v2}/posts?include=5,1,3&orderby=include&order=asc&_fields=id` })).json()
    expect(included.map((p: { id: number }) => p.id)).toEqual([5, 1, 3])
    const res = await app.inject({ url: `${v2}/posts?include=1,3,5&exclude=3&_fields=id` })
    expect(res.json().map((p: { id: number }) => p.id).sort()).toEqual([1, 5])
    expect(res.headers['x-wp-total']).toBe('2')
  })

  test('before and after bound the publication date, exclusively', async ({ app }) => {
    const all = (await app.inject({ url: `${v2}/posts?lang=en&per_page=100&_fields=id,date_gmt` })).json() as Array<{ id: number, date_gmt: string }>
    const pivot = all[Math.floor(all.length / 2)]!.date_gmt
    const after = (await app.inject({ url: `${v2}/posts?lang=en&per_page=100&after=${pivot}&_fields=id,date_gmt` })).json() as typeof all
    const before = (await app.inject({ url: `${v2}/posts?lang=en&per_page=100&before=${pivot}Z&_fields=id,date_gmt` })).json() as typeof all
    expect(after.length).toBeGreaterThan(0)
    expect(before.length).toBeGreaterThan(0)
    expect(after.every((p) => p.date_gmt > pivot)).toBe(true)
    expect(before.every((p) => p.date_gmt < pivot)).toBe(true)
    expect(after.length + before.length).toBe(all.filter((p) => p.date_gmt !== pivot).length)
  })

  test('orderby title asc sorts by title', async ({ app }) => {
    const posts = (await app.inject({ url: `${v2}/posts?lang=en&orderby=title&order=asc&per_page=20&_fields=title` })).json() as Array<{ title: { rendered: string } }>
    const titles = posts.map((p) => p.title.rendered)
    expect(titles).toEqual([...titles].sort((a, b) => a < b ? -1 : a > b ? 1 : 0))
  })

  test('author filters by user id', async ({ app, sql }) => {
    const authorId = sql.prepare('select author_id as id from article_authors group by author_id order by count(*) desc limit 1').get() as { id: number }
    const posts = (await app.inject({ url: `${v2}/posts?author=${authorId.id}&per_page=100&_fields=id` })).json() as Array<{ id: number }>
    const expected = sql.prepare('select aa.article_id as id from article_authors aa join articles a on a.id = aa.article_id where aa.author_id = ? and a.visible_from <= ?').all(authorId.id, now) as Array<{ id: number }>
    expect(posts.map((p) => p.id).sort((a, b) => a - b)).toEqual(expected.map((r) => r.id).sort((a, b) => a - b))
  })

  test('sticky=true lists the featured posts only', async ({ app, sql }) => {
    const posts = (await app.inject({ url: `${v2}/posts?sticky=true&per_page=100&_fields=id,sticky` })).json() as Array<{ id: number, sticky: boolean }>
    const expected = sql.prepare('select count(*) as n from articles where featured = 1 and visible_from <= ?').get(now) as { n: number }
    expect(posts.length).toBe(expected.n)
    expect(posts.every((p) => p.sticky)).toBe(true)
  })

  test('search finds posts by a word of their title, ranked', async ({ app }) => {
    const target = (await app.inject({ url: `${v2}/posts/1?_fields=title` })).json() as { title: { rendered: string } }
    const word = target.title.rendered.split(' ').sort((a, b) => b.length - a.length)[0]!
    const res = await app.inject({ url: `${v2}/posts?lang=en&search=${encodeURIComponent(word)}&_fields=id,title` })
    expect(res.statusCode).toBe(200)
    const found = res.json() as Array<{ id: number, title: { rendered: string } }>
    expect(found.map((p) => p.id)).toContain(1)
    expect(Number(res.headers['x-wp-total'])).toBeGreaterThanOrEqual(found.length)
  })

  test('comments of a post, with X-WP-Total as the count WordPress clients read', async ({ app }) => {
    const id = seedApprovedComment(app, 2)
    seedApprovedComment(app, 2)
    const res = await app.inject({ url: `${v2}/comments?post=2` })
    expect(res.statusCode).toBe(200)
    expect(res.headers['x-wp-total']).toBe('2')
    const comment = res.json().find((c: { id: number }) => c.id === id)
    expect(comment).toMatchObject({ post: 2, parent: 0, status: 'approved', type: 'comment' })
    expect(comment.link).toMatch(/#comment-\d+$/)
    expect(JSON.stringify(res.json())).not.toContain('@')
    expect((await app.inject({ url: `${v2}/comments/${id}` })).json()).toMatchObject({ id, post: 2 })
  })

  test('categories of a post (the wp:term link) are the post’s categories', async ({ app }) => {
    const post = (await app.inject({ url: `${v2}/posts/1` })).json()
    const terms = (await app.inject({ url: `${v2}/categories?post=1` })).json() as Array<{ id: number }>
    expect(terms.map((t) => t.id).sort()).toEqual([...post.categories].sort())
  })
})

describe('public content only', () => {
  test('drafts and scheduled posts are never visible, by list, id, slug or include', async ({ app, keys }) => {
    const draft = await createDraft(app, keys.editor, 'articles', { slug: 'secret-draft-wp' })
    const scheduled = await createDraft(app, keys.editor, 'articles', { slug: 'scheduled-wp' })
    await publish(app, keys.editor, scheduled, 'articles', { publishedAt: new Date(now + 86_400_000).toISOString() })
    const page = await createDraft(app, keys.editor, 'pages', { slug: 'draft-page-wp' })
    for (const id of [draft, scheduled]) {
      expect((await app.inject({ url: `${v2}/posts/${id}` })).json().code).toBe('rest_post_invalid_id')
      expect((await app.inject({ url: `${v2}/posts/${id}`, headers: keys.editor.auth })).statusCode).toBe(404)
    }
    expect((await app.inject({ url: `${v2}/posts?include=${draft},${scheduled}` })).json()).toEqual([])
    expect((await app.inject({ url: `${v2}/posts?slug=secret-draft-wp,scheduled-wp` })).json()).toEqual([])
    expect((await app.inject({ url: `${v2}/pages/${page}` })).statusCode).toBe(404)
    expect((await app.inject({ url: `${v2}/pages?slug=draft-page-wp` })).json()).toEqual([])
    const everything = (await app.inject({ url: `${v2}/posts?per_page=100&orderby=id&order=desc&_fields=id` })).json() as Array<{ id: number }>
    expect(everything.map((p) => p.id)).not.toContain(draft)
    expect(everything.map((p) => p.id)).not.toContain(scheduled)
  })
})

describe('caching and CORS as on /v1', () => {
  test('a list is cacheable, revalidates with 304, names its content, and exposes the WP headers', async ({ app }) => {
    const res = await app.inject({ url: `${v2}/posts?lang=en&per_page=2`, headers: { origin: 'https://app.example.org' } })
    expect(res.headers['cache-control']).toMatch(/^public/)
    expect(res.headers['surrogate-key']).toMatch(/list:articles:en/)
    expect(res.headers['surrogate-key']).toMatch(/article:\d+/)
    expect(res.headers['access-control-expose-headers']).toMatch(/x-wp-total/)
    expect(res.headers['access-control-expose-headers']).toMatch(/x-wp-totalpages/)
    const again = await app.inject({ url: `${v2}/posts?lang=en&per_page=2`, headers: { 'if-none-match': String(res.headers.etag) } })
    expect(again.statusCode).toBe(304)
  })

  test('the index describes the site and its routes', async ({ app }) => {
    const index = (await app.inject({ url: '/wp-json/' })).json()
    expect(index.namespaces).toEqual(['wp/v2'])
    for (const name of ['posts', 'pages', 'categories', 'tags', 'users', 'media', 'comments']) {
      expect(index.routes[`/wp/v2/${name}`].methods).toEqual(['GET'])
    }
    expect(typeof index.name).toBe('string')
  })
})
