import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import mercurius, { type IResolvers, type MercuriusCommonOptions, type MercuriusLoaders } from 'mercurius'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Config } from '../config.js'
import type { StorageHealth } from '../db/storage-health.js'
import { createCursorCodec } from '../pagination/cursor.js'
import { markReadOnly } from '../http/caching.js'
import { RequestMemo, type ContextServices, type GraphQLContext } from './context.js'
import { formatErrors, responseMediaType } from './errors.js'
import { graphqlJs } from './graphql-js.js'
import { aliasLimitRule, assertBatchSize, assertNesting, assertParsedDocument, costOf, limits, RequestRefusedError } from './limits.js'
import { trackSurrogateKeys } from './surrogate-keys.js'

/** The schema the server serves, read from the contract file (src/ and dist/ both sit two levels below it). */
export const schemaPath = fileURLToPath(new URL('../../schema.graphql', import.meta.url))

export interface GraphQLPluginOptions {
  services: ContextServices
  /** Which module answers which type (src/graphql-schema.ts), checked there against schema.graphql. */
  implementation: { resolvers: object, loaders: object, scalars: object }
  config: Pick<Config, 'cursorSecret' | 'graphiql' | 'graphqlIntrospection' | 'requireIfMatch'>
  /** Told of storage failures met while executing, so readiness can report them. */
  storage?: Pick<StorageHealth, 'recordFailure'>
}

const GRAPHQL_PATH = '/graphql'
/** Queries and their variables are small; a megabyte of GraphQL is an attack, not a query. */
const BODY_LIMIT = 64 * 1024
/** Automatic persisted queries kept per process (an LRU, so clients cannot grow it without bound). */
const PERSISTED_QUERIES = 1024


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
  const formatOptions = { suggestions: config.graphqlIntrospection }
  const errorFormatter: NonNullable<MercuriusCommonOptions['errorFormatter']> = (execution, context) => {
    for (const error of execution.errors) storage?.recordFailure(error.originalError)
    return formatErrors(execution, context, formatOptions)
  }

  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.url !== GRAPHQL_PATH) return
    reply.type(responseMediaType(request.headers.accept))
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
  app.addHook('preHandler', async (request) => {
    if (request.routeOptions.url === GRAPHQL_PATH && request.method === 'POST') assertBatchSize(request.body)
  })

  await app.register(mercurius, {
    schema: readFileSync(schemaPath, 'utf8'),
    // checked against schema.graphql in src/graphql-schema.ts; mercurius' own types are untyped maps
    resolvers: { ...resolvers, ...scalars } as unknown as IResolvers,
    loaders: loaders as unknown as MercuriusLoaders,
    path: GRAPHQL_PATH,
    context: (request): Omit<GraphQLContext, 'reply' | 'app'> => ({ services, cursors, memo: new RequestMemo(), budget: { spent: 0 }, principal: request.principal ?? null, requireExpectedVersion: config.requireIfMatch }),
    errorFormatter,
    // GraphiQL needs introspection; both default to on in development only (config.ts)
    graphiql: config.graphiql,
    validationRules: [aliasLimitRule(limits.aliases), ...(config.graphqlIntrospection ? [] : [graphqlJs.NoSchemaIntrospectionCustomRule])],
    queryDepth: limits.depth,
    graphql: { parseOptions: { maxTokens: limits.tokens } },
    // A simple (CORS-preflight-free) request must not run an operation: a request needs a JSON or
    // GraphQL content type, or a `mercurius-require-preflight` / `x-mercurius-operation-name` header.
    csrfPrevention: true,
    // Batches share one cost budget and are capped in size (the preHandler above).
    allowBatchedQueries: true,
    persistedQueryProvider: mercurius.persistedQueryDefaults.automatic(PERSISTED_QUERIES),
    // queries POSTed without a key are replayed from the response cache like GETs (http/caching.ts)
    additionalRouteOptions: { bodyLimit: BODY_LIMIT, config: { replayablePosts: true } }
  })

  trackSurrogateKeys(app.graphql.schema, services.editions)
  app.graphql.addHook('preValidation', async (_schema, document) => { assertParsedDocument(document) })
  app.graphql.addHook('preExecution', async (schema, document, context, variables) => {
    const ctx = context as unknown as GraphQLContext
    if (document.definitions.every((definition) => definition.kind !== graphqlJs.Kind.OPERATION_DEFINITION || definition.operation === graphqlJs.OperationTypeNode.QUERY)) {
      markReadOnly(ctx.reply.request)
    }
    const cost = costOf(schema, document, operationNameOf(ctx), variables as Record<string, unknown> | undefined)
    if (cost === null) return
    ctx.budget.spent += cost
    if (ctx.budget.spent > limits.cost) {
      const batch = typeof ctx.operationsCount === 'number' && ctx.operationsCount > 1
      throw new RequestRefusedError('QUERY_TOO_COMPLEX',
        `The ${batch ? 'batch' : 'query'} would resolve about ${ctx.budget.spent} objects; the limit is ${limits.cost}. Ask for smaller pages or fewer nested lists.`,
        { cost: ctx.budget.spent, limit: limits.cost })
    }
  })
}
