/** Where a numbered page stands among the others: REST `meta.page`/`meta.totalPages`, GraphQL `page`/`totalPages`. */
export interface PageNumbering {
  /** The page asked for; null when the list was paged by cursor. */
  page: number | null
  totalPages: number
}

/** One page of a keyset-paginated list, as services return it to both REST and GraphQL. */
export interface Page<T> {
  items: T[]
  total: number
  limit: number
  nextCursor: string | null
  prevCursor: string | null
  /**
   * The position of `items[index]` as an `after` cursor, computed on demand: GraphQL edges need a
   * cursor per item, REST only the two above. Pages built by `assemblePage` always have it.
   */
  cursorAt?: (index: number) => string
  /** Lists that also page by number (articles): the page asked for and the page count. */
  numbering?: PageNumbering
}
