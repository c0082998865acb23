import type { ValidateFunction, ErrorObject } from 'ajv'
import type { FastifyRequest, FastifySchemaCompiler } from 'fastify'
import { createAjv, withTextRules } from '../schemas/text-validation.js'

/*
 * One Ajv per request part. Bodies are never coerced and never stripped: a wrong type or an
 * unknown property is an error, not something to repair (fastify's defaults coerce and drop,
 * which turns malformed input into valid-looking data). Query strings and path params arrive as
 * text, so they may coerce — but only to the declared type, and integers must be written
 * canonically (`01`, `1.0`, `+1`, `1e0` are refused before Ajv's lenient coercion sees them).
 * Every string of a body also obeys the text rules (editorial/text-rules.ts).
 */
const bodyAjv = createAjv({ coerce: false })
const textAjv = createAjv({ coerce: true })
const canonicalInteger = /^(0|-?[1-9][0-9]{0,15})$/

interface ObjectSchema { type?: unknown, properties?: Record<string, { type?: unknown }> }

function integerKeys (schema: ObjectSchema): string[] {
  return Object.entries(schema.properties ?? {})
    .filter(([, prop]) => prop.type === 'integer')
    .map(([key]) => key)
}

export const strictValidatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart, url }) => {
  // the text rules are for what the REST API stores; other bodies (a GraphQL document, whose
  // mutations check their inputs themselves) are not text fields
  if (httpPart === 'body') return bodyAjv.compile(url.startsWith('/v1/') ? withTextRules(schema as object) : schema as object)
  const validate: ValidateFunction = textAjv.compile(schema as object)
  const integers = integerKeys(schema as ObjectSchema)
  if (integers.length === 0) return validate
  const strict = (data: Record<string, unknown> | null): boolean => {
    const errors: ErrorObject[] = []
    for (const key of integers) {
      const value = data?.[key]
      if (typeof value === 'string' && !canonicalInteger.test(value)) {
        errors.push({ instancePath: `/${key}`, schemaPath: '#/type', keyword: 'type', params: { type: 'integer' }, message: 'must be an integer written in plain decimal' })
      }
    }
    if (errors.length > 0) {
      strict.errors = errors
      return false
    }
    const ok = validate(data)
    strict.errors = validate.errors ?? null
    return ok
  }
  strict.errors = null as ErrorObject[] | null
  return strict
}

// a string schema whose pattern has a digit class of its own (`^[1-9][0-9]{0,15}$`, `^(root|[1-9][0-9]*)$`) carries an integer as text
const digitClass = /\[[01]-9\]|\\d/

interface ParamSchema { type?: unknown, pattern?: unknown }
const isIntegerParam = (schema: ParamSchema): boolean =>
  schema.type === 'integer' || (schema.type === 'string' && typeof schema.pattern === 'string' && digitClass.test(schema.pattern))

const integerParamsOf = new WeakMap<object, { params: string[], query: string[] }>()
function integerParams (schema: { params?: unknown, querystring?: unknown }): { params: string[], query: string[] } {
  let found = integerParamsOf.get(schema)
  if (found === undefined) {
    const keys = (part: unknown) => Object.entries((part as { properties?: Record<string, ParamSchema> } | undefined)?.properties ?? {})
      .filter(([, prop]) => isIntegerParam(prop)).map(([key]) => key)
    integerParamsOf.set(schema, found = { params: keys(schema.params), query: keys(schema.querystring) })
  }
  return found
}

// which `/`-separated segment of a route's path holds a parameter (`articles-:n.xml` holds n)
const segments = new Map<string, number>()
function segmentOf (route: string, key: string): number {
  let index = segments.get(`${route} ${key}`)
  if (index === undefined) {
    index = route.split('/').findIndex((segment) => new RegExp(`:${key}(?![A-Za-z0-9_])`).test(segment))
    segments.set(`${route} ${key}`, index)
  }
  return index
}

const safeDecode = (text: string): string | null => {
  try { return decodeURIComponent(text) } catch { return null }
}
const notPlain = (key: string): ErrorObject =>
  ({ instancePath: `/${key}`, schemaPath: '#/pattern', keyword: 'pattern', params: {}, message: 'must be written as plain decimal digits, not percent-encoded' })

/**
 * The router and the query-string parser percent-decode before validation, so `/articles/%31`
 * and `?limit=%31%30` would reach a route as "1" and "10". Every path and query parameter the
 * route's schema declares as an integer (`type: integer`, or a string whose pattern takes digits,
 * like ids, revision and sitemap file numbers, `parent=root|<id>`) must therefore be written
 * literally in the raw URL: a path segment holding one may not contain `%`, a query value may
 * contain neither `%` nor `+`. What arrives is then what was written, and the route's own
 * validation refuses leading zeros, signs, exponents and fractions (strictValidatorCompiler,
 * the id patterns). New routes are covered by declaring their parameters, nothing else.
 */
export function rejectEncodedIntegers (request: FastifyRequest): void {
  const schema = request.routeOptions.schema
  if (schema === undefined) return
  const { params, query } = integerParams(schema)
  if (params.length === 0 && query.length === 0) return
  const raw = request.raw.url ?? ''
  const queryStart = raw.indexOf('?')
  const path = queryStart === -1 ? raw : raw.slice(0, queryStart)

  if (params.length > 0) {
    const route = request.routeOptions.url ?? ''
    const rawSegments = path.split('/')
    const bad = params.filter((key) => {
      const index = segmentOf(route, key)
      // a path that does not line up with the route (it should not happen) is held to the strictest reading
      const segment = index === -1 || rawSegments.length <= index ? path : rawSegments[index]!
      return segment.includes('%')
    })
    if (bad.length > 0) throw validationError('params', bad.map(notPlain))
  }

  if (query.length > 0 && queryStart !== -1) {
    const bad = new Set<string>()
    for (const pair of raw.slice(queryStart + 1).split('&')) {
      const eq = pair.indexOf('=')
      const key = safeDecode((eq === -1 ? pair : pair.slice(0, eq)).replace(/\+/g, ' '))
      if (key === null || !query.includes(key)) continue
      if (/[%+]/.test(eq === -1 ? '' : pair.slice(eq + 1))) bad.add(key)
    }
    if (bad.size > 0) throw validationError('querystring', [...bad].map(notPlain))
  }
}

const validationError = (context: 'params' | 'querystring', validation: ErrorObject[]) =>
  Object.assign(new Error('invalid integer parameter'), { statusCode: 400, validation, validationContext: context })
