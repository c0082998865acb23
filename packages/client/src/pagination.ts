/** The envelope of every Quire list: `data`, `meta` with opaque cursors, `links`. */
export interface ListPage<T> {
  data: T[]
  meta: { total: number, limit: number, nextCursor: string | null, prevCursor: string | null }
  links: { self: string, next: string | null, prev: string | null }
}

/**
 * Walks a cursor-paged list forward, one request per page, until `meta.nextCursor` is null.
 * `fetchPage` is called with no cursor first. Nothing is fetched before the first `next()`, and
 * breaking out of a `for await` stops the walk.
 */
export async function * pagesOf<T> (fetchPage: (cursor: string | undefined) => Promise<ListPage<T>>): AsyncGenerator<ListPage<T>, void, undefined> {
  let cursor: string | undefined
  do {
    const page = await fetchPage(cursor)
    yield page
    cursor = page.meta.nextCursor ?? undefined
  } while (cursor !== undefined)
}

/** Every item of a cursor-paged list, page after page (see pagesOf). */
export async function * itemsOf<T> (fetchPage: (cursor: string | undefined) => Promise<ListPage<T>>): AsyncGenerator<T, void, undefined> {
  for await (const page of pagesOf(fetchPage)) yield * page.data
}
