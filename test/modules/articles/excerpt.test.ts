import { describe, expect } from 'vitest'
import { toGlobalId } from '../../../src/graphql/global-id.js'
import { test, type TestApp } from '../../helpers/app.js'
import { createDraft, publish } from '../../helpers/content.js'
import { data } from '../../helpers/graphql.js'
import type { IssuedKey } from '../../helpers/keys.js'
import { syncUntilDone } from '../../helpers/sync.js'

// One word no demo article has, so search finds exactly these articles.
const marker = 'zephyrquill'
const words = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ')
const body = `<h2>Opening &amp; ${marker}</h2><p>The first paragraph, with <b>bold</b>&nbsp;text.<br>A second line.</p><script>never shown</script><p>${words}</p>`

/** The excerpt of one article as every protocol that carries it answers it, keyed by where it came from. */
async function excerptsEverywhere (app: TestApp, id: number, slug: string): Promise<Record<string, unknown>> {
  const one = (await app.inject(`/v1/articles/${id}`)).json().data
  const list = (await app.inject(`/v1/articles?edition=en&slug=${slug}&fields=excerpt`)).json().data
  const gql = await data(app, `query ($id: ID!, $slug: String!) {
    article(id: $id) { excerpt }
    articles(filter: { edition: "en", slug: $slug }) { nodes { excerpt } }
  }`, { id: toGlobalId('Article', id), slug })
  const feed = JSON.parse((await app.inject('/feeds/en/feed.json')).body) as { items: Array<{ url: string, summary?: string }> }
  const hits = (await app.inject(`/v1/search?q=${marker}&edition=en`)).json().data as Array<{ id: number, excerpt: string }>
  const { entries } = await syncUntilDone(app, 'edition=en&types=article&limit=100', 100)
  return {
    'REST item': one.excerpt,
    'REST list (read without bodies)': list[0]?.excerpt,
    'GraphQL article': gql.article.excerpt,
    'GraphQL list': gql.articles.nodes[0]?.excerpt,
    'JSON Feed summary': feed.items.find((item) => item.url === one.url)?.summary,
    'search hit': hits.find((hit) => hit.id === id)?.excerpt,
    'sync entity': entries.find((e) => e.type === 'article' && e.id === id)?.entity?.excerpt
  }
}

async function publishedArticle (app: TestApp, key: IssuedKey, fields: Record<string, unknown>): Promise<{ id: number, slug: string }> {
  const id = await createDraft(app, key, 'articles', { title: `Excerpt agreement ${marker}`, body, ...fields })
  await publish(app, key, id)
  const res = await app.inject({ url: `/v1/articles/${id}`, headers: key.auth })
  return { id, slug: res.json().data.slug as string }
}

describe('one excerpt rule for every protocol', () => {
  test('an article without an excerpt gets the start of its body, the same in REST, GraphQL, JSON Feed, search and sync', async ({ app, keys }) => {
    const { id, slug } = await publishedArticle(app, keys.editor, { excerpt: null })
    const answers = await excerptsEverywhere(app, id, slug)
    const expected = answers['REST item']
    expect(typeof expected).toBe('string')
    // plain text from the start of the body: tags gone, entities decoded, script dropped, cut at a word with an ellipsis
    expect(expected).toMatch(new RegExp(`^Opening & ${marker} The first paragraph, with bold text\\. A second line\\. word0 word1 `))
    expect(expected).not.toContain('<')
    expect(expected).not.toContain('never shown')
    expect((expected as string).endsWith('…')).toBe(true)
    expect(Array.from(expected as string).length).toBeLessThanOrEqual(201)
    for (const [where, excerpt] of Object.entries(answers)) expect(excerpt, where).toBe(expected)
  })

  test('a blank stored excerpt counts as none; a written one is used as it is, everywhere', async ({ app, keys }) => {
    const blank = await publishedArticle(app, keys.editor, { excerpt: '   ' })
    const fallback = await excerptsEverywhere(app, blank.id, blank.slug)
    expect(new Set(Object.values(fallback)).size, JSON.stringify(fallback)).toBe(1)
    expect(fallback['REST item']).toMatch(new RegExp(`^Opening & ${marker}`))

    const written = await publishedArticle(app, keys.editor, { excerpt: 'Written by the editor.' })
    for (const [where, excerpt] of Object.entries(await excerptsEverywhere(app, written.id, written.slug))) {
      expect(excerpt, where).toBe('Written by the editor.')
    }
  })

  test('GraphQL body(format: TEXT) is the plain text the excerpt is cut from', async ({ app, keys }) => {
    const { id } = await publishedArticle(app, keys.editor, { excerpt: null })
    const gql = await data(app, 'query ($id: ID!) { article(id: $id) { excerpt body(format: TEXT) } }', { id: toGlobalId('Article', id) })
    expect(gql.article.body).toBe(`Opening & ${marker}\n\nThe first paragraph, with bold text.\nA second line.\n\n${words}`)
    expect(gql.article.body.replace(/\s+/g, ' ').startsWith(gql.article.excerpt.slice(0, -1))).toBe(true)
  })
})
