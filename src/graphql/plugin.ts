import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import type { GraphQLError } from 'graphql'
import mercurius, { type IResolvers, type MercuriusCommonOptions } from 'mercurius'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Config } from '../config.js'
import type { StorageHealth } from '../db/storage-health.js'
import { createCursorCodec } from '../pagination/cursor.js'
import { markReadOnly } from '../http/caching.js'
import { RequestMemo, type ContextServices, type GraphQLContext } from './context.js'
import { formatErrors, responseMediaType } from './errors.js'
import { graphqlJs } from './graphql-js.js'
import { aliasLimitRule, assertBatchSize, assertNesting, assertParsedDocument, limits, RequestRefusedError } from './limits.js'
import { createDocumentFacts } from './document-facts.js'
import { loaderResolvers } from './loaders.js'
import { trackSurrogateKeys } from './surrogate-keys.js'
import { registerGraphiql } from './ide.js'
import { interpretedOnly, mercuriusJitOption, registerPriming, stopPriming } from './compiled-execution.js'
import { serveStaticAsset } from '../http/static-asset.js'

/** The schema the server serves, read from the contract file (src/ and dist/ both sit two levels below it). */
export const schemaPath = fileURLToPath(new URL('../../schema.graphql', import.meta.url))

export interface GraphQLPluginOptions {
  services: ContextServices
  /** Which module answers which type (src/graphql-schema.ts), checked there against schema.graphql. */
  implementation: { resolvers: object, loaders: object, scalars: object }
  config: Pick<Config, 'cursorSecret' | 'graphiql' | 'graphqlIntrospection' | 'graphqlJit' | 'requireIfMatch' | 'publicBaseUrl'>
  /** Told of storage failures met while executing, so readiness can report them. */
  storage?: Pick<StorageHealth, 'recordFailure'>
}

const GRAPHQL_PATH = '/graphql'
/** The SDL, for code generators pointed at a production server (where introspection is off). */
export const SDL_PATH = '/graphql/schema.graphql'
/** Queries and their variables are small; a megabyte of GraphQL is an attack, not a query. */
const BODY_LIMIT = 64 * 1024
/** Automatic persisted queries kept per process (an LRU, so clients cannot grow it without bound). */
const PERSISTED_QUERIES = 1024
/** Parsed, validated (and, once hot, compiled) documents kept per process, by query text. */
const DOCUMENTS = 1024

const CSRF_MESSAGE = 'This operation has been blocked as a potential Cross-Site Request Forgery (CSRF).'
/** Bodies a browser may send cross-site without a CORS preflight (the Fetch standard's CORS-safelisted types). */
const simpleBodyTypes = new Set(['', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data'])
const preflightHeaders = ['mercurius-require-preflight', 'x-mercurius-operation-name', 'x-apollo-operation-name', 'apollo-require-preflight']

/**
 * CSRF prevention for POST only. A cross-site form or `text/plain` fetch must not run a mutation,
 * so a POST needs a non-simple content type (JSON) or a preflight header. GET is exempt: GET runs
 * queries only (mutations are refused), and Quire uses no cookies, so a forged cross-site GET
 * carries no one's credentials — it reads what any anonymous client may read. This is what lets
 * urql's `preferGetMethod`, Apollo's `useGETForQueries`, curl and CDN-cached GETs work without
 * an extra header.
 */
function assertNotCrossSiteForm (request: FastifyRequest): void {
  if (request.method !== 'POST') return
  const mediaType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  if (!simpleBodyTypes.has(mediaType)) return
  if (preflightHeaders.some((name) => request.headers[name] !== undefined)) return
  throw Object.assign(new Error(CSRF_MESSAGE), { code: 'MER_ERR_GQL_CSRF_PREVENTION', statusCode: 400 })
}

/** graphql-js' rule, applied per request because whether introspection is open depends on who asks. */
function assertIntrospectionAllowed (refused: readonly GraphQLError[]): void {
  if (refused.length > 0) throw Object.assign(new Error('MER_ERR_GQL_VALIDATION'), { code: 'MER_ERR_GQL_VALIDATION', errors: refused })
}

/** Resolver maps merged type by type (a type may have resolved and loaded fields). */
function mergeResolvers (...maps: object[]): Record<string, unknown> {
  const merged: Record<string, unknown> = {}
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map)) {
      const previous = merged[type]
      merged[type] = typeof previous === 'object' && previous !== null ? { ...previous, ...(fields as object) } : fields
    }
  }
  return merged
}

