import type { ConnectionParent, EdgeParent } from '../../graphql/connection-types.js'
import type { Category } from './schemas.js'

export type { Category } from './schemas.js'

/** What GraphQL hands this module's connection fields (codegen mappers; types only, see codegen.ts). */
export type CategoryConnectionParent = ConnectionParent<Category>
export type CategoryEdgeParent = EdgeParent<Category>
