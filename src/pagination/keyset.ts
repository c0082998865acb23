import type { CursorCodec, KeysetPosition } from './cursor.js'
import type { Page } from './page.js'

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
