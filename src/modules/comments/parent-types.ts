import type { ConnectionParent, EdgeParent } from '../../graphql/connection-types.js'
import type { PublicComment } from './schemas.js'

export type { ModeratedComment, PublicComment } from './schemas.js'

/** What GraphQL hands this module's connection fields (codegen mappers; types only, see codegen.ts). */
export type CommentConnectionParent = ConnectionParent<PublicComment>
export type CommentEdgeParent = EdgeParent<PublicComment>
