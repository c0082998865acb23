import type { components } from './schema.js'

export type Problem = components['schemas']['Problem']

/**
 * A non-2xx answer from Quire, as the application/problem+json body (RFC 9457) it carries. Every
 * error Quire produces has that shape; anything else (a proxy's HTML page) is turned into one with
 * `type: 'about:blank'`, so callers handle one kind of error.
 */
export class QuireProblemError extends Error {
  override readonly name = 'QuireProblemError'
  /** The HTTP status, as in the body. */
  readonly status: number
  /** Absolute URI naming the problem type; it resolves to a page describing it. */
  readonly type: string
  readonly title: string
  readonly detail: string
  readonly instance: string
  /** Validation problems: one per offending parameter or body field. */
  readonly errors: ReadonlyArray<{ name: string, reason: string }>
  /** Quire's X-Request-Id, the key to its logs. */
  readonly requestId: string | null

  constructor (problem: Problem, requestId: string | null = null) {
    super(`${problem.status} ${problem.title}: ${problem.detail}`)
    this.status = problem.status
    this.type = problem.type
    this.title = problem.title
    this.detail = problem.detail
    this.instance = problem.instance
    this.errors = problem.errors ?? []
    this.requestId = requestId
  }

  /** Reads a failed response; the body is consumed from a clone, so the response stays readable. */
  static async fromResponse (response: Response): Promise<QuireProblemError> {
    const requestId = response.headers.get('x-request-id')
    const text = await response.clone().text()
    if ((response.headers.get('content-type') ?? '').startsWith('application/problem+json')) {
      try {
        return new QuireProblemError(JSON.parse(text) as Problem, requestId)
      } catch {
        // falls through to the generic problem below
      }
    }
    return new QuireProblemError({
      type: 'about:blank',
      title: response.statusText === '' ? `HTTP ${response.status}` : response.statusText,
      status: response.status,
      detail: text.slice(0, 500),
      instance: new URL(response.url === '' ? 'about:blank' : response.url).pathname
    }, requestId)
  }
}
