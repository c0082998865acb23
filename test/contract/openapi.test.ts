import SwaggerParser from '@apidevtools/swagger-parser'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { buildTestApp, type TestApp } from '../helpers/app.js'

let app: TestApp
let served: Record<string, any>
const committed = parse(readFileSync(new URL('../../openapi.yaml', import.meta.url), 'utf8')) as Record<string, any>

beforeAll(async () => {
  // the committed document is written with the default public base URL
  app = await buildTestApp({ config: { publicBaseUrl: 'http://127.0.0.1:3000' } })
  const res = await app.inject('/openapi.json')
  expect(res.statusCode).toBe(200)
  served = res.json()
})
afterAll(async () => { await app.close() })

describe('openapi.yaml', () => {
  it('is exactly what the server serves (run `npm run openapi:write` after changing a route)', () => {
    expect(served).toEqual(committed)
  })

  it('is a valid OpenAPI 3.1 document', async () => {
    const api = await SwaggerParser.validate(structuredClone(committed) as never)
    expect((api as { openapi: string }).openapi).toBe('3.1.0')
  })

  it('documents every route with an operationId, a tag and a problem+json error response', () => {
    const operations = Object.entries(committed.paths as Record<string, Record<string, any>>)
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })))
    expect(operations.length).toBeGreaterThan(10)
    const ids = new Set<string>()
    for (const { path, op } of operations) {
      expect(op.operationId, path).toBeTruthy()
      expect(ids.has(op.operationId)).toBe(false)
      ids.add(op.operationId)
      expect(op.tags?.length, path).toBeGreaterThan(0)
      // writes answer 201 (create) or 204 (delete); every operation has one success response
      expect(Object.keys(op.responses).some((status) => /^2\d\d$/.test(status)), path).toBe(true)
      if (path.startsWith('/v1/')) {
        expect(op.responses['400']?.content?.['application/problem+json'], path).toBeDefined()
      }
    }
  })
})
