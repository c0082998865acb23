import Database from 'better-sqlite3'
import type { Config } from '../../src/config.js'
import { buildTestApp, testConfig, type TestApp } from './app.js'
import type { IssuedKey } from './keys.js'

/** Test apps for webhooks run the worker, polling every 20 ms, retrying without delay (testConfig). */
export const webhookConfig = (overrides: Partial<Config['webhooks']> = {}): Config['webhooks'] =>
  ({ ...testConfig().webhooks, worker: true, ...overrides })

export const buildWebhookApp = async (overrides: Partial<Config['webhooks']> = {}, options: Parameters<typeof buildTestApp>[0] = {}): Promise<TestApp> =>
  buildTestApp({ ...options, config: { ...options.config, webhooks: webhookConfig(overrides) } })

export async function registerEndpoint (app: TestApp, key: IssuedKey, body: Record<string, unknown>): Promise<{ id: number, secret: string }> {
  const res = await app.inject({ method: 'POST', url: '/v1/webhooks', headers: key.auth, payload: body })
  if (res.statusCode !== 201) throw new Error(`could not register a webhook: ${res.statusCode} ${res.body}`)
  const data = res.json().data as { id: number, secret: string }
  return { id: data.id, secret: data.secret }
}

/** Reads the database file on a separate connection, as the tests' independent view of it. */
export function query<T> (path: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(path, { readonly: true, fileMustExist: true })
  try {
    return db.prepare(sql).all(...params) as T[]
  } finally {
    db.close()
  }
}
