import { contentMutations } from '../../graphql/entity-mutations.js'
import { bodyOf, nestedIdsOf } from '../../graphql/input.js'
import type { MutationResolvers } from '../../graphql/generated.js'
import { ArticleCreateBody, ArticlePatchBody } from './write-schemas.js'

const ids = { featuredMediaId: 'Media', authorIds: 'Author', categoryIds: 'Category', tagIds: 'Tag', translationOf: 'Article' } as const

const articleWrites = contentMutations({
  node: 'Article',
  writer: (ctx) => ctx.services.articles,
  read: (ctx, id) => ctx.services.articles.findRecordById(id, 'editorial'),
  createBody: ArticleCreateBody,
  patchBody: ArticlePatchBody,
  toBody: (input) => {
    const body = nestedIdsOf(bodyOf(input, ids), 'attachments', 'mediaId', 'Media')
    // the enum's values are REST's in capitals (OPEN → open)
    if (typeof body.commentStatus === 'string') body.commentStatus = body.commentStatus.toLowerCase()
    return body
  }
})

/**
 * Article mutations: the REST write routes' operations, through the same service commands (and so
 * the same permission checks, workflow and revisions), with inputs checked against the same body
 * schemas. Each returns the article as an editorial read sees it.
 */
export const articleMutations = {
  createArticle: articleWrites.create,
  updateArticle: articleWrites.update,
  publishArticle: articleWrites.publish,
  unpublishArticle: articleWrites.unpublish,
  archiveArticle: articleWrites.archive,
  deleteArticle: articleWrites.remove,
  restoreArticleRevision: articleWrites.restoreRevision
} satisfies Pick<MutationResolvers, 'createArticle' | 'updateArticle' | 'publishArticle' | 'unpublishArticle' | 'archiveArticle' | 'deleteArticle' | 'restoreArticleRevision'>
