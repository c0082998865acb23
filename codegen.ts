import type { CodegenConfig } from '@graphql-codegen/cli'

const modules = '../modules'

/**
 * Resolver types for src/graphql/generated.ts (`npm run graphql:codegen`). Mappers name what each
 * GraphQL type's resolvers receive as parent: the services' own DTOs and records, so TypeScript
 * checks every resolver and loader against schema.graphql and the services together.
 * test/graphql/schema-drift.test.ts fails when the committed file is not what this config produces.
 */
const config: CodegenConfig = {
  schema: 'schema.graphql',
  generates: {
    'src/graphql/generated.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        useTypeImports: true,
        emitLegacyCommonJSImports: false,
        enumsAsTypes: true,
        useIndexSignature: false,
        mapperTypeSuffix: 'Model',
        avoidOptionals: { field: true },
        contextType: './context.js#GraphQLContext',
        scalars: { DateTime: 'string', ID: 'string' },
        mappers: {
          Edition: `${modules}/editions/schemas.js#Edition`,
          Category: `${modules}/categories/schemas.js#Category`,
          CategoryConnection: `${modules}/categories/resolvers.js#CategoryConnectionParent`,
          CategoryEdge: `${modules}/categories/resolvers.js#CategoryEdgeParent`,
          Author: `${modules}/authors/schemas.js#Author`,
          AuthorConnection: `${modules}/authors/resolvers.js#AuthorConnectionParent`,
          AuthorEdge: `${modules}/authors/resolvers.js#AuthorEdgeParent`,
          Tag: `${modules}/tags/schemas.js#Tag`,
          TagConnection: `${modules}/tags/resolvers.js#TagConnectionParent`,
          TagEdge: `${modules}/tags/resolvers.js#TagEdgeParent`,
          Article: `${modules}/articles/records.js#ArticleRecord`,
          ArticleConnection: `${modules}/articles/resolvers.js#ArticleConnectionParent`,
          ArticleEdge: `${modules}/articles/resolvers.js#ArticleEdgeParent`,
          Media: `${modules}/media/schemas.js#Media`,
          MediaConnection: `${modules}/media/resolvers.js#MediaConnectionParent`,
          MediaEdge: `${modules}/media/resolvers.js#MediaEdgeParent`,
          Gallery: `${modules}/galleries/schemas.js#Gallery`,
          GalleryItem: `${modules}/galleries/schemas.js#GalleryItem`,
          GalleryConnection: `${modules}/galleries/resolvers.js#GalleryConnectionParent`,
          GalleryEdge: `${modules}/galleries/resolvers.js#GalleryEdgeParent`,
          Page: `${modules}/pages/schemas.js#Page`,
          PageConnection: `${modules}/pages/resolvers.js#PageConnectionParent`,
          PageEdge: `${modules}/pages/resolvers.js#PageEdgeParent`,
          Menu: `${modules}/menus/schemas.js#Menu`,
          MenuItem: `${modules}/menus/schemas.js#MenuItem`,
          MenuTarget: `${modules}/menus/resolvers.js#MenuTargetParent`,
          SiteSettings: `${modules}/settings/schemas.js#SiteSettings`,
          SearchConnection: '../search/resolvers.js#SearchConnectionParent',
          SearchEdge: '../search/resolvers.js#SearchEdgeParent',
          SearchSuggestion: '../search/service.js#Suggestion',
          Comment: `${modules}/comments/schemas.js#PublicComment`,
          CommentConnection: `${modules}/comments/resolvers.js#CommentConnectionParent`,
          CommentEdge: `${modules}/comments/resolvers.js#CommentEdgeParent`,
          PageInfo: './connection.js#PageInfo'
        }
      }
    }
  }
}

export default config
