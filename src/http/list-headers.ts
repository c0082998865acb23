import type { FastifyInstance, FastifyReply } from 'fastify'

interface ListShape {
  data: unknown[]
  meta: { total: number }
  links?: { next?: string | null, prev?: string | null, first?: string | null, last?: string | null }
}

const isList = (payload: unknown): payload is ListShape => {
  if (typeof payload !== 'object' || payload === null) return false
  const { data, meta } = payload as { data?: unknown, meta?: { total?: unknown } }
  return Array.isArray(data) && typeof meta === 'object' && meta !== null && typeof meta.total === 'number'
}

/**
 * Every REST list says its total and its neighbours in headers too — `X-Total-Count` (what
 * WordPress's `X-WP-Total` and json-server clients read) and RFC 8288 `Link` with rel="next"/"prev"
 * (and "first"/"last" on lists paged by number) —
 * read from the envelope the route returned (http/envelope.ts), so the headers and the body cannot
 * disagree and no route has to remember them. Both are in CORS exposedHeaders (app.ts).
 */
export function registerListHeaders (app: FastifyInstance): void {
  app.addHook('preSerialization', (_request, reply, payload, done) => {
    if (reply.statusCode === 200 && isList(payload)) writeListHeaders(reply, payload)
    done(null, payload)
  })
}

function writeListHeaders (reply: FastifyReply, payload: ListShape): void {
    reply.header('x-total-count', String(payload.meta.total))
    const links: string[] = []
    if (typeof payload.links?.next === 'string') links.push(`<${payload.links.next}>; rel="next"`)
    if (typeof payload.links?.prev === 'string') links.push(`<${payload.links.prev}>; rel="prev"`)
    // lists paged by number (page=N) also name their ends
    if (typeof payload.links?.first === 'string') links.push(`<${payload.links.first}>; rel="first"`)
    if (typeof payload.links?.last === 'string') links.push(`<${payload.links.last}>; rel="last"`)
    if (links.length > 0) reply.header('link', links.join(', '))
}
