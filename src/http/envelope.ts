import type { FastifyRequest } from 'fastify'
import type { Page, PageNumbering } from '../pagination/page.js'
import { MAX_NUMBERED_ITEMS } from '../pagination/page-number.js'

/** Query string of the request with the cursor and page number replaced. */
function linkMaker (request: FastifyRequest, baseUrl: string) {
  const [path, query = ''] = request.url.split('?', 2) as [string, string?]
  const params = new URLSearchParams(query)
  return (set: { cursor?: string | null, page?: number }): string => {
    const next = new URLSearchParams(params)
    next.delete('cursor')
    next.delete('page')
    if (typeof set.cursor === 'string') next.set('cursor', set.cursor)
    if (set.page !== undefined) next.set('page', String(set.page))
    const qs = next.toString()
    return `${baseUrl}${path}${qs === '' ? '' : `?${qs}`}`
  }
}

/** The list envelope: links reuse the request's own query with only the cursor swapped. */
export function listEnvelope<T> (request: FastifyRequest, baseUrl: string, page: Page<T>) {
  const linkWith = linkMaker(request, baseUrl)
  return {
    data: page.items,
    meta: { total: page.total, limit: page.limit, nextCursor: page.nextCursor, prevCursor: page.prevCursor },
    links: {
      self: `${baseUrl}${request.url}`,
      next: page.nextCursor === null ? null : linkWith({ cursor: page.nextCursor }),
      prev: page.prevCursor === null ? null : linkWith({ cursor: page.prevCursor })
    }
  }
}

/**
 * The envelope of a list that also pages by number: `page` and `totalPages` in meta, `first` and
 * `last` in links. When the client paged by number every link pages by number too, so a frontend
 * keeps its `/page/N/` URLs — up to the cap on numbered pages, past which `next` continues by
 * cursor and `last` (not reachable by number) is null.
 */
export function numberedListEnvelope<T> (request: FastifyRequest, baseUrl: string, page: Page<T> & { numbering: PageNumbering }) {
  const plain = listEnvelope(request, baseUrl, page)
  const { page: numbered, totalPages } = page.numbering
  const meta = { ...plain.meta, page: numbered, totalPages }
  if (numbered === null) return { data: plain.data, meta, links: { ...plain.links, first: null, last: null } }
  const linkWith = linkMaker(request, baseUrl)
  const reachable = (n: number) => n * page.limit <= MAX_NUMBERED_ITEMS
  const lastPage = Math.max(totalPages, 1)
  let next: string | null = null
  if (numbered < totalPages) next = reachable(numbered + 1) ? linkWith({ page: numbered + 1 }) : plain.links.next
  return {
    data: plain.data,
    meta,
    links: {
      self: plain.links.self,
      next,
      prev: numbered > 1 ? linkWith({ page: numbered - 1 }) : null,
      first: linkWith({ page: 1 }),
      last: reachable(lastPage) ? linkWith({ page: lastPage }) : null
    }
  }
}

export const splitList = <T extends string> (value: string | undefined): T[] | undefined =>
  value === undefined ? undefined : [...new Set(value.split(','))] as T[]
