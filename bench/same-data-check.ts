// Before the same-data baseline is measured, its answers are compared with Quire's for the same
// requests: the same articles (ids and slugs, in order, same count). A ratio against a baseline that
// serves different rows would compare unlike with like, so a mismatch fails that row instead.

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

async function keysOf (url: string, init: RequestInit): Promise<{ status: number, keys: string[] | null }> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) })
  const json: unknown = await response.json().catch(() => null)
  return { status: response.status, keys: articleKeys(json) }
}

interface Request { method: string, path: string, headers?: Record<string, string>, body?: string }

/** null when the two servers return the same articles for the first requests; otherwise what differs. */
export async function compareSameData (quireUrl: string, quireRequests: Request[], sameDataUrl: string, sameDataRequests: Request[]): Promise<string | null> {
  const pairs = quireRequests.length === sameDataRequests.length
    ? quireRequests.map((request, index) => [request, sameDataRequests[index]!] as const)
    : quireRequests.map((request) => [request, sameDataRequests[0]!] as const)
  for (const [quireRequest, sameDataRequest] of pairs.slice(0, COMPARED_REQUESTS)) {
    const init: RequestInit = { method: quireRequest.method }
    if (quireRequest.headers !== undefined) init.headers = quireRequest.headers
    if (quireRequest.body !== undefined) init.body = quireRequest.body
    const [quire, same] = await Promise.all([keysOf(quireUrl + quireRequest.path, init), keysOf(sameDataUrl + sameDataRequest.path, {})])
    if (quire.status !== 200 || same.status !== 200) return `${quireRequest.path} → ${quire.status}, ${sameDataRequest.path} → ${same.status}`
    if (quire.keys === null || same.keys === null) return `${sameDataRequest.path}: no data to compare`
    if (quire.keys.join('\n') !== same.keys.join('\n')) {
      return `${sameDataRequest.path}: ${same.keys.length} articles [${same.keys.slice(0, 3).join(', ')}…] vs Quire's ${quire.keys.length} [${quire.keys.slice(0, 3).join(', ')}…]`
    }
  }
  return null
}
