import { toGlobalId, databaseIdOf } from '../../graphql/global-id.js'
import { assertValidInput, bodyOf } from '../../graphql/input.js'
import type { MutationResolvers } from '../../graphql/generated.js'
import type { ArticleCreateInput, ArticleFields } from './commands.js'
import { ArticleCreateBody, ArticlePatchBody } from './write-schemas.js'

const ids = { featuredMediaId: 'Media', authorIds: 'Author', categoryIds: 'Category', tagIds: 'Tag', translationOf: 'Article' } as const
const expected = (version: number | null | undefined) => version ?? undefined

/**
 * Article mutations: the REST write routes' operations, through the same service commands (and so
 * the same permission checks, workflow and revisions), with inputs checked against the same body
 * schemas. Each returns the article as an editorial read sees it.
 */
export const articleMutations = {
  createArticle: (_root, { input }, ctx) => {
    const body = assertValidInput<ArticleCreateInput>(ArticleCreateBody, bodyOf(input, ids))
    const { id } = ctx.services.articles.create(body, { actor: ctx.principal })
    return ctx.services.articles.findRecordById(id, 'editorial')
  },
  updateArticle: (_root, { id, input, expectedVersion }, ctx) => {
    const fields = assertValidInput<ArticleFields>(ArticlePatchBody, bodyOf(input, ids))
    const row = ctx.services.articles.update(databaseIdOf(id, 'Article'), fields, { actor: ctx.principal, expectedVersion: expected(expectedVersion) })
    return ctx.services.articles.findRecordById(row.id, 'editorial')
  },
  publishArticle: (_root, { id, publishedAt, expectedVersion }, ctx) => {
    const row = ctx.services.articles.transition(databaseIdOf(id, 'Article'), 'publish', {
      actor: ctx.principal, expectedVersion: expected(expectedVersion), ...(publishedAt !== null && publishedAt !== undefined ? { publishedAt } : {})
    })
    return ctx.services.articles.findRecordById(row.id, 'editorial')
  },
  unpublishArticle: (_root, { id, expectedVersion }, ctx) => {
    const row = ctx.services.articles.transition(databaseIdOf(id, 'Article'), 'unpublish', { actor: ctx.principal, expectedVersion: expected(expectedVersion) })
    return ctx.services.articles.findRecordById(row.id, 'editorial')
  },
  archiveArticle: (_root, { id, expectedVersion }, ctx) => {
    const row = ctx.services.articles.transition(databaseIdOf(id, 'Article'), 'archive', { actor: ctx.principal, expectedVersion: expected(expectedVersion) })
    return ctx.services.articles.findRecordById(row.id, 'editorial')
  },
  deleteArticle: (_root, { id, expectedVersion }, ctx) => {
    const databaseId = databaseIdOf(id, 'Article')
    ctx.services.articles.remove(databaseId, { actor: ctx.principal, expectedVersion: expected(expectedVersion) })
    return { deletedId: toGlobalId('Article', databaseId), databaseId }
  },
  restoreArticleRevision: (_root, { id, revision, expectedVersion }, ctx) => {
    const row = ctx.services.articles.restoreRevision(databaseIdOf(id, 'Article'), revision, { actor: ctx.principal, expectedVersion: expected(expectedVersion) })
    return ctx.services.articles.findRecordById(row.id, 'editorial')
  }
} satisfies Pick<MutationResolvers, 'createArticle' | 'updateArticle' | 'publishArticle' | 'unpublishArticle' | 'archiveArticle' | 'deleteArticle' | 'restoreArticleRevision'>
