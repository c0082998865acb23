import { asc, desc, sql, type SQL, type SQLWrapper } from 'drizzle-orm'

/*
 * Numbered pages (page 1, 2, 3 … of `limit` items), for the one surface whose clients count in
 * pages: the WordPress-compatible read API. Quire's own lists page by keyset (keyset.ts); WordPress
 * clients send `page=N`, which is an OFFSET whatever the server does, so these reads are OFFSET
 * queries over the same indexes, as WordPress's own WP_Query is.
 */

export type NumberedOrder = 'asc' | 'desc'

/** What every numbered read accepts: the window, the order, and WordPress's id/slug selections. */
export interface NumberedWindow<OrderKey extends string> {
  offset: number
  limit: number
  orderBy: OrderKey
  order: NumberedOrder
  /** Only these ids (WordPress `include`). */
  ids?: readonly number[]
  /** Never these ids (WordPress `exclude`). */
  excludeIds?: readonly number[]
  /** Only these slugs (WordPress `slug`, which takes a list). */
  slugs?: readonly string[]
}

export interface NumberedPage<T> {
  items: T[]
  total: number
}

const jsonOf = (values: readonly unknown[]): string => JSON.stringify([...new Set(values)])

/** The include/exclude/slug conditions of a window, values bound as parameters. */
export function selectionConditions (columns: { id: SQLWrapper, slug?: SQLWrapper }, window: Pick<NumberedWindow<string>, 'ids' | 'excludeIds' | 'slugs'>): SQL[] {
  const conditions: SQL[] = []
  if (window.ids !== undefined) conditions.push(sql`${columns.id} in (select value from json_each(${jsonOf(window.ids)}))`)
  if (window.excludeIds !== undefined) conditions.push(sql`${columns.id} not in (select value from json_each(${jsonOf(window.excludeIds)}))`)
  if (window.slugs !== undefined && columns.slug !== undefined) conditions.push(sql`${columns.slug} in (select value from json_each(${jsonOf(window.slugs)}))`)
  return conditions
}

/** `LIKE '%text%'` with the pattern characters of `text` escaped, as WordPress's term and user search does. */
export function containsText (column: SQLWrapper, text: string): SQL {
  const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`)
  return sql`${column} like ${`%${escaped}%`} escape '\\'`
}

/**
 * ORDER BY for a numbered read: the chosen key, then the id in the same direction so pages never
 * overlap or skip rows that tie. `include` order (WordPress `orderby=include`) is the position in
 * the ids list.
 */
export function numberedOrderBy (key: SQLWrapper | 'include', id: SQLWrapper, order: NumberedOrder, ids?: readonly number[]): SQL[] {
  const by = order === 'asc' ? asc : desc
  if (key === 'include') {
    const position = sql`(select key from json_each(${JSON.stringify(ids ?? [])}) where value = ${id})`
    return [by(position), by(id)]
  }
  return key === id ? [by(id)] : [by(key), by(id)]
}
