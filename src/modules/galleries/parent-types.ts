import type { ConnectionParent, EdgeParent } from '../../graphql/connection-types.js'
import type { Gallery } from './schemas.js'

export type { Gallery, GalleryItem } from './schemas.js'

/** What GraphQL hands this module's connection fields (codegen mappers; types only, see codegen.ts). */
export type GalleryConnectionParent = ConnectionParent<Gallery>
export type GalleryEdgeParent = EdgeParent<Gallery>
