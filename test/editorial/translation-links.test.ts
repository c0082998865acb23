import { describe, expect, it } from 'vitest'
import { toGlobalId } from '../../src/graphql/global-id.js'
import { createDraft, publish } from '../helpers/content.js'
import type { IssuedKey } from '../helpers/keys.js'
import { codes, gql } from '../helpers/graphql.js'
import { useWriteContext } from '../helpers/write-context.js'

/*
 * Joining a translation group changes the row named by `translationOf` (its group, its version, or
 * at least the translations it lists), so it takes the update permission on that row too. An
 * author must not be able to change an editor's article through its own draft, nor take the
 * group's seat for an edition.
 */
const ctx = useWriteContext()

const collections = [
  { collection: 'articles', node: 'Article', type: 'Article', table: 'articles' },
  { collection: 'pages', node: 'Page', type: 'Page', table: 'pages' }
] as const
type Collection = typeof collections[number]

interface Attempt { name: string, run: (c: Collection, author: IssuedKey, target: number) => Promise<{ status: number, code: string | undefined }> }

const attempts: Attempt[] = [
  {
    name: 'REST create',
    run: async ({ collection }, author, target) => {
      const res = await ctx.app.inject({ method: 'POST', url: `/v1/${collection}`, headers: author.auth, payload: { edition: 'ar', title: 'ترجمة', translationOf: target } })
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
      return { status: res.statusCode, code: res.json().type }
    }
  },
  {
    name: 'REST update',
    run: async ({ collection }, author, target) => {
      const own = await createDraft(ctx.app, author, collection, { edition: 'ar' })
      const res = await ctx.app.inject({ method: 'PATCH', url: `/v1/${collection}/${own}`, headers: author.auth, payload: { translationOf: target } })
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
      return { status: res.statusCode, code: res.json().type }
    }
  },
  {
    name: 'GraphQL create',
    run: async ({ node, type }, author, target) => {
      const res = await gql(ctx.app, `mutation($input: Create${type}Input!) { create${type}(input: $input) { databaseId } }`,
        { input: { edition: 'ar', title: 'ترجمة', translationOf: toGlobalId(node, target) } }, author.auth)
      return { status: res.body.data === null || res.body.data === undefined ? 403 : 200, code: codes(res)[0] }
    }
  },
  {
    name: 'GraphQL update',
    run: async ({ collection, node, type }, author, target) => {
      const own = await createDraft(ctx.app, author, collection, { edition: 'ar' })
      const res = await gql(ctx.app, `mutation($id: ID!, $input: Update${type}Input!) { update${type}(id: $id, input: $input) { databaseId } }`,
        { id: toGlobalId(node, own), input: { translationOf: toGlobalId(node, target) } }, author.auth)
      return { status: res.body.data === null || res.body.data === undefined ? 403 : 200, code: codes(res)[0] }
    }
  }
]

const stateOf = (table: string, id: number) => ctx.sql.prepare(`select version, updated_at, translation_group from ${table} where id = ?`).get(id)
const groupMembers = (table: string, group: unknown) => ctx.sql.prepare(`select id from ${table} where translation_group = ? order by id`).all(group)
const counts = () => ctx.sql.prepare(`select (select count(*) from articles) articles, (select count(*) from pages) pages,
  (select count(*) from revisions) revisions, (select count(*) from changes) changes`).get() as Record<string, number>

describe.each(collections)('linking a translation of someone else\'s $collection', (c) => {
  it.each(attempts)('$name: an author cannot join the group of an editor\'s published one — 403, nothing written', async ({ run }) => {
    const { app, keys } = ctx
    // without a group: joining would have to write the editor's row
    const lone = await createDraft(app, keys.editor, c.collection)
    await publish(app, keys.editor, lone, c.collection)
    // with a group: joining would take the group's seat for edition ar
    const grouped = await createDraft(app, keys.editor, c.collection)
    await publish(app, keys.editor, grouped, c.collection)
    await createDraft(app, keys.editor, c.collection, { edition: 'sq', translationOf: grouped })

    for (const target of [lone, grouped]) {
      const before = stateOf(c.table, target)
      const members = groupMembers(c.table, (before as { translation_group: unknown }).translation_group)
      const countsBefore = counts()
      const result = await run(c, keys.author, target)
      expect(result.status).toBe(403)
      expect(result.code === 'http://quire.test/problems/forbidden' || result.code === 'FORBIDDEN').toBe(true)
      expect(stateOf(c.table, target)).toEqual(before)
      expect(groupMembers(c.table, (before as { translation_group: unknown }).translation_group)).toEqual(members)
      // at most the author's own draft made by the update attempts: one row, one revision, one change
      const countsAfter = counts()
      const made = countsAfter[c.table]! - countsBefore[c.table]!
      expect(made).toBeLessThanOrEqual(1)
      expect(countsAfter.revisions! - countsBefore.revisions!).toBe(made)
      expect(countsAfter.changes! - countsBefore.changes!).toBe(made)
    }

    // the group's ar seat is still free for the editor's real translation
    const real = await app.inject({ method: 'POST', url: `/v1/${c.collection}`, headers: keys.editor.auth, payload: { edition: 'ar', title: 'الترجمة', translationOf: grouped } })
    expect(real.statusCode).toBe(201)
  })

  it('an author still links its own drafts, and an editor links the author\'s draft to any article', async () => {
    const { app, keys, sql } = ctx
    const mine = await createDraft(app, keys.author, c.collection)
    const translation = await createDraft(app, keys.author, c.collection, { edition: 'ar', translationOf: mine })
    const group = (sql.prepare(`select translation_group g from ${c.table} where id = ?`).get(translation) as { g: number }).g
    expect(group).not.toBeNull()
    expect(stateOf(c.table, mine)).toMatchObject({ translation_group: group, version: 2 })

    const editors = await createDraft(app, keys.editor, c.collection)
    await publish(app, keys.editor, editors, c.collection)
    const byAuthor = await createDraft(app, keys.author, c.collection, { edition: 'fa' })
    const res = await app.inject({ method: 'PATCH', url: `/v1/${c.collection}/${byAuthor}`, headers: keys.editor.auth, payload: { translationOf: editors } })
    expect(res.statusCode).toBe(200)
    expect(stateOf(c.table, editors)).toMatchObject({ translation_group: (stateOf(c.table, byAuthor) as { translation_group: number }).translation_group })
  })
})
