import type { ConnectionParent, EdgeParent } from '../../graphql/connection-types.js'
import type { Author } from './schemas.js'

export type { Author } from './schemas.js'

/** What GraphQL hands this module's connection fields (codegen mappers; types only, see codegen.ts). */
export type AuthorConnectionParent = ConnectionParent<Author>
export type AuthorEdgeParent = EdgeParent<Author>
