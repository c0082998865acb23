/** One page of a keyset-paginated list, as services return it to both REST and GraphQL. */
export interface Page<T> {
  items: T[]
  total: number
  limit: number
  nextCursor: string | null
  prevCursor: string | null
}
