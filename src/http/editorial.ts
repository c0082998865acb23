import type { FastifyReply, FastifyRequest } from 'fastify'
import { visibilityFor, type Visibility } from '../auth/permissions.js'
import { expectedVersionFrom, versionEtag } from './etag.js'

/** Which rows this request's reads may see, from its principal (see auth/permissions.ts). */
export const visibilityOf = (request: FastifyRequest): Visibility => visibilityFor(request.principal)

/** What the client's If-Match expects: undefined sets no condition, null matches nothing (412). */
export function expectedVersionOf (request: FastifyRequest): number | null | undefined {
  const header = request.headers['if-match']
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
