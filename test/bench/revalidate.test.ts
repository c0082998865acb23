// The revalidate-304 row sends the ETag a CDN would hold. The churn rows of the same session edit the
// newest article, which the revalidated list shows, so an ETag taken once at setup would earn 200s
// for the rest of the session; the scenario takes it again before every run. Real app, real writes
// through the churn writer the runner uses.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startChurn } from '../../bench/churn.js'
import { scenarios } from '../../bench/scenarios.js'
import { setupContext } from '../../bench/session.js'
import type { ServerProcess } from '../../bench/processes.js'
import { buildApp } from '../../src/app.js'
import { testConfig } from '../helpers/app.js'
import { seedBenchDatabase } from '../helpers/bench-database.js'
import { issueKey } from '../helpers/keys.js'

let dir: string
let databasePath: string
let app: Awaited<ReturnType<typeof buildApp>>
let baseUrl: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'quire-revalidate-'))
  databasePath = join(dir, 'quire.db')
  seedBenchDatabase(databasePath, 30)
  app = await buildApp({ config: testConfig({ databasePath }) })
  baseUrl = await app.listen({ port: 0, host: '127.0.0.1' })
})

afterAll(async () => {
  await app?.close()
  rmSync(dir, { recursive: true, force: true })
})

async function status (path: string, headers: Record<string, string>): Promise<number> {
  const response = await fetch(baseUrl + path, { headers })
  await response.arrayBuffer()
  return response.status
}

describe('revalidate-304 scenario', () => {
  it('takes the list ETag again before each run, so a published edit between runs still earns 304s', async () => {
    const scenario = scenarios.find((candidate) => candidate.name === 'revalidate-304')!
    const server = { baseUrl } as ServerProcess
    const prepared = await scenario.setup!(setupContext(server, 30, new Map()))
    expect(prepared.refresh).toBeTypeOf('function')
    const [setupRequest] = prepared.requests
    expect(await status(setupRequest!.path, setupRequest!.headers!)).toBe(304)

    const newest = await (await fetch(`${baseUrl}/v1/articles?edition=en&limit=1`)).json() as { data: Array<{ id: number }> }
    const { token } = issueKey({ databasePath }, 'editor')
    const churn = startChurn('publish', { baseUrl, token, draftId: 0, publishedId: newest.data[0]!.id })
    const writes = await churn.stop()
    expect(writes).toMatchObject({ writes: 1, failed: 0 })

    // the validator from setup is stale now: a run with it would count 200s as failures
    expect(await status(setupRequest!.path, setupRequest!.headers!)).toBe(200)
    const [refreshed] = await prepared.refresh!()
    expect(refreshed!.headers!['if-none-match']).not.toBe(setupRequest!.headers!['if-none-match'])
    expect(await status(refreshed!.path, refreshed!.headers!)).toBe(304)
  })
})
