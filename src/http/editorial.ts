import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { visibilityFor, type Visibility } from '../auth/permissions.js'
import { MISSING_VERSION, type ExpectedVersion } from '../editorial/entity-commands.js'
import { expectedVersionFrom, versionEtag } from './etag.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** REQUIRE_IF_MATCH: writes to existing versioned resources must carry If-Match (registerIfMatchPolicy). */
    ifMatchRequired: boolean
  }
}

/** REQUIRE_IF_MATCH for every route of the app: a write without If-Match is refused with 428 once its target is found. */
export function registerIfMatchPolicy (app: FastifyInstance, { required }: { required: boolean }): void {
  app.decorateRequest('ifMatchRequired', required)
}

/** Which rows this request's reads may see, from its principal (see auth/permissions.ts). */
export const visibilityOf = (request: FastifyRequest): Visibility => visibilityFor(request.principal)

/**
 * What the client's If-Match expects: undefined sets no condition, null matches nothing (412),
 * MISSING_VERSION is a missing header the server requires (428). `If-Match: *` is a deliberate
 * "whatever the current version", so it satisfies the requirement.
 */
export function expectedVersionOf (request: FastifyRequest): ExpectedVersion | undefined {
  const header = request.headers['if-match']
  if (header === undefined && request.ifMatchRequired) return MISSING_VERSION
  return expectedVersionFrom(Array.isArray(header) ? header.join(',') : header)
}

/** An item response; with a version (editorial reads and every write) it carries the ETag If-Match names. */
export function versioned<T extends { version?: number }> (reply: FastifyReply, data: T): { data: T } {
  if (data.version !== undefined) reply.header('etag', versionEtag(data.version))
  return { data }
}

/** Action routes (publish, unpublish …) take an optional body: none at all means `{}`. */
export const optionalBody = async (request: FastifyRequest): Promise<void> => {
  if (request.body === undefined || request.body === null) request.body = {}
}
