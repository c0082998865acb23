/**
 * What the route schemas cannot say by themselves, added to the generated OpenAPI document in one
 * pass (@fastify/swagger `transformObject`): who may call an operation, the headers every answer
 * carries, path ids as integers and literal unions as enums. Only the document changes; request
 * validation stays as the route schemas say.
 */

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

export const BEARER_SCHEME = 'bearerAuth'

/** The pattern of `IdString` (schemas/common.ts): a path id a client sends as an integer. */
const ID_PATTERN = '^[1-9][0-9]{0,15}$'

const headerRef = (name: string): Json => ({ $ref: `#/components/headers/${name}` })

const components = {
  securitySchemes: {
    [BEARER_SCHEME]: {
      type: 'http',
      scheme: 'bearer',
      description: 'An API key made with `quire keys create --role <admin|editor|author|preview>`, sent as `Authorization: Bearer <key>`. Public reads need none; a key shows what its role may see (drafts for preview keys) and makes the answer private.'
    }
  },
  headers: {
    ETag: { description: 'Strong validator of this representation (a compressed body has its own, suffixed -br/-gzip). Send it back in If-None-Match for a 304, or in If-Match to write safely.', schema: { type: 'string' } },
    'Cache-Control': { description: 'public with max-age/s-maxage/stale-while-revalidate for public reads; private, no-store for anything a key received.', schema: { type: 'string' } },
    'Last-Modified': { description: 'HTTP date of the last change this representation reflects.', schema: { type: 'string' } },
    'Surrogate-Key': { description: 'Space-separated cache tags (article-42, edition-en …) a CDN can purge by; see docs/caching.md.', schema: { type: 'string' } },
    Link: { description: 'RFC 8288 links to the next and previous pages: `<url>; rel="next"`, `<url>; rel="prev"`.', schema: { type: 'string' } },
    'X-Total-Count': { description: 'Number of items in the whole list (equals meta.total).', schema: { type: 'integer', minimum: 0 } },
    'RateLimit-Limit': { description: 'Requests allowed per window for this client (IETF RateLimit header fields draft).', schema: { type: 'integer' } },
    'RateLimit-Remaining': { description: 'Requests left in the current window.', schema: { type: 'integer' } },
    'RateLimit-Reset': { description: 'Seconds until the window resets.', schema: { type: 'integer' } },
    'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer' } },
    'X-Request-Id': { description: 'Identifies the request in the server log (an incoming short, plain X-Request-Id is kept).', schema: { type: 'string' } }
  },
  responses: {
    TooManyRequests: {
      description: 'Rate limited: retry after Retry-After seconds',
      headers: { 'Retry-After': headerRef('Retry-After'), 'RateLimit-Limit': headerRef('RateLimit-Limit'), 'RateLimit-Remaining': headerRef('RateLimit-Remaining'), 'RateLimit-Reset': headerRef('RateLimit-Reset') },
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } }
    },
    ServiceUnavailable: {
      description: 'Overloaded, shutting down or storage unavailable: retry after Retry-After seconds',
      headers: { 'Retry-After': headerRef('Retry-After') },
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } }
    }
  }
}

const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const

function resolve (document: Json, schema: unknown): Json | undefined {
  if (!isObject(schema)) return undefined
  const ref = schema.$ref
  if (typeof ref !== 'string') return schema
  const name = ref.replace('#/components/schemas/', '')
  const found = (((document.components as Json | undefined)?.schemas) as Json | undefined)?.[name]
  return isObject(found) ? found : undefined
}

const isList = (document: Json, schema: unknown): boolean => {
  const properties = resolve(document, schema)?.properties
  return isObject(properties) && 'data' in properties && 'meta' in properties && 'links' in properties
}

/** The one value a schema allows: `{const: 'a'}`, or `{enum: ['a']}` as @fastify/swagger writes a const. */
function singleValue (option: unknown): { value: unknown } | null {
  if (!isObject(option) || !Object.keys(option).every((k) => k === 'const' || k === 'enum' || k === 'type')) return null
  if ('const' in option) return { value: option.const }
  if (Array.isArray(option.enum) && option.enum.length === 1) return { value: option.enum[0] }
  return null
}

