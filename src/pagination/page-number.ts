import { InvalidInputError } from '../errors.js'
import type { CursorCodec } from './cursor.js'
import type { Page, PageNumbering } from './page.js'

/*
 * Page numbers (`page=N` of `limit` items) beside cursors on Quire's own article lists, for
 * frontends whose URLs count pages (`/page/2/`, "Newer posts / Older posts"). A numbered page is
 * an OFFSET: SQLite walks past every earlier row, so its cost grows with depth (measured in
 * docs/rest.md). The cap keeps the deepest numbered page cheap; past it, clients continue with the
 * cursor every numbered page also carries, which costs the same at any depth. Elasticsearch's
 * max_result_window draws the same line at the same 10,000.
 */
export const MAX_NUMBERED_ITEMS = 10_000

/** `ceil(total / limit)`: 0 for an empty list, whose page 1 is still served (empty). */
export const totalPagesOf = (total: number, limit: number): number => Math.ceil(total / limit)

const invalidPage = (message: string, reason: string) => new InvalidInputError(message, [{ name: 'query.page', reason }])

/**
 * The rows a page number skips, after checking the page is one a client may ask for: at least 1
 * (the schemas say so too), not combined with a cursor, and within the cap.
 */
export function offsetOfPage (page: number, limit: number, cursor: string | undefined): number {
  if (cursor !== undefined) throw invalidPage('Pass either "page" or "cursor", not both.', 'cannot be combined with cursor')
  if (!Number.isSafeInteger(page) || page < 1) throw invalidPage('"page" must be a whole number from 1.', 'must be >= 1')
  if (page * limit > MAX_NUMBERED_ITEMS) {
    throw invalidPage(
      `Numbered pages reach the first ${MAX_NUMBERED_ITEMS} articles (page × limit ≤ ${MAX_NUMBERED_ITEMS}); to go deeper, continue with the cursor of a numbered page (meta.nextCursor, or links.next without page).`,
      `page × limit must be <= ${MAX_NUMBERED_ITEMS}`
    )
  }
  return (page - 1) * limit
}

/** A page past the last is refused, as WordPress's `rest_post_invalid_page_number` is; page 1 of an empty list is not. */
export function requirePageInRange (page: number, totalPages: number): void {
  if (page > Math.max(totalPages, 1)) {
    throw invalidPage(`Page ${page} is past the last page (${totalPages}).`, `must be <= ${Math.max(totalPages, 1)}`)
  }
}

/**
 * One numbered page, fetched with `limit + 1` rows from its offset. It carries cursors too: the
 * next one (when a row follows) and the previous one (when rows precede), so a client can leave
 * page numbers for cursors at any point — past the cap, for one.
 */
export function assembleNumberedPage<R extends { id: number }, T> (
  rows: R[],
  request: { page: number, limit: number },
  options: { sort: string, sortValue: (row: R) => string | number | null, codec: CursorCodec, total: number, map: (row: R) => T }
): Page<T> & { numbering: PageNumbering } {
  const window = rows.length > request.limit ? rows.slice(0, request.limit) : rows
  const first = window[0]
  const last = window[window.length - 1]
  const cursorAt = (row: R, direction: 'after' | 'before') =>
    options.codec.encode({ sort: options.sort, value: options.sortValue(row), id: row.id, direction })
  return {
    items: window.map(options.map),
    total: options.total,
    limit: request.limit,
    nextCursor: rows.length > request.limit && last !== undefined ? cursorAt(last, 'after') : null,
    prevCursor: request.page > 1 && first !== undefined ? cursorAt(first, 'before') : null,
    cursorAt: (index) => {
      const row = window[index]
      if (row === undefined) throw new RangeError(`no item ${index} on this page`)
      return cursorAt(row, 'after')
    },
    numbering: { page: request.page, totalPages: totalPagesOf(options.total, request.limit) }
  }
}
