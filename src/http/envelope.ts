import type { FastifyRequest } from 'fastify'
import type { Page } from '../pagination/page.js'

/** The list envelope: links reuse the request's own query with only the cursor swapped. */
export function listEnvelope<T> (request: FastifyRequest, baseUrl: string, page: Page<T>) {
  const [path, query = ''] = request.url.split('?', 2) as [string, string?]
  const params = new URLSearchParams(query)
  const linkWith = (cursor: string | null): string => {
    const next = new URLSearchParams(params)
    next.delete('cursor')
    if (cursor !== null) next.set('cursor', cursor)
    const qs = next.toString()
    return `${baseUrl}${path}${qs === '' ? '' : `?${qs}`}`
  }
  return {
    data: page.items,
    meta: { total: page.total, limit: page.limit, nextCursor: page.nextCursor, prevCursor: page.prevCursor },
    links: {
      self: `${baseUrl}${request.url}`,
      next: page.nextCursor === null ? null : linkWith(page.nextCursor),
      prev: page.prevCursor === null ? null : linkWith(page.prevCursor)
    }
  }
}

export const splitList = <T extends string> (value: string | undefined): T[] | undefined =>
  value === undefined ? undefined : [...new Set(value.split(','))] as T[]
