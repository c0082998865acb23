import createClient, { type Client, type Middleware } from 'openapi-fetch'
import { articleCalls } from './articles.js'
import { QuireProblemError } from './problem-error.js'
import type { paths } from './schema.js'

export interface QuireClientOptions {
  /** Quire's address, e.g. https://api.example.org (no trailing /v1). */
  baseUrl: string
  /** An API key (`quire keys create`), sent as a bearer token; reads without one see published content only. */
  apiKey?: string
  /** A fetch to use instead of the global one (tests, proxies, retries). */
  fetch?: typeof globalThis.fetch
  /** Headers sent with every request (e.g. Accept-Language). */
  headers?: Record<string, string>
}

export interface QuireClient {
  /** The typed openapi-fetch client for every operation of Quire's OpenAPI document. Non-2xx answers throw QuireProblemError. */
  api: Client<paths>
  articles: ReturnType<typeof articleCalls>
}

/** Turns every non-2xx answer into a thrown QuireProblemError, so callers never test `error`. */
const throwProblems: Middleware = {
  async onResponse ({ response }) {
    if (!response.ok) throw await QuireProblemError.fromResponse(response)
    return undefined
  }
}

export function createQuireClient (options: QuireClientOptions): QuireClient {
  const api = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    headers: { ...options.headers, ...(options.apiKey !== undefined ? { authorization: `Bearer ${options.apiKey}` } : {}) },
    ...(options.fetch !== undefined ? { fetch: options.fetch } : {})
  })
  api.use(throwProblems)
  return { api, articles: articleCalls(api) }
}
