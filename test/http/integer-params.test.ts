import { Ajv } from 'ajv'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { issueKey, type IssuedKey } from '../helpers/keys.js'
import { buildTestApp, type TestApp } from '../helpers/app.js'

/*
 * Every integer path and query parameter of every route, found in the served OpenAPI document (so a
 * new route is covered without touching this file), must be written as plain decimal in the raw
 * URL: percent-encoded digits, a plus sign, leading zeros, an exponent or a fraction are a 400
 * problem+json naming the parameter, never the same answer as the plain form.
 */
let app: TestApp
let admin: IssuedKey
beforeAll(async () => {
  app = await buildTestApp()
  admin = issueKey(app, 'admin')
})
afterAll(async () => { await app.close() })

interface Parameter { name: string, in: 'path' | 'query' | 'header', required?: boolean, schema: Record<string, unknown> }
interface Case { method: string, path: string, param: string, where: 'path' | 'query', parameters: Parameter[] }

// an integer parameter, judged by what its schema accepts rather than how it is spelled
const ajv = new Ajv({ strict: false, coerceTypes: true })
const integerLike = (schema: Record<string, unknown>): boolean => {
  const validate = ajv.compile({ ...schema, default: undefined })
  return validate('7') && !validate('x')
}

const samples: Record<string, string> = { code: 'en', edition: 'en', slug: 'x', location: 'primary', q: 'x' }
const sample = (p: Parameter) => integerLike(p.schema) ? '1' : (samples[p.name] ?? 'x')

function urlFor (c: Case, value: string): string {
  let path = c.path
  for (const p of c.parameters.filter((p) => p.in === 'path')) path = path.replace(`{${p.name}}`, p.name === c.param && c.where === 'path' ? value : sample(p))
  const query = c.parameters.filter((p) => p.in === 'query' && (p.required === true || p.name === c.param))
    .map((p) => `${p.name}=${p.name === c.param && c.where === 'query' ? value : sample(p)}`)
  return query.length === 0 ? path : `${path}?${query.join('&')}`
}

let cases: Case[] = []
beforeAll(async () => {
  const doc = (await app.inject('/openapi.json')).json() as { paths: Record<string, Record<string, { parameters?: Parameter[] }>> }
  cases = Object.entries(doc.paths).flatMap(([path, operations]) => Object.entries(operations).flatMap(([method, op]) => {
    const parameters = op.parameters ?? []
    return parameters.filter((p) => (p.in === 'path' || p.in === 'query') && integerLike(p.schema))
      .map((p) => ({ method: method.toUpperCase(), path, param: p.name, where: p.in as 'path' | 'query', parameters }))
  }))
})

const badForms: Array<[string, string]> = [
  ['percent-encoded digit', '%31'],
  ['percent-encoded digits', '%31%30'],
  ['a digit then an encoded digit', '1%30'],
  ['an encoded plus', '%2B1'],
  ['a plus', '+1'],
  ['a leading zero', '01'],
  ['an exponent', '1e0'],
  ['a fraction', '1.0']
]

describe('integer parameters in the raw URL', () => {
  it('finds the routes to check in the OpenAPI document', () => {
    const found = new Set(cases.map((c) => `${c.where}:${c.param}`))
    // the ones known today; the table grows by itself with new routes
    for (const expected of ['path:id', 'path:rev', 'path:n', 'path:deliveryId', 'query:limit']) expect(found).toContain(expected)
    expect(cases.length).toBeGreaterThan(60)
  })

  it.each(badForms)('refuses %s on every integer parameter of every route', async (_, form) => {
    const failures: string[] = []
    for (const c of cases) {
      const url = urlFor(c, form)
      const res = await app.inject({ method: c.method as 'GET', url, headers: admin.auth })
      const names = res.statusCode === 400 ? (res.json().errors ?? []).map((e: { name: string }) => e.name) : []
      const expected = `${c.where === 'path' ? 'params' : 'query'}.${c.param}`
      if (res.statusCode !== 400 || !String(res.headers['content-type']).startsWith('application/problem+json') || !names.includes(expected)) {
        failures.push(`${c.method} ${url} → ${res.statusCode} ${names.join(',')}`)
      }
    }
    expect(failures).toEqual([])
  })

  it('the plain form is not refused as a parameter error (the control)', async () => {
    const failures: string[] = []
    for (const c of cases) {
      const url = urlFor(c, '1')
      const res = await app.inject({ method: c.method as 'GET', url, headers: admin.auth })
      const names = res.statusCode === 400 ? (res.json().errors ?? []).map((e: { name: string }) => e.name) : []
      if (names.includes(`${c.where === 'path' ? 'params' : 'query'}.${c.param}`)) failures.push(`${c.method} ${url}`)
    }
    expect(failures).toEqual([])
  })
})
