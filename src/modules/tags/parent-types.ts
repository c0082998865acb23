import type { ConnectionParent, EdgeParent } from '../../graphql/connection-types.js'
import type { Tag } from './schemas.js'

export type { Tag } from './schemas.js'

/** What GraphQL hands this module's connection fields (codegen mappers; types only, see codegen.ts). */
export type TagConnectionParent = ConnectionParent<Tag>
export type TagEdgeParent = EdgeParent<Tag>
