import { describe, expect } from 'vitest'
import { test } from '../helpers/app.js'

/* Content-Language on REST answers that are of one edition; none on answers that mix editions. */
describe('Content-Language', () => {
  test('an item says the language of its edition', async ({ app }) => {
    const list = (await app.inject({ method: 'GET', url: '/v1/articles?edition=fa&limit=1' })).json()
    const article = list.data[0]
    expect(article.edition).toBe('fa')
    const byId = await app.inject({ method: 'GET', url: `/v1/articles/${String(article.id)}` })
    expect(byId.headers['content-language']).toBe('fa')
    const bySlug = await app.inject({ method: 'GET', url: `/v1/editions/fa/articles/${encodeURIComponent(article.slug as string)}` })
    expect(bySlug.statusCode).toBe(200)
    expect(bySlug.headers['content-language']).toBe('fa')
  })

  test('an item whose fields leave the edition out says none: the answer does not show it', async ({ app }) => {
    const res = await app.inject({ method: 'GET', url: '/v1/articles/1?fields=id,title' })
    expect(res.statusCode).toBe(200)
    expect(res.json().data.edition).toBeUndefined()
    expect(res.headers['content-language']).toBeUndefined()
  })

  test('categories, pages and settings of an edition', async ({ app }) => {
    const category = (await app.inject({ method: 'GET', url: '/v1/categories?edition=ar&limit=1' })).json().data[0]
    expect((await app.inject({ method: 'GET', url: `/v1/categories/${String(category.id)}` })).headers['content-language']).toBe('ar')
    expect((await app.inject({ method: 'GET', url: '/v1/editions/ar/settings' })).headers['content-language']).toBe('ar')
    expect((await app.inject({ method: 'GET', url: '/v1/pages?edition=en' })).headers['content-language']).toBe('en')
  })

  test('a list filtered by edition says that edition; an unfiltered list says nothing', async ({ app }) => {
    expect((await app.inject({ method: 'GET', url: '/v1/articles?edition=ar&limit=2' })).headers['content-language']).toBe('ar')
    expect((await app.inject({ method: 'GET', url: '/v1/articles?limit=2' })).headers['content-language']).toBeUndefined()
  })

  test('the edition resource, errors and other protocols carry none', async ({ app }) => {
    expect((await app.inject({ method: 'GET', url: '/v1/editions/en' })).headers['content-language']).toBeUndefined()
    expect((await app.inject({ method: 'GET', url: '/v1/articles?edition=en&limit=500' })).headers['content-language']).toBeUndefined()
    expect((await app.inject({ method: 'GET', url: '/v1/editions/en/articles/no-such-slug' })).headers['content-language']).toBeUndefined()
    expect((await app.inject({ method: 'GET', url: '/' })).headers['content-language']).toBeUndefined()
  })

  test('a replay from the response cache repeats it', async ({ app }) => {
    const url = '/v1/tags?edition=fa&limit=3'
    await app.inject({ method: 'GET', url })
    const hit = await app.inject({ method: 'GET', url })
    expect(hit.headers['x-cache']).toBe('HIT')
    expect(hit.headers['content-language']).toBe('fa')
  })
})
