import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { DocumentNode } from 'graphql'
import { graphqlJs } from './graphql-js.js'

/*
 * Hot documents run through graphql-jit. mercurius keeps one entry per query text (parsed document,
 * validation result, use count); with `jit: N` the entry is compiled on its (N+1)th execution and
 * runs compiled from then on. Two gaps are closed here:
 *
 * - mercurius compiles a document for the operation the compiling request named and later runs that
 *   compiled operation whatever operation a request names. A document with several operations, or
 *   a request naming an operation the document does not have, therefore always runs through
 *   graphql-js (interpretedOnly, used by the preExecution hook), which picks or refuses the operation.
 * - "compile before the first execution" (GRAPHQL_JIT=0, what the test suite uses to run every
 *   GraphQL test compiled) has no mercurius setting: jit: 1 compiles on the second execution. So a
 *   document not seen before is first put through mercurius' parse, validate and cache steps alone
 *   (primeDocuments): a priming call that the preExecution hook stops before anything executes.
 */

/** The mercurius `jit` option for GRAPHQL_JIT: undefined (mercurius' default, 0) never compiles. */
export function mercuriusJitOption (executionsBeforeCompile: number | null): number | undefined {
  if (executionsBeforeCompile === null) return undefined
  // 0 is served by priming, which makes the first real execution mercurius' second sighting
  return Math.max(1, executionsBeforeCompile)
}

/** Whether this request's operation must run through graphql-js rather than a compiled document. */
export function interpretedOnly (document: DocumentNode, operationName: string | undefined): boolean {
  let operations = 0
  let named = operationName === undefined
  for (const definition of document.definitions) {
    if (definition.kind !== graphqlJs.Kind.OPERATION_DEFINITION) continue
    operations++
    if (definition.name?.value === operationName) named = true
  }
  return operations !== 1 || !named
}

const PRIMING = Symbol('priming a GraphQL document')

/** Thrown by the preExecution hook to end a priming call before execution. */
class PrimedSignal extends Error {}

/** Called first by the preExecution hook: a priming call ends there, before anything executes. */
export function stopPriming (context: object): void {
  if ((context as { [PRIMING]?: boolean })[PRIMING] === true) throw new PrimedSignal()
}

/** Query texts already primed; bounded like mercurius' own cache, oldest forgotten first. */
const PRIMED_TEXTS = 1024

/**
 * For GRAPHQL_JIT=0: before mercurius handles a request, registers every query text it carries that
 * was not seen yet (parsed, validated, cached; never executed), so the request's own execution is
 * the one mercurius compiles. Errors of the priming call are dropped: the request meets them again.
 */
export function registerPriming (app: FastifyInstance, path: string): void {
  const primed = new Set<string>()
  app.addHook('preHandler', async (request: FastifyRequest) => {
    if (request.routeOptions.url !== path) return
    const payload: unknown = request.method === 'GET' ? request.query : request.body
    for (const operation of Array.isArray(payload) ? payload : [payload]) {
      const { query, operationName } = (operation ?? {}) as { query?: unknown, operationName?: unknown }
      if (typeof query !== 'string' || primed.has(query)) continue
      primed.add(query)
      if (primed.size > PRIMED_TEXTS) primed.delete(primed.values().next().value as string)
      await app.graphql(query, { [PRIMING]: true } as never, undefined, typeof operationName === 'string' ? operationName : undefined)
        .catch(() => undefined)
    }
  })
}
