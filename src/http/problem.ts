import type { FastifyInstance, FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { ConflictError, DomainError, ForbiddenError, InvalidFileError, InvalidInputError, NotFoundError, PayloadTooLargeError, UnsupportedMediaTypeError, PreconditionFailedError, PreconditionRequiredError, RateLimitedError, UnauthenticatedError, UnprocessableError, type FieldProblem } from '../errors.js'
import { versionEtag } from './etag.js'
import type { Problem } from '../schemas/common.js'
import { storageFailureOf, type StorageHealth } from '../db/storage-health.js'
import { isBusy } from '../db/busy-retry.js'
import { JSON_TOO_DEEP } from './json-body.js'
import { isClientAbort } from './client-errors.js'
import { LOAD_SHED_RETRY_AFTER_SECONDS, OVERLOADED, RATE_LIMITED } from './guard-codes.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** `${PUBLIC_BASE_URL}/problems/`: problem types are absolute URIs that resolve to a page (problem-pages.ts). */
    problemTypeBase: string
  }
}

/** Where the problem type pages live under the public base URL. */
export const problemTypeBaseOf = (baseUrl: string): string => `${baseUrl}/problems/`

interface ProblemInit { status: number, type: string, title: string, detail: string, errors?: FieldProblem[] }

export function sendProblem (request: FastifyRequest, reply: FastifyReply, init: ProblemInit): FastifyReply {
  const body: Problem = {
    type: request.server.problemTypeBase + init.type,
    title: init.title,
    status: init.status,
    detail: init.detail,
    // RFC 9457 §3.1.5: instance identifies this occurrence; the path without the query keeps logs of secrets out of it
    instance: request.url.split('?')[0] ?? request.url
  }
  if (init.errors !== undefined && init.errors.length > 0) body.errors = init.errors
  return reply.code(init.status).type('application/problem+json').header('cache-control', 'no-store').send(body)
}

interface AjvError { instancePath?: string, message?: string, keyword?: string, params?: Record<string, unknown> }

// ajv names the offending property as a string; anything else would be a bug in ajv, shown as empty
const textOf = (name: unknown): string => typeof name === 'string' ? name : ''

