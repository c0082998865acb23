import type { ConnectionParent, EdgeParent } from '../../graphql/connection-types.js'
import type { Category as CategoryOut } from './schemas.js'

/** A category as GraphQL resolves it: article embeds leave out the count, which Category.articleCount then loads. */
export type Category = Omit<CategoryOut, 'articleCount'> & { articleCount?: number }

/** What GraphQL hands this module's connection fields (codegen mappers; types only, see codegen.ts). */
export type CategoryConnectionParent = ConnectionParent<Category>
export type CategoryEdgeParent = EdgeParent<Category>
