/** The DTOs GraphQL hands this module's fields (codegen mappers; types only, see codegen.ts). */
export type { Edition } from './schemas.js'
