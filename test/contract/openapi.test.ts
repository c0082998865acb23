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

describe('openapi.yaml for client generators', () => {
  const operations = () => Object.entries(committed.paths as Record<string, Record<string, any>>)
    .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })))

  it('declares bearer auth, required where a key is needed and optional elsewhere', () => {
    expect(committed.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' })
    const security = (path: string, method: string) => committed.paths[path][method].security
    expect(security('/v1/articles', 'post')).toEqual([{ bearerAuth: [] }])
    expect(security('/v1/articles/{id}', 'patch')).toEqual([{ bearerAuth: [] }])
    expect(security('/v1/keys', 'get')).toEqual([{ bearerAuth: [] }])
    expect(security('/v1/articles', 'get')).toEqual([{}, { bearerAuth: [] }])
    // readers' comments are a public write
    expect(security('/v1/articles/{id}/comments', 'post')).toEqual([{}, { bearerAuth: [] }])
    for (const { path, method, op } of operations()) {
      expect(op.security, `${method} ${path}`).toEqual('401' in op.responses ? [{ bearerAuth: [] }] : [{}, { bearerAuth: [] }])
    }
  })

  it('types path ids as integers and literal unions as enums', () => {
    const id = committed.paths['/v1/articles/{id}'].get.parameters.find((p: any) => p.name === 'id')
    expect(id.schema).toMatchObject({ type: 'integer', minimum: 1 })
    const sort = committed.paths['/v1/articles'].get.parameters.find((p: any) => p.name === 'sort')
    expect(sort.schema).toMatchObject({ type: 'string', enum: ['-publishedAt', 'publishedAt', '-updatedAt', 'title'] })
    expect(JSON.stringify(committed)).not.toMatch(/"anyOf":\[(\{"type":"string","enum":\["[^"]*"\]\},?)+\]/)
  })

  it('documents the headers clients rely on', () => {
    const list = committed.paths['/v1/articles'].get.responses['200'].headers
    for (const name of ['ETag', 'Link', 'X-Total-Count', 'RateLimit-Remaining', 'Surrogate-Key']) expect(list[name], name).toBeDefined()
    expect(committed.paths['/v1/articles'].post.responses['429']).toEqual({ $ref: '#/components/responses/TooManyRequests' })
    expect(committed.components.responses.TooManyRequests.headers['Retry-After']).toBeDefined()
    expect(committed.components.responses.ServiceUnavailable.headers['Retry-After']).toBeDefined()
  })
})
