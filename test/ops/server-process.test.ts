import Database from 'better-sqlite3'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from './child-server.js'

// The real entry point in a child process: first start seeds, restarts never re-seed,
// SIGTERM closes cleanly and a SIGKILL leaves a database that passes integrity_check.
const dir = mkdtempSync(join(tmpdir(), 'quire-process-'))
const databasePath = join(dir, 'quire.db')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const start = async (): Promise<RunningServer> => startServer(databasePath)

const articleCount = () => {
  const db = new Database(databasePath, { readonly: true })
  const n = (db.prepare('select count(*) n from articles').get() as { n: number }).n
  db.close()
  return n
}

describe('the server process', () => {
  // each start compiles TypeScript on the fly and the first seeds the demo database: slow on a busy 2-core machine
  it('creates, migrates and seeds the database on first start and serves it', { timeout: 120_000 }, async () => {
    const server = await start()
    const ready = await fetch(`${server.url}/health/ready`)
    expect(ready.status).toBe(200)
    expect(await ready.json()).toEqual({ status: 'ok' })
    const live = await fetch(`${server.url}/health/live`)
    expect(live.status).toBe(200)
    // an unknown API key is refused (401) since content management; the point here is that it never reaches the log
    const list = await fetch(`${server.url}/v1/articles?edition=en&limit=1`, { headers: { authorization: 'Bearer secret-token-value' } })
    expect(list.status).toBe(401)
    expect(list.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    // the start-up line names the database, what happened to it, and where the docs and GraphQL are
    const startup = server.output().split('\n').map((line) => line.startsWith('{') ? JSON.parse(line) as Record<string, unknown> : {}).find((entry) => entry.databaseState !== undefined)
    expect(startup).toMatchObject({ database: databasePath, databaseState: 'created', demoContent: 'seeded', docs: `${server.url}/docs`, graphql: `${server.url}/graphql` })

    server.child.kill('SIGTERM')
    expect(await server.exited).toBe(0)
    expect(server.output()).toContain('shutting down')
    expect(server.output()).not.toContain('secret-token-value')
    // a clean close checkpoints and removes the write-ahead log
    expect(existsSync(`${databasePath}-wal`)).toBe(false)
    expect(articleCount()).toBeGreaterThanOrEqual(200)
  })

  it('never re-seeds existing data and survives a hard kill intact', { timeout: 120_000 }, async () => {
    const before = articleCount()
    const server = await start()
    expect((await fetch(`${server.url}/health/ready`)).status).toBe(200)
    server.child.kill('SIGKILL')
    await server.exited
    const db = new Database(databasePath)
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(db.pragma('foreign_key_check')).toEqual([])
    db.close()
    expect(articleCount()).toBe(before)

    const again = await start()
    expect((await fetch(`${again.url}/v1/editions`)).status).toBe(200)
    expect(again.output()).toContain('"databaseState":"existing"')
    expect(again.output()).toContain('"demoContent":"kept (the database already had content)"')
    again.child.kill('SIGINT')
    expect(await again.exited).toBe(0)
    expect(articleCount()).toBe(before)
  })

  it('drains on SIGTERM: a running request finishes, requests on kept-alive connections get 503 problems with Connection: close', { timeout: 120_000 }, async () => {
    const server = await start()
    const { port } = new URL(server.url)
    const agent = new http.Agent({ keepAlive: true, maxSockets: 2 })
    const get = (path: string) => new Promise<{ status?: number, headers: http.IncomingHttpHeaders, body: string }>((resolve, reject) => {
      http.get(`${server.url}${path}`, { agent }, (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => { body += chunk })
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }))
      }).on('error', reject)
    })
    // two kept-alive connections in the agent's pool
    expect((await Promise.all([get('/v1/editions'), get('/v1/editions')])).map((r) => r.status)).toEqual([200, 200])
    expect(agent.freeSockets[`127.0.0.1:${port}:`]?.length).toBe(2)

    // a request in flight: the server has its headers (it answered 100 Continue), not yet its body
    const body = JSON.stringify({ edition: 'en', name: 'Sent during shutdown' })
    const inFlight = connect(Number(port), '127.0.0.1')
    let answer = ''
    inFlight.setEncoding('utf8')
    inFlight.on('data', (chunk: string) => { answer += chunk })
    const closed = new Promise<void>((resolve) => inFlight.on('close', () => resolve()))
    inFlight.write(`POST /v1/tags HTTP/1.1\r\nHost: quire.test\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nExpect: 100-continue\r\n\r\n`)
    await expect.poll(() => answer, { timeout: 10_000 }).toMatch(/^HTTP\/1\.1 100 Continue/)

    server.child.kill('SIGTERM')
    // the drain has begun once readiness says so (asked on a fresh connection)
    await expect.poll(async () => (await fetch(`${server.url}/health/ready`)).status, { timeout: 10_000 }).toBe(503)

    const refused = await Promise.all([get('/v1/editions'), get('/v1/articles')])
    for (const res of refused) {
      expect(res.status).toBe(503)
      expect(res.headers.connection).toBe('close')
      expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8')
      expect(res.headers['retry-after']).toBeDefined()
      expect(JSON.parse(res.body)).toMatchObject({ status: 503, type: expect.stringMatching(/^http:\/\/127\.0\.0\.1:[0-9]+\/problems\/shutting-down$/) })
    }

    inFlight.write(body)
    await closed
    // anonymous writes are refused by the service: what matters is that it ran to the end
    expect(answer).toMatch(/HTTP\/1\.1 401 Unauthorized\r\n/)
    expect(answer).toMatch(/\r\nconnection: close\r\n/i)
    expect(await server.exited).toBe(0)
    agent.destroy()
  })
})
