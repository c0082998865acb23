import type { FastifyReply } from 'fastify'
import type { ExecutionResult, FormattedExecutionResult, GraphQLError as GraphQLErrorType, GraphQLFormattedError } from 'graphql'
import { ConflictError, DomainError, ForbiddenError, InvalidInputError, NotFoundError, PreconditionFailedError, PreconditionRequiredError, RateLimitedError, UnauthenticatedError, UnprocessableError } from '../errors.js'
import { graphqlJs } from './graphql-js.js'
import { RequestRefusedError } from './limits.js'
import { storageFailureOf } from '../db/storage-health.js'
import { JSON_TOO_DEEP } from '../http/json-body.js'
import { isClientAbort } from '../http/client-errors.js'

const { GraphQLError } = graphqlJs

/**
 * `extensions.code` values. Resolver and service errors map to the first two lines; the rest describe a
 * request refused before execution.
 */
export type ErrorCode =
  | 'BAD_USER_INPUT' | 'NOT_FOUND' | 'FORBIDDEN' | 'CONFLICT' | 'INTERNAL_SERVER_ERROR'
  | 'UNAUTHENTICATED' | 'UNPROCESSABLE' | 'PRECONDITION_FAILED' | 'PRECONDITION_REQUIRED' | 'RATE_LIMITED'
  | 'GRAPHQL_PARSE_FAILED' | 'GRAPHQL_VALIDATION_FAILED'
  | 'QUERY_TOO_DEEP' | 'QUERY_TOO_COMPLEX' | 'TOO_MANY_ALIASES' | 'TOO_MANY_OPERATIONS' | 'GRAPHQL_NESTING_LIMIT'
  | 'INSUFFICIENT_STORAGE' | 'STORAGE_UNAVAILABLE'
  | 'PERSISTED_QUERY_NOT_FOUND' | 'PERSISTED_QUERY_NOT_SUPPORTED'
  | 'BAD_REQUEST' | 'METHOD_NOT_ALLOWED' | 'PAYLOAD_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE'

/** Codes for problems with the HTTP request itself: their status holds whatever the client accepts. */
const transportStatus: Partial<Record<ErrorCode, number>> = {
  BAD_REQUEST: 400,
  // a broken API key is refused before anything runs (http/auth.ts); inside execution it stays 200
  UNAUTHENTICATED: 401,
  TOO_MANY_OPERATIONS: 400,
  // refused before parsing, like a body that is not JSON: the request itself is unusable
  GRAPHQL_NESTING_LIMIT: 400,
  PERSISTED_QUERY_NOT_FOUND: 400,
  PERSISTED_QUERY_NOT_SUPPORTED: 400,
  METHOD_NOT_ALLOWED: 405,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415
}

interface Mapped { message: string, code: ErrorCode, extensions?: Record<string, unknown>, internal?: unknown }

const GENERIC_MESSAGE = 'Internal server error. The request id identifies it in the server logs.'

