import { asc, desc, sql, type SQL, type SQLWrapper } from 'drizzle-orm'
import type { CursorCodec, KeysetPosition } from './cursor.js'
import type { Page } from './page.js'

/** Which page a statement fetches: the first, the one after a cursor, or the one before it. */
export type KeysetDirection = 'first' | KeysetPosition['direction']

/**
 * The order of a keyset list: a sort key (a column or an expression; absent for lists in id
 * order) and the unique id that settles ties, both ascending or both descending.
 */
export interface KeysetOrder {
  key?: SQLWrapper
  id: SQLWrapper
  descending: boolean
}

export const directionOf = (position: KeysetPosition | null): KeysetDirection => position === null ? 'first' : position.direction

/**
 * The window condition and ORDER BY of one page of a keyset list, with the cursor bound later
 * through the `keyValue` and `keyId` placeholders (see keysetParams), so each direction is one
 * statement prepared once. Walking backward reverses both the comparison and the order; the rows
 * arrive reversed and assemblePage restores display order. The row-value comparison
 * `(key, id) > (:keyValue, :keyId)` is the one rule every list pages by.
 */
export function keysetAfter (order: KeysetOrder, direction: KeysetDirection): { where: SQL | undefined, orderBy: SQL[] } {
  const descending = direction === 'before' ? !order.descending : order.descending
  const by = descending ? desc : asc
  const orderBy = order.key === undefined ? [by(order.id)] : [by(order.key), by(order.id)]
  if (direction === 'first') return { where: undefined, orderBy }
  const op = descending ? sql`<` : sql`>`
  const where = order.key === undefined
    ? sql`${order.id} ${op} ${sql.placeholder('keyId')}`
    : sql`(${order.key}, ${order.id}) ${op} (${sql.placeholder('keyValue')}, ${sql.placeholder('keyId')})`
  return { where, orderBy }
}

/** The placeholder values keysetAfter's condition reads; nothing for the first page. */
export function keysetParams (position: KeysetPosition | null): { keyValue?: string | number | null, keyId?: number } {
  return position === null ? {} : { keyValue: position.value, keyId: position.id }
}

export interface KeysetRequest {
  limit: number
  position: KeysetPosition | null
}

/**
 * Turns rows fetched with `limit + 1` in the direction of travel into a page in display order.
 * Paging forward, the extra row proves a next page; paging backward (a `before` cursor), rows
 * arrive reversed and the extra row proves a previous page.
 */
export function assemblePage<R extends { id: number }, T> (
  rows: R[],
  request: KeysetRequest,
  options: { sort: string, sortValue: (row: R) => string | number | null, codec: CursorCodec, total: number, map: (row: R) => T }
): Page<T> {
  const backward = request.position?.direction === 'before'
  const hasExtra = rows.length > request.limit
  const window = hasExtra ? rows.slice(0, request.limit) : rows
  if (backward) window.reverse()
  const first = window[0]
  const last = window[window.length - 1]
  const cursorAt = (row: R, direction: 'after' | 'before') =>
    options.codec.encode({ sort: options.sort, value: options.sortValue(row), id: row.id, direction })

  const hasNext = backward ? request.position !== null : hasExtra
  const hasPrev = backward ? hasExtra : request.position !== null
  return {
    items: window.map(options.map),
    total: options.total,
    limit: request.limit,
    nextCursor: hasNext && last !== undefined ? cursorAt(last, 'after') : null,
    prevCursor: hasPrev && first !== undefined ? cursorAt(first, 'before') : null,
    cursorAt: (index) => {
      const row = window[index]
      if (row === undefined) throw new RangeError(`no item ${index} on this page`)
      return cursorAt(row, 'after')
    }
  }
}
