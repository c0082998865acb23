import type { DocumentNode, GraphQLError, GraphQLSchema } from 'graphql'
import { graphqlJs } from './graphql-js.js'
import { costOf } from './limits.js'

/*
 * What Quire's own checks conclude about a document that no request can change, kept per parsed
 * document. mercurius parses and validates a query text once and hands every later request the same
 * DocumentNode (its LRU, plugin.ts), so keying by that object makes these checks once per document
 * too, and they are forgotten with it.
 */
export function createDocumentFacts (schema: GraphQLSchema) {
  const introspection = new WeakMap<DocumentNode, readonly GraphQLError[]>()
  const costs = new WeakMap<DocumentNode, Map<string | undefined, number | null>>()
  const usesVariables = (document: DocumentNode): boolean => document.definitions.some((definition) =>
    definition.kind === graphqlJs.Kind.OPERATION_DEFINITION && (definition.variableDefinitions?.length ?? 0) > 0)

  return {
    /** graphql-js' NoSchemaIntrospectionCustomRule on the document: where it asks for introspection. */
    introspectionErrors (document: DocumentNode): readonly GraphQLError[] {
      let errors = introspection.get(document)
      if (errors === undefined) introspection.set(document, errors = graphqlJs.validate(schema, document, [graphqlJs.NoSchemaIntrospectionCustomRule]))
      return errors
    },
    /**
     * costOf, computed once per operation of a document that declares no variables (its page sizes are
     * literals, so the cost cannot change); a refusal (an oversized page) is thrown again each time.
     */
    costOf (document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown> | undefined): number | null {
      if (usesVariables(document)) return costOf(schema, document, operationName, variables)
      let byOperation = costs.get(document)
      if (byOperation === undefined) costs.set(document, byOperation = new Map<string | undefined, number | null>())
      if (byOperation.has(operationName)) return byOperation.get(operationName) ?? null
      const cost = costOf(schema, document, operationName, variables)
      byOperation.set(operationName, cost)
      return cost
    }
  }
}