/** Errors mercurius and fastify raise around execution, by their stable codes; their messages describe the request. */
function fromFrameworkCode (code: string, message: string): Mapped | null {
  switch (code) {
    case 'MER_ERR_GQL_QUERY_DEPTH': return { code: 'QUERY_TOO_DEEP', message: message.replace(/`/g, '') }
    case 'MER_ERR_GQL_CSRF_PREVENTION': return { code: 'BAD_REQUEST', message }
    case 'MER_ERR_GQL_PERSISTED_QUERY_NOT_FOUND':
      // mercurius answers a request without any query with this code too
      return message === 'Unknown query'
        ? { code: 'BAD_REQUEST', message: 'The request has no "query".' }
        : { code: 'PERSISTED_QUERY_NOT_FOUND', message: 'PersistedQueryNotFound' }
    case 'MER_ERR_GQL_PERSISTED_QUERY_NOT_SUPPORTED': return { code: 'PERSISTED_QUERY_NOT_SUPPORTED', message: 'PersistedQueryNotSupported' }
    case 'MER_ERR_GQL_PERSISTED_QUERY_MISMATCH': return { code: 'BAD_REQUEST', message: 'The persisted query hash does not match the query.' }
    case 'MER_ERR_METHOD_NOT_ALLOWED': return { code: 'METHOD_NOT_ALLOWED', message: 'Only queries may be sent with GET.' }
    case 'MER_ERR_GQL_VALIDATION': return { code: 'BAD_REQUEST', message: '"variables" and "extensions" must be JSON-encoded objects.' }
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY': return { code: 'BAD_REQUEST', message: 'The request body is not valid JSON.' }
    case 'FST_ERR_CTP_BODY_TOO_LARGE': return { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large.' }
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE': return { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the request body as application/json.' }
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH': return { code: 'BAD_REQUEST', message: 'The Content-Length header does not match the body.' }
    case JSON_TOO_DEEP: return { code: 'BAD_REQUEST', message }
    default: return null
  }
}

function fromDomain (error: DomainError): Mapped {
  if (error instanceof NotFoundError) return { code: 'NOT_FOUND', message: error.message }
  if (error instanceof InvalidInputError) {
    const reasons = error.errors.map((e) => e.reason).filter((reason) => !error.message.includes(reason))
    return { code: 'BAD_USER_INPUT', message: reasons.length === 0 ? error.message : `${error.message} (${reasons.join('; ')})` }
  }
  if (error instanceof ForbiddenError) return { code: 'FORBIDDEN', message: error.message }
  if (error instanceof ConflictError) return { code: 'CONFLICT', message: error.message }
  if (error instanceof UnauthenticatedError) return { code: 'UNAUTHENTICATED', message: error.message }
  if (error instanceof UnprocessableError) return { code: 'UNPROCESSABLE', message: error.message }
  if (error instanceof PreconditionFailedError) return { code: 'PRECONDITION_FAILED', message: error.message, extensions: { currentVersion: error.currentVersion } }
  if (error instanceof PreconditionRequiredError) return { code: 'PRECONDITION_REQUIRED', message: error.message }
  if (error instanceof RateLimitedError) return { code: 'RATE_LIMITED', message: error.message, extensions: { retryAfterSeconds: error.retryAfterSeconds } }
  return { code: 'INTERNAL_SERVER_ERROR', message: GENERIC_MESSAGE, internal: error }
}

/**
 * One error as the client may see it. Only messages we wrote or that graphql-js wrote about the
 * document pass through; anything else thrown below a resolver (an SqliteError with a file path, a
 * TypeError) becomes a generic INTERNAL_SERVER_ERROR and is logged with its stack.
 */
function classify (error: GraphQLErrorType, executing: boolean): Mapped {
  const original: unknown = error.originalError
  if (original instanceof DomainError) return fromDomain(original)
  if (original instanceof RequestRefusedError) return { code: original.code, message: original.message, extensions: original.details }
  // graphql-js always gives an error `extensions`; graphql-jit's errors have none unless the original had some
  const extensions: Record<string, unknown> = error.extensions ?? {}
  const ownCode = extensions.code
  if (typeof ownCode === 'string') {
    // set by our validation rules (aliases) on graphql-js errors
    const { code: _code, ...rest } = extensions
    return { code: ownCode as ErrorCode, message: error.message, extensions: rest }
  }
  if (isClientAbort(original)) return { code: 'BAD_REQUEST', message: 'The request was aborted.' }
  if (original instanceof Error) {
    const code = (original as { code?: unknown }).code
    if ((original as { validation?: unknown }).validation !== undefined) return { code: 'BAD_REQUEST', message: original.message }
    if (typeof code === 'string') {
      const known = fromFrameworkCode(code, original.message)
      if (known !== null) return known
    }
    const storage = storageFailureOf(original)
    if (storage !== null) {
      return storage.kind === 'full'
        ? { code: 'INSUFFICIENT_STORAGE', message: 'The server cannot store the change because its storage is full. Nothing was changed.' }
        : { code: 'STORAGE_UNAVAILABLE', message: 'The server cannot use its storage right now. Nothing was changed.' }
    }
    if (!(original instanceof GraphQLError)) return { code: 'INTERNAL_SERVER_ERROR', message: GENERIC_MESSAGE, internal: original }
  }
  // written by graphql-js about the document or the values: safe to show
  if (error.message.startsWith('Syntax Error')) return { code: 'GRAPHQL_PARSE_FAILED', message: error.message }
  // a field error always has a path; without one, execute() refused the operation itself
  // ("Schema is not configured to execute mutation operation")
  if (executing && error.path !== undefined) return { code: 'INTERNAL_SERVER_ERROR', message: GENERIC_MESSAGE, internal: error }
  if (error.message.startsWith('Variable "$')) return { code: 'BAD_USER_INPUT', message: error.message }
  return { code: 'GRAPHQL_VALIDATION_FAILED', message: error.message }
}

/** mercurius wraps validation failures in one error (MER_ERR_GQL_VALIDATION) carrying the list; the client gets the list. */
function flatten (errors: readonly GraphQLErrorType[]): GraphQLErrorType[] {
  return errors.flatMap((error) => {
    const original = error.originalError as { code?: unknown, errors?: unknown } | undefined
    if (original?.code !== 'MER_ERR_GQL_VALIDATION' || !Array.isArray(original.errors)) return [error]
    return original.errors.map((e: unknown) => e instanceof GraphQLError
      ? e
      : new GraphQLError(e instanceof Error ? e.message : 'Invalid request.', { originalError: e instanceof Error ? e : null }))
  })
}

export const GRAPHQL_RESPONSE_MEDIA_TYPE = 'application/graphql-response+json'

/** GraphQL over HTTP: a client that accepts application/graphql-response+json gets it, others application/json. */
export function acceptsGraphQLResponse (accept: string | undefined): boolean {
  if (accept === undefined) return false
  return accept.split(',').some((range) => {
    const [type = '', ...params] = range.split(';').map((part) => part.trim().toLowerCase())
    return type === GRAPHQL_RESPONSE_MEDIA_TYPE && !params.some((p) => /^q=0(\.0*)?$/.test(p))
  })
}

export const responseMediaType = (accept: string | undefined): string =>
  `${acceptsGraphQLResponse(accept) ? GRAPHQL_RESPONSE_MEDIA_TYPE : 'application/json'}; charset=utf-8`

/**
 * graphql-js ends some validation and coercion messages with " Did you mean …?", listing type,
 * field, argument or enum names close to what was sent. With introspection off those names are
 * not public, so (as Apollo Server does) the suggestion is dropped and the rest of the message kept.
 */
const suggestion = / Did you mean [^]*\?$/
export const withoutSuggestions = (message: string): string => message.replace(suggestion, '')

export interface FormatOptions {
  /** Keep graphql-js' "Did you mean …?" suggestions: only while introspection is allowed. */
  suggestions: boolean
}

interface FormatterContext { reply?: FastifyReply, app: { log: FastifyReply['log'] }, operationsCount?: number }

/**
 * The only GraphQL error mapper. Status codes follow GraphQL over HTTP: a response that began
 * executing is 200; a request refused before execution is 400 for clients accepting
 * application/graphql-response+json and 200 for application/json (whose clients read errors from
 * the body), except transport problems (bad JSON, CSRF, batch cap, persisted-query misses), which
 * keep their 4xx either way. Responses with errors are never cached.
 */
export function formatErrors (execution: ExecutionResult & { errors: readonly GraphQLErrorType[] }, context: FormatterContext, options: FormatOptions = { suggestions: true }): { statusCode: number, response: FormattedExecutionResult } {
  const executing = 'data' in execution
  const log = context.reply?.log ?? context.app.log
  let transport: number | undefined
  let internal = false
  const errors = flatten(execution.errors).map((error): GraphQLFormattedError => {
    let mapped: Mapped
    try {
      mapped = classify(error, executing)
    } catch (failure) {
      mapped = { code: 'INTERNAL_SERVER_ERROR', message: GENERIC_MESSAGE, internal: failure }
    }
    if (isClientAbort(error.originalError)) log.info({ code: (error.originalError as { code?: unknown }).code }, 'client aborted the request')
    if (mapped.code === 'INTERNAL_SERVER_ERROR') {
      internal = true
      log.error({ err: mapped.internal ?? error, path: error.path }, 'graphql request failed')
    }
    transport ??= transportStatus[mapped.code]
    return {
      message: options.suggestions ? mapped.message : withoutSuggestions(mapped.message),
      ...(error.locations !== undefined ? { locations: error.locations } : {}),
      ...(error.path !== undefined ? { path: error.path } : {}),
      extensions: { ...mapped.extensions, code: mapped.code }
    }
  })

  const reply = context.reply
  const graphqlResponse = acceptsGraphQLResponse(reply?.request.headers.accept)
  let statusCode = 200
  if (!executing && typeof context.operationsCount !== 'number') {
    statusCode = internal ? 500 : transport ?? (graphqlResponse ? 400 : 200)
  }
  if (reply !== undefined) {
    // fastify drops the content type before an error handler runs, so it is chosen again here
    reply.type(responseMediaType(reply.request.headers.accept))
    reply.header('cache-control', 'no-store')
  }
  // GraphQL over HTTP: a request that never executed has no `data` entry at all
  return { statusCode, response: executing ? { data: execution.data ?? null, errors } : { errors } }
}
