import type { FastifyInstance } from 'fastify'
import { nestsDeeperThan } from './nesting.js'

/**
 * Objects and arrays a JSON body may nest. The deepest legitimate body (a menu three levels deep,
 * GraphQL variables) needs about ten; what is far deeper only exists to exhaust a stack in
 * whatever walks it later (validation, sanitising, a recursive GraphQL input coercion).
 */
export const JSON_MAX_DEPTH = 64

/** The error code of a body refused for its depth (problem.ts and graphql/errors.ts map it). */
export const JSON_TOO_DEEP = 'QUIRE_JSON_TOO_DEEP'

/**
 * Replaces fastify's JSON parser with the same parser (prototype-poisoning checks included)
 * behind a depth check, for every route of `app` and the scopes registered after this call.
 */
export function registerJsonBodyParser (app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error')
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8')
    if (nestsDeeperThan(text, JSON_MAX_DEPTH, 'json')) {
      done(Object.assign(new Error(`The JSON body nests objects and arrays more than ${JSON_MAX_DEPTH} levels deep.`), { statusCode: 400, code: JSON_TOO_DEEP }), undefined)
      return
    }
    void parse(request, text, done)
  })
}
