type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)
const methods = ['get', 'put', 'post', 'delete', 'patch'] as const
const refName = (schema: unknown): string | null =>
  isObject(schema) && typeof schema.$ref === 'string' && schema.$ref.startsWith('#/components/schemas/') ? schema.$ref.slice('#/components/schemas/'.length) : null
const pascal = (operationId: string): string => operationId.charAt(0).toUpperCase() + operationId.slice(1)

/**
 * The name a body schema is known by: `ArticleEnvelope` for `{ data: Article }`, `ArticleList` for
 * `{ data: Article[], meta, links }`, otherwise the operation's (`CreateArticleRequest`,
 * `GetHealthResponse`).
 */
function nameOf (schema: Json, fallback: string): string {
  const properties = isObject(schema.properties) ? schema.properties : {}
  const keys = Object.keys(properties).sort().join(',')
  const data = properties.data
  if (keys === 'data') {
    const one = refName(data)
    if (one !== null) return `${one}Envelope`
  }
  if (keys === 'data,links,meta' && isObject(data)) {
    const item = refName(data.items)
    if (item !== null) return `${item}List`
  }
  return fallback
}

/**
 * Gives every inline JSON request and success-response body of the document a name in
 * `components.schemas` and refers to it there, so generated clients get `ArticleList` and
 * `CreateArticleRequest` instead of anonymous types, and the docs show them as models. The route
 * schemas stay inline where they are declared (next to their route, one per route); this runs on
 * the finished document only. A schema identical to one already named reuses that name, so the
 * eleven `{ data: Article }` responses are one `ArticleEnvelope`; a list's `meta` and `links` are
 * named too (`CursorPageMeta` and `PageLinks` for the cursor-paged lists, `NumberedPageMeta` for the
 * article lists that also page by number).
 */
export function nameBodySchemas (document: Json): void {
  if (!isObject(document.components)) document.components = {}
  const components = document.components as Json
  if (!isObject(components.schemas)) components.schemas = {}
  const schemas = components.schemas as Json
  const byContent = new Map<string, string>()
  for (const [name, schema] of Object.entries(schemas)) byContent.set(JSON.stringify(schema), name)

  /** The first free name of `candidates` (the last one numbered if need be), unless the same schema already has one. */
  const named = (schema: Json, ...candidates: string[]): Json => {
    const content = JSON.stringify(schema)
    let name = byContent.get(content) ?? candidates.find((candidate) => !(candidate in schemas))
    if (name === undefined) {
      const last = candidates[candidates.length - 1]!
      name = last
      for (let n = 2; name in schemas; n++) name = `${last}${n}`
    }
    if (!(name in schemas)) {
      schemas[name] = schema
      byContent.set(content, name)
    }
    return { $ref: `#/components/schemas/${name}` }
  }
  /** A list envelope's meta and links: the cursor lists' common ones by their name, any other by its operation's. */
  const nameListParts = (schema: Json, base: string): void => {
    const properties = schema.properties
    if (!isObject(properties) || !('data' in properties)) return
    const meta = properties.meta
    if (isObject(meta) && refName(meta) === null) {
      const required = Array.isArray(meta.required) ? meta.required : []
      // the article lists page by cursor and by number (`page`, `totalPages`): a name of their own
      const preferred = required.includes('totalPages') ? ['NumberedPageMeta'] : required.includes('nextCursor') ? ['CursorPageMeta'] : []
      properties.meta = named(meta, ...preferred, `${base}Meta`)
    }
    const links = properties.links
    if (isObject(links) && refName(links) === null) {
      const required = Array.isArray(links.required) ? links.required : []
      const preferred = required.includes('first') ? ['NumberedPageLinks'] : required.includes('prev') ? ['PageLinks'] : []
      properties.links = named(links, ...preferred, `${base}Links`)
    }
  }

  for (const item of Object.values(isObject(document.paths) ? document.paths : {})) {
    if (!isObject(item)) continue
    for (const method of methods) {
      const operation = item[method]
      if (!isObject(operation) || typeof operation.operationId !== 'string') continue
      const base = pascal(operation.operationId)
      const body = isObject(operation.requestBody) && isObject(operation.requestBody.content) ? operation.requestBody.content['application/json'] : undefined
      if (isObject(body) && isObject(body.schema) && refName(body.schema) === null) body.schema = named(body.schema, `${base}Request`)
      const successes = Object.entries(isObject(operation.responses) ? operation.responses : {}).filter(([status]) => /^2/.test(status))
      for (const [status, response] of successes) {
        const json = isObject(response) && isObject(response.content) ? response.content['application/json'] : undefined
        if (!isObject(json) || !isObject(json.schema) || refName(json.schema) !== null) continue
        nameListParts(json.schema, base)
        const own = `${base}${successes.length > 1 ? `Response${status}` : 'Response'}`
        json.schema = named(json.schema, nameOf(json.schema, own), own)
      }
    }
  }
}
