export { createQuireClient, type QuireClient, type QuireClientOptions } from './client.js'
export { QuireProblemError, type Problem } from './problem-error.js'
export { itemsOf, pagesOf, type ListPage } from './pagination.js'
export type {
  Article, ArticleCreateBody, ArticleField, ArticleListQuery, ArticlePatchBody, ArticleRelation, ArticleView, ArticleWith,
  ListDefaultField, WrittenArticle
} from './articles.js'
export type { components, operations, paths } from './schema.js'
