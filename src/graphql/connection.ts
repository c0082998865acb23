import { InvalidInputError } from '../errors.js'
import type { CursorCodec } from '../pagination/cursor.js'
import type { Page, PageNumbering } from '../pagination/page.js'
import { DEFAULT_LIMIT, MAX_LIMIT } from '../pagination/limits.js'
import type { EdgeParent, PageInfo } from './connection-types.js'

export type { PageInfo }

export interface ConnectionArgs {
  first?: number | null
  after?: string | null
  last?: number | null
  before?: string | null
}

/** What the list services take: the REST `limit` and `cursor`, pointed the way the client walks. */
export interface PageRequest { limit: number, cursor?: string }

const invalid = (message: string, name: string) => new InvalidInputError(message, [{ name, reason: message }])
const given = <T> (value: T | null | undefined): value is T => value !== undefined && value !== null

/**
 * The page size the Relay arguments ask for, after checking they make sense together. Resolvers
 * and the cost analysis both call this, so the rule exists once: `first` with an optional
 * `after`, or `last` with `before`; 1 to MAX_LIMIT items, DEFAULT_LIMIT when neither size is given.
 */
export function pageSizeOf (args: ConnectionArgs): number {
  if (given(args.first) && given(args.last)) throw invalid('Pass either "first" or "last", not both.', 'last')
  if (given(args.after) && given(args.before)) throw invalid('Pass either "after" or "before", not both.', 'before')
  if (given(args.first) && given(args.before)) throw invalid('"first" pages forward from "after"; use "last" with "before".', 'before')
  if (given(args.last) && given(args.after)) throw invalid('"last" pages backward from "before"; use "first" with "after".', 'after')
  if (given(args.last) && !given(args.before)) {
    throw invalid('"last" needs a "before" cursor: page forward with "first" to get one.', 'last')
  }
  const [name, size] = given(args.last) ? ['last', args.last] : ['first', args.first ?? DEFAULT_LIMIT]
  if (!Number.isInteger(size) || size < 1 || size > MAX_LIMIT) {
    throw invalid(`"${name}" must be between 1 and ${MAX_LIMIT}.`, name)
  }
  return size
}

/**
 * Relay arguments → the service's limit and cursor. Every edge cursor encodes its item's position
 * pointing forward; passed as `before`, it is re-pointed backward, so any cursor works both ways.
 */
export function toPageRequest (args: ConnectionArgs, cursors: CursorCodec): PageRequest {
  const limit = pageSizeOf(args)
  if (given(args.after)) return { limit, cursor: cursors.withDirection(args.after, 'after') }
  if (given(args.before)) return { limit, cursor: cursors.withDirection(args.before, 'before') }
  return { limit }
}


/** An edge whose cursor is signed only when a query selects it. */
export class Edge<T> implements EdgeParent<T> {
  readonly #page: Page<T>
  readonly #index: number
  constructor (readonly node: T, page: Page<T>, index: number) {
    this.#page = page
    this.#index = index
  }

  get cursor (): string {
    const cursorAt = this.#page.cursorAt
    if (cursorAt === undefined) throw new Error('page has no per-item cursors (not built by assemblePage)')
    return cursorAt(this.#index)
  }
}

export interface Connection<T> {
  edges: Array<Edge<T>>
  nodes: T[]
  pageInfo: PageInfo
  totalCount: number
}

/** A Relay connection over one page of a list service; `totalCount` is the service's total, as REST `meta.total`. */
export function toConnection<T> (page: Page<T>): Connection<T> {
  const edges = page.items.map((item, index) => new Edge(item, page, index))
  const first = edges[0]
  const last = edges[edges.length - 1]
  return {
    edges,
    nodes: page.items,
    totalCount: page.total,
    pageInfo: {
      hasNextPage: page.nextCursor !== null,
      hasPreviousPage: page.prevCursor !== null,
      get startCursor () { return first?.cursor ?? null },
      get endCursor () { return last?.cursor ?? null }
    }
  }
}

/** Relay arguments in, connection out: the one path every GraphQL list takes to a list service. */
export function connectionOf<T> (args: ConnectionArgs, cursors: CursorCodec, list: (request: PageRequest) => Page<T>): Connection<T> {
  return toConnection(list(toPageRequest(args, cursors)))
}

export interface NumberedConnectionArgs extends ConnectionArgs { page?: number | null }

/**
 * Relay arguments plus `page` (lists that also page by number): `page` takes its size from
 * `first` and is the service's `page`; the service checks the number (pagination/page-number.ts),
 * here only that it is not mixed with cursors.
 */
export function numberedConnectionOf<T> (
  args: NumberedConnectionArgs,
  cursors: CursorCodec,
  list: (request: PageRequest & { page?: number }) => Page<T> & { numbering: PageNumbering }
): Connection<T> & PageNumbering {
  if (!given(args.page)) {
    const page = list(toPageRequest(args, cursors))
    return { ...toConnection(page), ...page.numbering }
  }
  const clash = (['after', 'before', 'last'] as const).filter((name) => given(args[name]))
  if (clash.length > 0) {
    throw new InvalidInputError('"page" numbers pages of "first" items; it cannot be combined with "after", "before" or "last".',
      clash.map((name) => ({ name, reason: 'cannot be combined with page' })))
  }
  const page = list({ limit: pageSizeOf(args), page: args.page })
  return { ...toConnection(page), ...page.numbering }
}