/**
 * A GET parameter that must hold a JSON object (or null). Text that is not JSON at all is left to
 * mercurius, which refuses it with the same code; only valid JSON of another type is refused here.
 */
function assertJsonObjectOrNull (text: string): void {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return
  }
  if (value === null || (typeof value === 'object' && !Array.isArray(value))) return
  throw Object.assign(new Error('"variables" and "extensions" must be JSON-encoded objects.'), { code: 'MER_ERR_GQL_VALIDATION', statusCode: 400 })
}

function operationNameOf (context: GraphQLContext): string | undefined {
  const request: FastifyRequest = context.reply.request
  const payload: unknown = request.method === 'GET' ? request.query : request.body
  const operation: unknown = Array.isArray(payload) ? payload[context.operationId ?? 0] : payload
  const name = (operation as { operationName?: unknown } | null | undefined)?.operationName
  return typeof name === 'string' ? name : undefined
}

/**
 * POST/GET /graphql (and /graphiql when enabled) over the same services as REST. mercurius'
 * defaults are not production-safe, so every one that matters is set here on purpose.
 */
export const graphqlPlugin: FastifyPluginAsync<GraphQLPluginOptions> = async (app, { services, implementation, config, storage }) => {
  const { resolvers, loaders, scalars } = implementation
  // Relay cursors are the list services' own signed cursors; this codec (same secret) only
  // re-points one for `before` (see connection.ts toPageRequest).
  const cursors = createCursorCodec(config.cursorSecret)
  // Introspection is open to everyone when configured (GRAPHIQL=true turns it on too: the IDE's
  // explorer and completion are built from it), and always to requests with a valid API key, so
  // staff tooling (graphql-codegen with a key) works against production. The SDL is public anyway.
  const introspectionForAll = config.graphqlIntrospection || config.graphiql
  const formatOptions = { suggestions: introspectionForAll }
  const errorFormatter: NonNullable<MercuriusCommonOptions['errorFormatter']> = (execution, context) => {
    for (const error of execution.errors) storage?.recordFailure(error.originalError)
    return formatErrors(execution, context, formatOptions)
  }

  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.url !== GRAPHQL_PATH) return
    reply.type(responseMediaType(request.headers.accept))
    assertNotCrossSiteForm(request)
  })
  // before mercurius parses anything: graphql-js' recursive parser must never see deeply nested text
  // (a persisted query's hash stands for a text that passed here when it was registered)
  app.addHook('preValidation', async (request) => {
    if (request.routeOptions.url !== GRAPHQL_PATH) return
    const payload: unknown = request.method === 'GET' ? request.query : request.body
    for (const operation of Array.isArray(payload) ? payload : [payload]) {
      const query = (operation as { query?: unknown } | null | undefined)?.query
      if (typeof query === 'string') assertNesting(query)
    }
  })
  // GraphQL over HTTP lets `extensions` be null like `variables`; mercurius' body schema wants an object
  app.addHook('preValidation', async (request) => {
    if (request.routeOptions.url !== GRAPHQL_PATH || request.method !== 'POST') return
    for (const operation of Array.isArray(request.body) ? request.body : [request.body]) {
      if (typeof operation === 'object' && operation !== null && (operation as { extensions?: unknown }).extensions === null) {
        delete (operation as { extensions?: unknown }).extensions
      }
    }
  })
  // a GET's `variables` and `extensions` are JSON text; mercurius parses them but does not check that
  // the value is an object, and graphql-js throws (a 500) on `variables=1`. The POST body schema
  // already refuses the same values, with the same code.
  app.addHook('preValidation', async (request) => {
    if (request.routeOptions.url !== GRAPHQL_PATH || request.method !== 'GET') return
    const query = request.query as { variables?: unknown, extensions?: unknown } | null | undefined
    for (const text of [query?.variables, query?.extensions]) {
      if (typeof text === 'string' && text !== '') assertJsonObjectOrNull(text)
    }
  })
  app.addHook('preHandler', async (request) => {
    if (request.routeOptions.url === GRAPHQL_PATH && request.method === 'POST') assertBatchSize(request.body)
  })

  // after the checks above: a request they refuse primes nothing
  if (config.graphqlJit === 0) registerPriming(app, GRAPHQL_PATH)

  await app.register(mercurius, {
    schema: readFileSync(schemaPath, 'utf8'),
    // checked against schema.graphql in src/graphql-schema.ts; mercurius' own types are untyped maps
    resolvers: mergeResolvers(resolvers, loaderResolvers(loaders), scalars) as unknown as IResolvers,
    path: GRAPHQL_PATH,
    context: (request): Omit<GraphQLContext, 'reply' | 'app'> => ({ services, cursors, memo: new RequestMemo(), batches: new Map(), budget: { spent: 0 }, principal: request.principal ?? null, requireExpectedVersion: config.requireIfMatch }),
    errorFormatter,
    // GraphiQL is served from this server's own assets below, not mercurius' CDN page
    graphiql: false,
    validationRules: [aliasLimitRule(limits.aliases)],
    queryDepth: limits.depth,
    graphql: { parseOptions: { maxTokens: limits.tokens } },
    // parsed and validated documents are kept per query text (mercurius' default LRU, stated here
    // because the compiled documents live in its entries too): see compiled-execution.ts
    cache: DOCUMENTS,
    jit: mercuriusJitOption(config.graphqlJit),
    // checked in the onRequest hook above (assertNotCrossSiteForm): POST only, GET is exempt
    csrfPrevention: false,
    // Batches share one cost budget and are capped in size (the preHandler above).
    allowBatchedQueries: true,
    persistedQueryProvider: mercurius.persistedQueryDefaults.automatic(PERSISTED_QUERIES),
    // queries POSTed without a key are replayed from the response cache like GETs (http/caching.ts)
    additionalRouteOptions: { bodyLimit: BODY_LIMIT, config: { replayablePosts: true } }
  })

  const sdl = readFileSync(schemaPath, 'utf8')
  serveStaticAsset(app, SDL_PATH, { body: sdl, contentType: 'text/plain; charset=utf-8' })
  if (config.graphiql) registerGraphiql(app, { endpointPath: `${new URL(config.publicBaseUrl).pathname.replace(/\/$/, '')}${GRAPHQL_PATH}`, pagePath: '/graphiql' })

  trackSurrogateKeys(app.graphql.schema, services.editions)
  app.graphql.addHook('preValidation', async (_schema, document) => { assertParsedDocument(document) })
  const facts = createDocumentFacts(app.graphql.schema)
  app.graphql.addHook('preExecution', async (_schema, document, context, variables) => {
    stopPriming(context)
    const ctx = context as unknown as GraphQLContext
    const operationName = operationNameOf(ctx)
    if (document.definitions.every((definition) => definition.kind !== graphqlJs.Kind.OPERATION_DEFINITION || definition.operation === graphqlJs.OperationTypeNode.QUERY)) {
      markReadOnly(ctx.reply.request)
    }
    // here, not in validationRules: mercurius caches validation by query text, for every caller
    if (!introspectionForAll && ctx.principal === null) assertIntrospectionAllowed(facts.introspectionErrors(document))
    const cost = facts.costOf(document, operationName, variables as Record<string, unknown> | undefined)
    // returning the document unchanged is how a hook tells mercurius not to run the compiled one
    const route = interpretedOnly(document, operationName) ? { document } : undefined
    if (cost === null) return route
    ctx.budget.spent += cost
    if (ctx.budget.spent > limits.cost) {
      const batch = typeof ctx.operationsCount === 'number' && ctx.operationsCount > 1
      throw new RequestRefusedError('QUERY_TOO_COMPLEX',
        `The ${batch ? 'batch' : 'query'} would resolve about ${ctx.budget.spent} objects; the limit is ${limits.cost}. Ask for smaller pages or fewer nested lists.`,
        { cost: ctx.budget.spent, limit: limits.cost })
    }
    return route
  })
}
