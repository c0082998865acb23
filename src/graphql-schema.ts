import { createNodeResolvers } from './graphql/node.js'
import { dateTimeScalar } from './graphql/scalars.js'
import type { Loaders, QuireResolvers, UnresolvedFields } from './graphql/types.js'
import { versionLoader } from './graphql/version-loader.js'
import { articleLoaders, articleMutations, articleResolvers, findArticleNodes } from './modules/articles/index.js'
import { authorLoaders, authorMutations, authorResolvers, findAuthorNodes } from './modules/authors/index.js'
import { commentMutations, commentResolvers } from './modules/comments/index.js'
import { categoryLoaders, categoryMutations, categoryResolvers, findCategoryNodes } from './modules/categories/index.js'
import { editionMutations, editionResolvers, findEditionNodes } from './modules/editions/index.js'
import { findGalleryNodes, galleryLoaders, galleryMutations, galleryResolvers } from './modules/galleries/index.js'
import { findMediaNodes, mediaMutations, mediaResolvers } from './modules/media/index.js'
import { findMenuNodes, menuLoaders, menuMutations, menuResolvers } from './modules/menus/index.js'
import { findPageNodes, pageLoaders, pageMutations, pageResolvers } from './modules/pages/index.js'
import { settingsLoaders, settingsMutations, settingsResolvers } from './modules/settings/index.js'
import { findTagNodes, tagLoaders, tagMutations, tagResolvers } from './modules/tags/index.js'
import { searchResolvers } from './search/resolvers.js'

/*
 * The GraphQL table of contents: which module answers which type, composed from the modules'
 * doors and handed to graphql/plugin.ts by app.ts (part of the composition root, with app.ts and
 * services.ts). Each module's resolvers.ts calls its own service (and, for relations, the related
 * module's batch finders) — never SQL.
 */

const nodeResolvers = createNodeResolvers({
  Edition: findEditionNodes,
  Category: findCategoryNodes,
  Author: findAuthorNodes,
  Tag: findTagNodes,
  Article: findArticleNodes,
  Media: findMediaNodes,
  Gallery: findGalleryNodes,
  Page: findPageNodes,
  Menu: findMenuNodes
})

const resolvers = {
  Query: {
    ...nodeResolvers,
    ...editionResolvers.Query,
    ...articleResolvers.Query,
    ...categoryResolvers.Query,
    ...authorResolvers.Query,
    ...tagResolvers.Query,
    ...mediaResolvers.Query,
    ...galleryResolvers.Query,
    ...pageResolvers.Query,
    ...menuResolvers.Query,
    ...settingsResolvers.Query,
    ...searchResolvers.Query,
    ...commentResolvers.Query
  },
  Comment: commentResolvers.Comment,
  ModeratedComment: commentResolvers.ModeratedComment,
  Edition: editionResolvers.Edition,
  Article: articleResolvers.Article,
  Category: { ...categoryResolvers.Category, ...articleResolvers.Category },
  Author: { ...authorResolvers.Author, ...articleResolvers.Author },
  Tag: { ...tagResolvers.Tag, ...articleResolvers.Tag },
  Media: mediaResolvers.Media,
  Gallery: galleryResolvers.Gallery,
  Page: pageResolvers.Page,
  SiteSettings: settingsResolvers.SiteSettings,
  Menu: menuResolvers.Menu,
  MenuItem: menuResolvers.MenuItem,
  MenuTarget: menuResolvers.MenuTarget,
  SearchConnection: searchResolvers.SearchConnection,
  SearchEdge: searchResolvers.SearchEdge,
  SearchSuggestion: searchResolvers.SearchSuggestion,
  Mutation: {
    ...articleMutations,
    ...pageMutations,
    ...tagMutations,
    ...categoryMutations,
    ...authorMutations,
    ...editionMutations,
    ...settingsMutations,
    ...mediaMutations,
    ...galleryMutations,
    ...menuMutations,
    ...commentMutations
  }
} satisfies QuireResolvers

const loaders = {
  Article: articleLoaders.Article,
  Category: { ...categoryLoaders.Category, version: versionLoader('category') },
  Tag: { ...tagLoaders.Tag, version: versionLoader('tag') },
  Author: { ...authorLoaders.Author, version: versionLoader('author') },
  Media: { version: versionLoader('media') },
  Gallery: { ...galleryLoaders.Gallery, version: versionLoader('gallery') },
  Page: pageLoaders.Page,
  Menu: { ...menuLoaders.Menu, version: versionLoader('menu') },
  MenuTarget: menuLoaders.MenuTarget,
  SiteSettings: settingsLoaders.SiteSettings,
  Edition: settingsLoaders.Edition
} satisfies Loaders

/** Scalar behaviour, outside the typed map: mercurius copies these onto the schema's own scalar. */
const scalars = { DateTime: dateTimeScalar }

// Fails the typecheck, naming type and field, when a schema field has no resolver, loader or
// parent property of the right type (see UnresolvedFields).
export const everyFieldResolved: UnresolvedFields<typeof resolvers, typeof loaders> = {}

export const graphqlImplementation = { resolvers, loaders, scalars }
