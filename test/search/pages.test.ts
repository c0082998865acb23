import { describe, expect } from 'vitest'
import { test } from '../helpers/app.js'
import { createDraft, publish } from '../helpers/content.js'
import { data } from '../helpers/graphql.js'
import { search } from '../helpers/search.js'

const SEARCH = `query($q: String!, $filter: SearchFilter) {
  search(query: $q, filter: $filter, first: 10) {
    totalCount
    edges { node { __typename ... on Page { databaseId title } ... on Article { databaseId } } }
  }
}`

describe('pages in search', () => {
  test('a published page is found with its type, by REST and GraphQL, under the article visibility rule', async ({ app, keys }) => {
    const pageId = await createDraft(app, keys.editor, 'pages', { title: 'Qzpagealpha contact desk', body: '<p>Write to the qzpagealpha desk.</p>' })
    const articleId = await createDraft(app, keys.editor, 'articles', { title: 'Qzpagealpha in the news' })
    await publish(app, keys.editor, articleId)

    // a draft page is not searchable
    expect((await search(app, 'qzpagealpha')).data.map((hit) => hit.id)).toEqual([articleId])

    await publish(app, keys.editor, pageId, 'pages')
    const all = await search(app, 'qzpagealpha')
    expect(all.meta.total).toBe(2)
    const page = all.data.find((hit) => (hit as unknown as { type: string }).type === 'page') as unknown as Record<string, unknown>
    expect(page).toMatchObject({ type: 'page', id: pageId, edition: 'en', url: expect.stringMatching(/^https:\/\/example\.org\/en\//) as unknown })
    expect((page.highlight as { title: string }).title).toContain('<mark>Qzpagealpha</mark>')

    expect((await search(app, 'qzpagealpha', { type: 'pages' })).data.map((hit) => hit.id)).toEqual([pageId])
    expect((await search(app, 'qzpagealpha', { type: 'articles' })).data.map((hit) => hit.id)).toEqual([articleId])
    // filters only articles have leave pages out; edition and dates apply to both
    expect((await search(app, 'qzpagealpha', { type: 'pages', tag: 'no-such-tag' })).meta.total).toBe(0)
    expect((await search(app, 'qzpagealpha', { type: 'pages', edition: 'ar' })).meta.total).toBe(0)
    expect((await search(app, 'qzpagealpha', { type: 'pages', edition: 'en' })).meta.total).toBe(1)

    const graph = await data<{ search: { totalCount: number, edges: Array<{ node: { __typename: string, databaseId: number, title?: string } }> } }>(
      app, SEARCH, { q: 'qzpagealpha', filter: { type: 'PAGES' } })
    expect(graph.search.totalCount).toBe(1)
    expect(graph.search.edges[0]!.node).toMatchObject({ __typename: 'Page', databaseId: pageId, title: 'Qzpagealpha contact desk' })

    const unpublished = await app.inject({ method: 'POST', url: `/v1/pages/${pageId}/unpublish`, headers: keys.editor.auth, payload: {} })
    expect(unpublished.statusCode, unpublished.body).toBe(200)
    expect((await search(app, 'qzpagealpha', { type: 'pages' })).meta.total).toBe(0)
  })

  test('an unknown type is a 400', async ({ app }) => {
    const res = await app.inject('/v1/search?q=bread&type=posts')
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
  })
})
