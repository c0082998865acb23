import type { ConnectionParent, EdgeParent } from '../../graphql/connection-types.js'
import type { ArticleRecord } from './records.js'

export type { ArticleRecord }

/** What GraphQL hands this module's connection fields (codegen mappers; types only, see codegen.ts). */
export type ArticleConnectionParent = ConnectionParent<ArticleRecord> & { page: number | null, totalPages: number }
export type ArticleEdgeParent = EdgeParent<ArticleRecord>
