import { articleLoaders, articleResolvers, findArticleNodes } from '../modules/articles/resolvers.js'
import { authorResolvers, findAuthorNodes } from '../modules/authors/resolvers.js'
import { categoryLoaders, categoryResolvers, findCategoryNodes } from '../modules/categories/resolvers.js'
import { editionResolvers, findEditionNodes } from '../modules/editions/resolvers.js'
import { findGalleryNodes, galleryLoaders, galleryResolvers } from '../modules/galleries/resolvers.js'
import { findMediaNodes, mediaResolvers } from '../modules/media/resolvers.js'
import { findMenuNodes, menuLoaders, menuResolvers } from '../modules/menus/resolvers.js'
import { findPageNodes, pageLoaders, pageResolvers } from '../modules/pages/resolvers.js'
import { articleMutations } from '../modules/articles/mutations.js'
import { pageMutations } from '../modules/pages/mutations.js'
import { tagMutations } from '../modules/tags/mutations.js'
import { categoryMutations } from '../modules/categories/mutations.js'
import { authorMutations } from '../modules/authors/mutations.js'
import { editionMutations } from '../modules/editions/mutations.js'
import { settingsMutations } from '../modules/settings/mutations.js'
import { mediaMutations } from '../modules/media/mutations.js'
import { galleryMutations } from '../modules/galleries/mutations.js'
import { menuMutations } from '../modules/menus/mutations.js'
import { settingsLoaders, settingsResolvers } from '../modules/settings/resolvers.js'
import { findTagNodes, tagLoaders, tagResolvers } from '../modules/tags/resolvers.js'
import { searchResolvers } from '../search/resolvers.js'
import { commentMutations, commentResolvers } from '../modules/comments/index.js'
import { createNodeResolvers } from './node.js'
import { dateTimeScalar } from './scalars.js'
import { versionLoader } from './version-loader.js'
import type { Loaders, QuireResolvers, UnresolvedFields } from './types.js'

/*
 * The GraphQL table of contents: which module answers which type. Each module's resolvers.ts
 * calls its own service (and, for relations, the related module's batch finders) — never SQL.
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

export const resolvers = {
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

export const loaders = {
  Article: articleLoaders.Article,
  Category: { ...categoryLoaders.Category, version: versionLoader('category') },
  Tag: { ...tagLoaders.Tag, version: versionLoader('tag') },
  Author: { version: versionLoader('author') },
  Media: { version: versionLoader('media') },
  Gallery: { ...galleryLoaders.Gallery, version: versionLoader('gallery') },
  Page: pageLoaders.Page,
  Menu: { ...menuLoaders.Menu, version: versionLoader('menu') },
  MenuTarget: menuLoaders.MenuTarget,
  SiteSettings: settingsLoaders.SiteSettings,
  Edition: settingsLoaders.Edition
} satisfies Loaders

/** Scalar behaviour, outside the typed map: mercurius copies these onto the schema's own scalar. */
export const scalars = { DateTime: dateTimeScalar }

// Fails the typecheck, naming type and field, when a schema field has no resolver, loader or
// parent property of the right type (see UnresolvedFields).
export const everyFieldResolved: UnresolvedFields<typeof resolvers, typeof loaders> = {}
