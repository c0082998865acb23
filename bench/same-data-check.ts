// Before the same-data baseline is measured, its answers are compared with Quire's for the same
// requests: for a list, the same articles (ids and slugs, in order, same count; the baseline leaves out
// the list's links and cursor); for one article, the whole document (deep equality of the parsed JSON).
// A ratio against a baseline that serves a different answer would compare unlike with like, so a
// mismatch fails that row instead.
import { isDeepStrictEqual } from 'node:util'

/** How many requests of a rotation are compared: enough to catch a wrong query, cheap at setup. */
const COMPARED_REQUESTS = 20

interface Keyed { id: unknown, slug: unknown }

function articleKeys (json: unknown): string[] | null {
  if (typeof json !== 'object' || json === null) return null
  const data = (json as { data?: unknown }).data
  const key = (item: unknown): string => {
    const { id, slug } = (typeof item === 'object' && item !== null ? item : {}) as Keyed
    return `${String(id)}:${String(slug)}`
  }
  if (Array.isArray(data)) return data.map(key)
  if (typeof data === 'object' && data !== null) return [key(data)]
  return null
}

async function fetchJson (url: string, init: RequestInit): Promise<{ status: number, json: unknown }> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) })
  const json: unknown = await response.json().catch(() => null)
  return { status: response.status, json }
}

const dataOf = (json: unknown): unknown => typeof json === 'object' && json !== null ? (json as { data?: unknown }).data : undefined
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
const brief = (value: unknown): string => {
  const text = value === undefined ? 'absent' : JSON.stringify(value)
  return text.length > 80 ? `${text.slice(0, 80)}…` : text
}

/** Where two single-article documents part: the first top-level field of `data` (Quire's order first) that differs. */
function firstDifference (quire: unknown, same: unknown): string {
  const q = dataOf(quire)
  const s = dataOf(same)
  if (!isObject(q) || !isObject(s)) return `data: ${brief(s)} vs Quire's ${brief(q)}`
  const field = [...new Set([...Object.keys(q), ...Object.keys(s)])].find((key) => !isDeepStrictEqual(q[key], s[key]))
  if (field !== undefined) return `data.${field}: ${brief(s[field])} vs Quire's ${brief(q[field])}`
  // the same data: something beside it differs
  const outer = [...new Set([...Object.keys(quire as object), ...Object.keys(same as object)])]
    .find((key) => !isDeepStrictEqual((quire as Record<string, unknown>)[key], (same as Record<string, unknown>)[key]))
  return `${outer ?? 'document'} differs beside data`
}

interface Request { method: string, path: string, headers?: Record<string, string>, body?: string }

/**
 * null when the two servers return the same articles for the first requests (lists) or the same
 * documents (one article); otherwise what differs.
 */
export async function compareSameData (quireUrl: string, quireRequests: Request[], sameDataUrl: string, sameDataRequests: Request[]): Promise<string | null> {
  const pairs = quireRequests.length === sameDataRequests.length
    ? quireRequests.map((request, index) => [request, sameDataRequests[index]!] as const)
    : quireRequests.map((request) => [request, sameDataRequests[0]!] as const)
  for (const [quireRequest, sameDataRequest] of pairs.slice(0, COMPARED_REQUESTS)) {
    const init: RequestInit = { method: quireRequest.method }
    if (quireRequest.headers !== undefined) init.headers = quireRequest.headers
    if (quireRequest.body !== undefined) init.body = quireRequest.body
    const [quire, same] = await Promise.all([fetchJson(quireUrl + quireRequest.path, init), fetchJson(sameDataUrl + sameDataRequest.path, {})])
    if (quire.status !== 200 || same.status !== 200) return `${quireRequest.path} → ${quire.status}, ${sameDataRequest.path} → ${same.status}`
    // one article: the whole document, every field and value
    if (isObject(dataOf(quire.json))) {
      if (!isDeepStrictEqual(quire.json, same.json)) return `${sameDataRequest.path}: not Quire's document, ${firstDifference(quire.json, same.json)}`
      continue
    }
    const quireKeys = articleKeys(quire.json)
    const sameKeys = articleKeys(same.json)
    if (quireKeys === null || sameKeys === null) return `${sameDataRequest.path}: no data to compare`
    if (quireKeys.join('\n') !== sameKeys.join('\n')) {
      return `${sameDataRequest.path}: ${sameKeys.length} articles [${sameKeys.slice(0, 3).join(', ')}…] vs Quire's ${quireKeys.length} [${quireKeys.slice(0, 3).join(', ')}…]`
    }
  }
  return null
}