/** `anyOf: [{const: 'a'}, {const: 'b'}]` (TypeBox's Union of Literals) → `enum: ['a', 'b']`, everywhere. */
function enumsFromLiteralUnions (node: unknown): void {
  if (Array.isArray(node)) { for (const item of node) enumsFromLiteralUnions(item); return }
  if (!isObject(node)) return
  const anyOf = node.anyOf
  if (Array.isArray(anyOf) && anyOf.length > 0) {
    const values = anyOf.map(singleValue)
    const types = new Set(values.map((v) => v === null ? 'none' : typeof v.value))
    if (values.every((v) => v !== null) && types.size === 1 && (types.has('string') || types.has('number') || types.has('boolean'))) {
      delete node.anyOf
      node.type = [...types][0]
      node.enum = values.map((v) => v?.value)
    }
  }
  for (const value of Object.values(node)) enumsFromLiteralUnions(value)
}

export function refineDocument (document: Json, { baseUrl }: { baseUrl: string }): Json {
  const existing = isObject(document.components) ? document.components : {}
  document.components = { ...existing, ...components }
  const schemas = (document.components as Json).schemas
  const problem = isObject(schemas) ? schemas.Problem : undefined
  if (isObject(problem) && isObject(problem.properties) && isObject(problem.properties.type)) {
    Object.assign(problem.properties.type, { format: 'uri', description: `Absolute URI of the problem type; it resolves to a page describing it (${baseUrl}/problems lists them all)`, examples: [`${baseUrl}/problems/not-found`] })
  }
  for (const item of Object.values(isObject(document.paths) ? document.paths : {})) {
    if (!isObject(item)) continue
    for (const method of methods) {
      const operation = item[method]
      if (!isObject(operation)) continue
      const responses = isObject(operation.responses) ? operation.responses : (operation.responses = {})
      // an operation that can answer 401 needs a key; every other one takes one optionally
      operation.security = '401' in responses ? [{ [BEARER_SCHEME]: [] }] : [{}, { [BEARER_SCHEME]: [] }]
      for (const parameter of Array.isArray(operation.parameters) ? operation.parameters : []) {
        if (isObject(parameter) && parameter.in === 'path' && isObject(parameter.schema) && parameter.schema.pattern === ID_PATTERN) {
          // the server takes up to 16 digits; ids beyond 2^53 - 1 are never issued and JavaScript could not hold them
          parameter.schema = { type: 'integer', format: 'int64', minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: parameter.schema.description ?? 'Positive integer id' }
          if ('example' in parameter) parameter.example = 42
        }
      }
      for (const [status, response] of Object.entries(responses)) {
        if (!isObject(response) || !/^2/.test(status)) continue
        const headers: Json = isObject(response.headers) ? response.headers : {}
        headers['X-Request-Id'] = headerRef('X-Request-Id')
        headers['RateLimit-Limit'] = headerRef('RateLimit-Limit')
        headers['RateLimit-Remaining'] = headerRef('RateLimit-Remaining')
        headers['RateLimit-Reset'] = headerRef('RateLimit-Reset')
        if (method === 'get' && status === '200') {
          for (const name of ['ETag', 'Cache-Control', 'Last-Modified', 'Surrogate-Key']) headers[name] = headerRef(name)
          const json = isObject(response.content) ? (response.content)['application/json'] : undefined
          if (isObject(json) && isList(document, json.schema)) {
            headers.Link = headerRef('Link')
            headers['X-Total-Count'] = headerRef('X-Total-Count')
          }
        }
        response.headers = headers
      }
      responses['429'] ??= { $ref: '#/components/responses/TooManyRequests' }
      responses['503'] ??= { $ref: '#/components/responses/ServiceUnavailable' }
    }
  }
  enumsFromLiteralUnions(document.paths)
  enumsFromLiteralUnions(document.components)
  return document
}