export function fieldProblems (context: string | undefined, validation: AjvError[]): FieldProblem[] {
  const part = context === 'querystring' ? 'query' : (context ?? 'request')
  return validation.map((error) => {
    let path = (error.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.')
    const params = error.params ?? {}
    if (error.keyword === 'additionalProperty' || error.keyword === 'additionalProperties') {
      const extra = textOf(params.additionalProperty)
      path = path === '' ? extra : `${path}.${extra}`
      return { name: `${part}.${path}`, reason: 'is not a recognised parameter' }
    }
    if (error.keyword === 'required') {
      const missing = textOf(params.missingProperty)
      path = path === '' ? missing : `${path}.${missing}`
    }
    return { name: path === '' ? part : `${part}.${path}`, reason: error.message ?? 'is invalid' }
  })
}

function fromDomain (error: DomainError): ProblemInit {
  if (error instanceof NotFoundError) return { status: 404, type: 'not-found', title: 'Not Found', detail: error.message }
  if (error instanceof InvalidInputError) return { status: 400, type: 'invalid-parameter', title: 'Invalid parameter', detail: error.message, errors: error.errors }
  if (error instanceof ConflictError) return { status: 409, type: 'conflict', title: 'Conflict', detail: error.message }
  if (error instanceof ForbiddenError) return { status: 403, type: 'forbidden', title: 'Forbidden', detail: error.message }
  if (error instanceof UnauthenticatedError) return { status: 401, type: 'unauthorized', title: 'Unauthorized', detail: error.message }
  if (error instanceof UnprocessableError) return { status: 422, type: 'invalid-transition', title: 'Unprocessable Content', detail: error.message }
  if (error instanceof PreconditionFailedError) return { status: 412, type: 'precondition-failed', title: 'Precondition Failed', detail: error.message }
  if (error instanceof RateLimitedError) return { status: 429, type: 'rate-limited', title: 'Too Many Requests', detail: error.message }
  if (error instanceof PreconditionRequiredError) return { status: 428, type: 'precondition-required', title: 'Precondition Required', detail: error.message }
  if (error instanceof UnsupportedMediaTypeError) return { status: 415, type: 'unsupported-media-type', title: 'Unsupported Media Type', detail: error.message }
  if (error instanceof PayloadTooLargeError) return { status: 413, type: 'payload-too-large', title: 'Payload Too Large', detail: error.message }
  if (error instanceof InvalidFileError) return { status: 422, type: 'invalid-file', title: 'Unprocessable Content', detail: error.message }
  return { status: 500, type: 'internal', title: 'Internal Server Error', detail: 'An unexpected error occurred.' }
}

const clientErrors: Record<string, ProblemInit> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, type: 'unsupported-media-type', title: 'Unsupported Media Type', detail: 'The request body must be application/json.' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, type: 'payload-too-large', title: 'Payload Too Large', detail: 'The request body is too large.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, type: 'malformed-json', title: 'Malformed JSON', detail: 'The request body is not valid JSON.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, type: 'malformed-json', title: 'Malformed JSON', detail: 'The request body is empty but declared as JSON.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, type: 'bad-request', title: 'Bad Request', detail: 'The Content-Length header does not match the body.' },
  [JSON_TOO_DEEP]: { status: 400, type: 'nesting-too-deep', title: 'JSON nested too deeply', detail: 'The request body nests objects and arrays too deeply.' },
  // the limiter has set Retry-After and the RateLimit-* headers (rate-limit.ts)
  [RATE_LIMITED]: { status: 429, type: 'rate-limited', title: 'Too Many Requests', detail: 'Too many requests from this client. Retry after the number of seconds in Retry-After.' },
  [OVERLOADED]: { status: 503, type: 'overloaded', title: 'Service Unavailable', detail: 'The server is overloaded. Retry after the number of seconds in Retry-After.' }
}

/** Storage failures (db/storage-health.ts) are the server's, but no retry helps until storage recovers. */
const storageProblems: Record<'full' | 'unavailable', ProblemInit> = {
  full: { status: 507, type: 'insufficient-storage', title: 'Insufficient Storage', detail: 'The server cannot store the change because its storage is full. Nothing was changed.' },
  unavailable: { status: 503, type: 'storage-unavailable', title: 'Service Unavailable', detail: 'The server cannot use its storage right now. Nothing was changed.' }
}
/** Seconds a client should wait after a storage failure: an operator has to act first. */
const STORAGE_RETRY_AFTER_SECONDS = 60

export interface ProblemHandlerOptions {
  /** PUBLIC_BASE_URL: problem types are `${baseUrl}/problems/<name>`. */
  baseUrl: string
  /** Told of every storage failure, so readiness can report it (absent in apps that do not track it). */
  storage?: Pick<StorageHealth, 'recordFailure'>
}

const beforeRouting: Record<string, ProblemInit> = {
  // `%ED%A0%80` is a lone surrogate, not UTF-8: the path cannot be decoded to match a route
  FST_ERR_BAD_URL: { status: 400, type: 'bad-request', title: 'Bad Request', detail: 'The request URL is not valid: it does not decode as UTF-8.' },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, type: 'uri-too-long', title: 'URI Too Long', detail: 'A path segment of the request URL is too long.' }
}

/**
 * Errors fastify raises before routing, given to the Fastify constructor: without it they leave
 * as fastify's own JSON, outside the problem+json contract (and a too-long path segment as 414
 * application/json).
 */
export function frameworkErrors (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const known = beforeRouting[error.code]
  if (known !== undefined) {
    sendProblem(request, reply, known)
    return
  }
  request.log.error({ err: error }, 'request failed before routing')
  sendProblem(request, reply, { status: 500, type: 'internal', title: 'Internal Server Error', detail: 'An unexpected error occurred. The request id identifies it in the server logs.' })
}

