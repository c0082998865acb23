import type { ApiKeyRole } from '../../src/db/schema.js'
import { createServices } from '../../src/services.js'
import { openDatabase } from '../../src/database.js'
import { testConfig, type TestApp } from './app.js'
import { TEST_NOW } from './clock.js'

export interface IssuedKey { id: number, token: string, role: ApiKeyRole, auth: { authorization: string } }

/**
 * Creates API keys in a test app's database through the same service the CLI uses, on a second
 * connection (the app sees the commit through data_version, like a key made by `quire keys`).
 */
export function issueKey (app: Pick<TestApp, 'databasePath'>, role: ApiKeyRole, name = `${role} key`): IssuedKey {
  const db = openDatabase(app.databasePath, { migrate: false })
  try {
    const key = createServices({ db, clock: () => TEST_NOW, config: testConfig() }).keys.create({ name, role })
    return { id: key.id, token: key.token, role, auth: { authorization: `Bearer ${key.token}` } }
  } finally {
    db.$client.close()
  }
}

export function issueKeys (app: Pick<TestApp, 'databasePath'>): Record<ApiKeyRole, IssuedKey> {
  return { admin: issueKey(app, 'admin'), editor: issueKey(app, 'editor'), author: issueKey(app, 'author'), preview: issueKey(app, 'preview') }
}
