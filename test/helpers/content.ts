import type { TestApp } from './app.js'
import type { IssuedKey } from './keys.js'

let counter = 0
export const uniqueTitle = (what = 'Test article') => `${what} ${++counter} ${Math.random().toString(36).slice(2, 8)}`

/** Creates a draft through the API as `key` (so the key owns it) and returns its id. */
export async function createDraft (app: TestApp, key: IssuedKey, collection: 'articles' | 'pages' = 'articles', body: Record<string, unknown> = {}): Promise<number> {
  const res = await app.inject({ method: 'POST', url: `/v1/${collection}`, headers: key.auth, payload: { edition: 'en', title: uniqueTitle(), ...body } })
  if (res.statusCode !== 201) throw new Error(`could not create a draft: ${res.statusCode} ${res.body}`)
  return res.json().data.id as number
}

export async function publish (app: TestApp, key: IssuedKey, id: number, collection: 'articles' | 'pages' = 'articles', body: Record<string, unknown> = {}): Promise<void> {
  const res = await app.inject({ method: 'POST', url: `/v1/${collection}/${id}/publish`, headers: key.auth, payload: body })
  if (res.statusCode !== 200) throw new Error(`could not publish: ${res.statusCode} ${res.body}`)
}

/**
 * Creates an entity through `POST /v1/<collection>` as `key` and returns its id: the target of a
 * permission probe for entities without ownership (tags, categories, media …).
 */
export async function createEntity (app: TestApp, key: IssuedKey, collection: string, body: Record<string, unknown>): Promise<number> {
  const res = await app.inject({ method: 'POST', url: `/v1/${collection}`, headers: key.auth, payload: body })
  if (res.statusCode !== 201) throw new Error(`could not create in ${collection}: ${res.statusCode} ${res.body}`)
  return res.json().data.id as number
}

/** Edits through `PATCH /v1/<collection>/{id}` as `key`, so the write is logged and invalidates what it touched. */
export async function edit (app: Pick<TestApp, 'inject'>, key: IssuedKey, id: number, body: Record<string, unknown>, collection = 'articles'): Promise<void> {
  const res = await app.inject({ method: 'PATCH', url: `/v1/${collection}/${id}`, headers: key.auth, payload: body })
  if (res.statusCode !== 200) throw new Error(`could not edit ${collection} ${id}: ${res.statusCode} ${res.body}`)
}
