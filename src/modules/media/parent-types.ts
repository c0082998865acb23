import type { ConnectionParent, EdgeParent } from '../../graphql/connection-types.js'
import type { Media } from './schemas.js'

export type { Media } from './schemas.js'

/** What GraphQL hands this module's connection fields (codegen mappers; types only, see codegen.ts). */
export type MediaConnectionParent = ConnectionParent<Media>
export type MediaEdgeParent = EdgeParent<Media>
