/**
 * The shapes GraphQL connections hand to their field resolvers, as codegen's mappers name them
 * (codegen.ts). Types only, so generated.ts can point here without importing any code.
 */

export interface PageInfo {
  hasNextPage: boolean
  hasPreviousPage: boolean
  startCursor: string | null
  endCursor: string | null
}

export interface EdgeParent<T> {
  readonly node: T
  readonly cursor: string
}

export interface ConnectionParent<T> {
  edges: Array<EdgeParent<T>>
  nodes: T[]
  pageInfo: PageInfo
  totalCount: number
}
