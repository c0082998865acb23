import { describe, expect, it } from 'vitest'
import { toGlobalId } from '../../src/graphql/global-id.js'
import { useWriteContext } from '../helpers/write-context.js'
import { gql } from '../helpers/graphql.js'

/*
 * `version` is editorial information: REST leaves it out of public responses, and GraphQL follows
 * the same rule (auth/permissions.ts showsVersion) — null for anonymous callers, the stored
 * version for API keys — on every type that has it, at every depth.
 */
const ctx = useWriteContext()

const query = `{
  editions { code version settings { version } }
  articles(first: 3) { edges { node { databaseId version categories { version } tags { version } authors { version } featuredMedia { version } translations { version } } } }
  pages(first: 3) { edges { node { databaseId version } } }
  categories(first: 3) { edges { node { version } } }
  authors(first: 3) { edges { node { version } } }
  tags(first: 3) { edges { node { version } } }
  mediaItems(first: 3) { edges { node { version } } }
  galleries(first: 3) { edges { node { version } } }
  menus(edition: "en") { version }
  settings(edition: "en") { version }
}`

/** Every `version` value anywhere in a response. */
function versions (value: unknown, out: unknown[] = []): unknown[] {
  if (Array.isArray(value)) value.forEach((v) => versions(v, out))
  else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'version') out.push(v)
      else versions(v, out)
    }
  }
  return out
}

describe('GraphQL version visibility', () => {
  it('anonymous callers get null for every version, without errors', async () => {
    const res = await gql(ctx.app, query)
    expect(res.body.errors).toBeUndefined()
    const found = versions(res.body.data)
    expect(found.length).toBeGreaterThan(30)
    expect(found.every((v) => v === null)).toBe(true)
  })

  it.each(['preview', 'author', 'editor', 'admin'] as const)('a %s key gets every version', async (role) => {
    const res = await gql(ctx.app, query, undefined, ctx.keys[role].auth)
    expect(res.body.errors).toBeUndefined()
    const found = versions(res.body.data)
    expect(found.length).toBeGreaterThan(30)
    expect(found.every((v) => Number.isInteger(v) && (v as number) >= 1)).toBe(true)
  })

  it('matches REST: absent for the public, the same number for a key', async () => {
    const gqlPublic = await gql(ctx.app, '{ articles(first: 1) { edges { node { databaseId version } } } }')
    const node = gqlPublic.body.data.articles.edges[0].node
    const restPublic = (await ctx.app.inject(`/v1/articles/${node.databaseId}`)).json().data
    expect(restPublic).not.toHaveProperty('version')
    expect(node.version).toBeNull()

    // a version other than 1, so an accidental default cannot pass for it
    const edited = await ctx.app.inject({ method: 'PATCH', url: `/v1/articles/${node.databaseId}`, headers: ctx.keys.editor.auth, payload: { featured: true } })
    expect(edited.statusCode).toBe(200)
    const restKey = (await ctx.app.inject({ url: `/v1/articles/${node.databaseId}`, headers: ctx.keys.preview.auth })).json().data
    expect(restKey.version).toBeGreaterThan(1)
    const gqlKey = await gql(ctx.app, 'query($id: ID!) { article(id: $id) { version } }', { id: toGlobalId('Article', node.databaseId) }, ctx.keys.preview.auth)
    expect(gqlKey.body.data.article.version).toBe(restKey.version)
    const gqlAnonymous = await gql(ctx.app, 'query($id: ID!) { article(id: $id) { version } }', { id: toGlobalId('Article', node.databaseId) })
    expect(gqlAnonymous.body.data.article.version).toBeNull()
  })
})
