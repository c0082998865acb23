import type { ConnectionParent, EdgeParent } from '../../graphql/connection-types.js'
import type { Page } from './schemas.js'

export type { Page } from './schemas.js'

/** What GraphQL hands this module's connection fields (codegen mappers; types only, see codegen.ts). */
export type PageConnectionParent = ConnectionParent<Page>
export type PageEdgeParent = EdgeParent<Page>