/** The only error mapper of the REST API: everything leaves as application/problem+json. */
export function registerProblemHandlers (app: FastifyInstance, { storage, baseUrl }: ProblemHandlerOptions): void {
  app.decorate('problemTypeBase', problemTypeBaseOf(baseUrl))
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation !== undefined) {
      const errors = fieldProblems(error.validationContext, error.validation)
      return sendProblem(request, reply, {
        status: 400,
        type: 'validation-error',
        title: 'Invalid request',
        detail: errors.map((e) => `${e.name} ${e.reason}`).join('; '),
        errors
      })
    }
    if (error instanceof DomainError) {
      const init = fromDomain(error)
      // RFC 9110 §11.6.1: a 401 names the scheme; a 412 tells the client what the current version is
      if (error instanceof UnauthenticatedError) reply.header('www-authenticate', 'Bearer realm="quire"')
      if (error instanceof PreconditionFailedError) reply.header('etag', versionEtag(error.currentVersion))
      if (error instanceof RateLimitedError) reply.header('retry-after', String(error.retryAfterSeconds))
      if (init.status >= 500) request.log.error({ err: error }, 'unmapped domain error')
      return sendProblem(request, reply, init)
    }
    const known = error.code !== undefined ? clientErrors[error.code] : undefined
    if (known !== undefined) {
      if (known.status === 503 && !reply.hasHeader('retry-after')) reply.header('retry-after', String(LOAD_SHED_RETRY_AFTER_SECONDS))
      return sendProblem(request, reply, known)
    }
    const failure = storage?.recordFailure(error) ?? storageFailureOf(error)
    if (failure !== null) {
      request.log.error({ err: error, code: failure.code }, 'storage failure')
      reply.header('retry-after', String(STORAGE_RETRY_AFTER_SECONDS))
      return sendProblem(request, reply, storageProblems[failure.kind])
    }
    if (isBusy(error)) {
      // another process held the write lock through busy_timeout and every retry (db/busy-retry.ts)
      request.log.warn({ code: 'SQLITE_BUSY' }, 'database busy')
      reply.header('retry-after', '1')
      return sendProblem(request, reply, { status: 503, type: 'database-busy', title: 'Service Unavailable', detail: 'The database is busy with other writes. Nothing was changed; retry in a second.' })
    }
    if (isClientAbort(error)) {
      // nobody is left to read the answer; sending it is harmless
      request.log.info({ code: error.code }, 'client aborted the request')
      return sendProblem(request, reply, { status: 400, type: 'bad-request', title: 'Bad Request', detail: 'The request was aborted.' })
    }
    const status = error.statusCode ?? 500
    if (status >= 400 && status < 500) {
      // fastify's own 4xx errors (e.g. malformed URL): their messages describe the request, not the server
      return sendProblem(request, reply, { status, type: 'bad-request', title: 'Bad Request', detail: error.message })
    }
    request.log.error({ err: error }, 'request failed')
    return sendProblem(request, reply, { status: 500, type: 'internal', title: 'Internal Server Error', detail: 'An unexpected error occurred. The request id identifies it in the server logs.' })
  })

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? ''
    const allowed = allowedMethods(app, path)
    if (allowed.length > 0) {
      // RFC 9110 §15.5.6: the resource exists, only not for this method; Allow says which would do
      reply.header('allow', allowed.join(', '))
      return sendProblem(request, reply, {
        status: 405, type: 'method-not-allowed', title: 'Method Not Allowed', detail: `${path} does not accept ${request.method}; it accepts ${allowed.join(', ')}.`
      })
    }
    return sendProblem(request, reply, { status: 404, type: 'not-found', title: 'Not Found', detail: `No route matches ${request.method} ${path}.` })
  })
}

// OPTIONS is left out: the CORS plugin answers it for every path, so it says nothing about the resource
const methodsToOffer = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const

/** The methods some route accepts at this path, asked of the router itself so the answer cannot drift from the routes. */
function allowedMethods (app: FastifyInstance, path: string): string[] {
  return methodsToOffer.filter((method) => app.findRoute({ method, url: path }) !== null)
}
