import type Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { storageFailureOf } from '../../src/db/storage-health.js'
import { gql, codes } from '../helpers/graphql.js'
import { useWriteContext } from '../helpers/write-context.js'

// A real full database: SQLite refuses to grow past `max_page_count` pages with SQLITE_FULL,
// exactly as it does when the disk is full. The app's own connection is the one limited.
let client: Database.Database
const context = useWriteContext({ onDatabase: (c) => { client = c } })

const tagCount = () => (context.sql.prepare('select count(*) n from tags').get() as { n: number }).n
const createTag = (name: string) => context.app.inject({ method: 'POST', url: '/v1/tags', headers: context.keys.editor.auth, payload: { edition: 'en', name } })
const ready = () => context.app.inject({ method: 'GET', url: '/health/ready' })

describe('a full database', () => {
  it('answers writes with 507, reports not ready until storage recovers, then accepts writes again', async () => {
    expect((await ready()).statusCode).toBe(200)
    const limit = client.pragma('max_page_count', { simple: true }) as number
    client.pragma(`max_page_count = ${client.pragma('page_count', { simple: true }) as number}`)
    try {
      // the last pages still have room for a few rows; each tag (with its change-log entry) eats into it
      let refused = null
      for (let i = 0; i < 300 && refused === null; i++) {
        const before = tagCount()
        const res = await createTag(`Storage probe tag number ${i} ${'x'.repeat(150)}`)
        if (res.statusCode !== 201) {
          refused = res
          expect(tagCount()).toBe(before)
        }
      }
      expect(refused, 'the database never filled up').not.toBeNull()
      expect(refused!.statusCode).toBe(507)
      expect(refused!.headers['content-type']).toBe('application/problem+json; charset=utf-8')
      expect(refused!.headers['retry-after']).toBe('60')
      expect(refused!.json()).toMatchObject({ status: 507, type: 'http://quire.test/problems/insufficient-storage', title: 'Insufficient Storage' })
      expect(refused!.body).not.toMatch(/SQLITE|sqlite|insert into/i)

      const probe = await ready()
      expect(probe.statusCode).toBe(503)
      expect(probe.json()).toEqual({ status: 'unavailable' })
      // still full: the probe keeps it out of rotation
      expect((await ready()).statusCode).toBe(503)

      const mutation = await gql(context.app, 'mutation($i: CreateTagInput!) { createTag(input: $i) { id } }', { i: { edition: 'en', name: `GraphQL storage tag ${'y'.repeat(150)}` } }, context.keys.editor.auth)
      expect(codes(mutation)).toEqual(['INSUFFICIENT_STORAGE'])
      expect(JSON.stringify(mutation.body)).not.toMatch(/SQLITE/)
      // reads need no new pages and keep working
      expect((await context.app.inject({ method: 'GET', url: '/v1/tags?edition=en' })).statusCode).toBe(200)
    } finally {
      client.pragma(`max_page_count = ${limit}`)
    }
    expect((await ready()).statusCode).toBe(200)
    expect((await createTag('After the disk was freed')).statusCode).toBe(201)
  })
})

describe('storageFailureOf', () => {
  it.each([
    ['SQLITE_FULL', 'full'], ['SQLITE_IOERR', 'unavailable'], ['SQLITE_IOERR_WRITE', 'unavailable'], ['SQLITE_IOERR_SHORT_READ', 'unavailable'],
    ['SQLITE_READONLY', 'unavailable'], ['SQLITE_READONLY_DBMOVED', 'unavailable'], ['SQLITE_CANTOPEN', 'unavailable']
  ])('classifies %s as %s, also when wrapped as a cause', (code, kind) => {
    const error = Object.assign(new Error('x'), { code })
    expect(storageFailureOf(error)).toEqual({ kind, code })
    expect(storageFailureOf(new Error('Failed query', { cause: error }))).toEqual({ kind, code })
  })

  it.each(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_BUSY', 'SQLITE_ERROR', 'FST_ERR_CTP_INVALID_JSON_BODY'])('leaves %s alone', (code) => {
    expect(storageFailureOf(Object.assign(new Error('x'), { code }))).toBeNull()
  })
})
