import type {
  ASTVisitor, DocumentNode, FragmentDefinitionNode, GraphQLCompositeType, GraphQLSchema, SelectionSetNode, ValidationContext
} from 'graphql'
import { InvalidInputError } from '../errors.js'
import { nestsDeeperThan } from '../http/nesting.js'
import { pageSizeOf } from './connection.js'
import { graphqlJs } from './graphql-js.js'

const { GraphQLError, Kind, getArgumentValues, getNamedType, getNullableType, getOperationAST, getVariableValues, isInterfaceType, isListType, isObjectType } = graphqlJs

/**
 * The limits on what one request may ask for. Each is checked before any resolver runs and is
 * answered with a GraphQL error naming the limit (see errors.ts for the codes).
 */
export const limits = Object.freeze({
  /**
   * Nesting of fields, named fragments counted (mercurius `queryDepth`, ≥ 16.10.1). Deep enough for
   * graphql-js' own introspection query (15); the cost budget is what stops deep lists.
   */
  depth: 15,
  /** Estimated objects one request may resolve: page sizes multiply down the tree (see costOf). */
  cost: 10_000,
  /** Aliased fields per document: aliases are how one query repeats an expensive field. */
  aliases: 20,
  /** Operations in one batched POST. */
  batch: 10,
  /** Lexical tokens the parser reads before giving up. */
  tokens: 3_000,
  /**
   * Brackets, braces and parentheses open inside one another, checked before parsing: graphql-js
   * parses recursively, so a few kilobytes of `[[[[…` could exhaust the stack within the token limit.
   * Four times what the depth limit lets a real query use.
   */
  nesting: 64,
  /** Ids one `nodes(ids:)` call may ask for. */
  nodeIds: 100,
  /** What an unpaginated list (a byline, an article's tags, a menu's items) is assumed to hold. */
  listEstimate: 5
})

export type LimitCode = 'QUERY_TOO_DEEP' | 'QUERY_TOO_COMPLEX' | 'TOO_MANY_ALIASES' | 'TOO_MANY_OPERATIONS' | 'GRAPHQL_PARSE_FAILED' | 'GRAPHQL_NESTING_LIMIT'

/** A request refused before execution because it exceeds a limit or cannot be read. */
export class RequestRefusedError extends Error {
  readonly statusCode = 400
  constructor (readonly code: LimitCode, message: string, readonly details: Record<string, number> = {}) {
    super(message)
  }
}

/** Validation rule: at most `max` aliased fields in the document (fragments counted where written). */
export function aliasLimitRule (max: number) {
  return function AliasLimit (context: ValidationContext): ASTVisitor {
    let aliases = 0
    return {
      Field (node) {
        if (node.alias === undefined) return
        aliases++
        if (aliases === max + 1) {
          context.reportError(new GraphQLError(`The document uses more than ${max} aliases.`, {
            nodes: node, extensions: { code: 'TOO_MANY_ALIASES', limit: max }
          }))
        }
      }
    }
  }
}

/**
 * mercurius falls back to `JSON.parse` when a query string is not GraphQL, and executes the
 * result as an AST; that input never met the parser's token limit. Only documents the parser
 * built carry a `Location` (a class instance with methods, which JSON cannot produce), so
 * anything else is refused before validation.
 */
export function assertParsedDocument (document: unknown): void {
  const loc = typeof document === 'object' && document !== null ? (document as { loc?: unknown }).loc : undefined
  const parsed = typeof loc === 'object' && loc !== null && typeof (loc as { toJSON?: unknown }).toJSON === 'function'
  if (!parsed) {
    throw new RequestRefusedError('GRAPHQL_PARSE_FAILED', 'The query is not a GraphQL document. Send the query text; JSON-encoded documents are not accepted.')
  }
}

/** The query text's bracket nesting against the cap, by a linear scan that recurses into nothing. */
export function assertNesting (query: string, max = limits.nesting): void {
  if (nestsDeeperThan(query, max, 'graphql')) {
    throw new RequestRefusedError('GRAPHQL_NESTING_LIMIT', `The query nests brackets, braces or parentheses more than ${max} levels deep.`, { limit: max })
  }
}

/** The request's batch size against the cap; mercurius itself accepts any number. */
export function assertBatchSize (body: unknown, max = limits.batch): void {
  if (Array.isArray(body) && body.length > max) {
    throw new RequestRefusedError('TOO_MANY_OPERATIONS', `A batch may hold at most ${max} operations; this one has ${body.length}.`, { limit: max, operations: body.length })
  }
}

const isConnection = (typeName: string) => typeName.endsWith('Connection')

/**
 * Estimated number of objects an operation resolves, with its actual variables: every object
 * field counts once per parent instance; a connection multiplies what is below it by its page
 * size (`first`/`last`, 20 by default), `nodes(ids:)` by the ids given, and any other list by
 * `listEstimate`. Leaves are free. Introspection is not counted (bounded by the schema, and
 * switched off in production). Cost is linear in the multiplier, so a fragment is costed once
 * however often it is spread: the walk is linear in the document, whatever it nests.
 *
 * Page-size arguments are checked here with the resolvers' own rule (pageSizeOf), so an
 * oversized `first` is a BAD_USER_INPUT before anything runs. Variables that do not coerce are
 * refused with graphql-js' errors. Returns null when the operation cannot be picked: execution
 * then reports that error itself.
 */
export function costOf (schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, rawVariables: Record<string, unknown> | undefined): number | null {
  const operation = getOperationAST(document, operationName)
  if (operation === null || operation === undefined) return null
  // graphql-js' own check and messages (mercurius runs the same one, except on the execution it
  // compiles with graphql-jit, whose messages differ): refused here, alike on both executors
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {}, { maxErrors: 50 })
  if (coerced.errors !== undefined) throw Object.assign(new Error('MER_ERR_GQL_VALIDATION'), { code: 'MER_ERR_GQL_VALIDATION', errors: coerced.errors })
  const variables = coerced.coerced

  const fragments = new Map<string, FragmentDefinitionNode>()
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition)
  }
  const fragmentCosts = new Map<string, number>()

  const compositeType = (name: string): GraphQLCompositeType | null => {
    const type = schema.getType(name)
    return type !== undefined && (isObjectType(type) || isInterfaceType(type)) ? type : null
  }

  function fragmentCost (name: string): number {
    const known = fragmentCosts.get(name)
    if (known !== undefined) return known
    const fragment = fragments.get(name)
    const type = fragment === undefined ? null : compositeType(fragment.typeCondition.name.value)
    fragmentCosts.set(name, 0) // validation has already refused fragment cycles; this only guards the walk
    const cost = fragment === undefined || type === null ? 0 : unitCost(fragment.selectionSet, type)
    fragmentCosts.set(name, cost)
    return cost
  }

  /**
   * Cost of a selection set resolved once, for one parent object. A fragment spread twice into
   * the same selection is collected once by graphql-js, so it is counted once (`spread`).
   */
  function unitCost (selectionSet: SelectionSetNode, parent: GraphQLCompositeType, spread = new Set<string>()): number {
    let total = 0
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        if (spread.has(selection.name.value)) continue
        spread.add(selection.name.value)
        total += fragmentCost(selection.name.value)
        continue
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition === undefined ? parent : compositeType(selection.typeCondition.name.value)
        if (type !== null) total += unitCost(selection.selectionSet, type, spread)
        continue
      }
      if (selection.selectionSet === undefined || selection.name.value.startsWith('__')) continue
      if (!isObjectType(parent) && !isInterfaceType(parent)) continue
      const field = parent.getFields()[selection.name.value]
      if (field === undefined) continue
      const child = getNamedType(field.type)
      if (!isObjectType(child) && !isInterfaceType(child)) continue
      const args = getArgumentValues(field, selection, variables)
      const below = unitCost(selection.selectionSet, child)
      if (isConnection(child.name)) {
        // the connection object once, and everything selected inside it once per item of the page
        // (pageInfo included: a small overcount that keeps the walk linear)
        total += 1 + pageSizeOf(args) * below
      } else if (isListType(getNullableType(field.type))) {
        // edges/nodes of a connection hold the page the connection field already counted
        const items = isConnection(parent.name) ? 1 : Array.isArray(args.ids) ? nodeIdsOf(args.ids) : limits.listEstimate
        total += items * (1 + below)
      } else {
        total += 1 + below
      }
    }
    return total
  }

  const root = schema.getRootType(operation.operation)
  return root === undefined || root === null ? null : unitCost(operation.selectionSet, root)
}

/** Number of ids asked of `nodes(ids:)`, within the cap (one rule for the cost analysis and the resolver). */
export function nodeIdsOf (ids: readonly unknown[]): number {
  if (ids.length > limits.nodeIds) {
    throw new InvalidInputError(`"ids" may hold at most ${limits.nodeIds} ids.`, [{ name: 'ids', reason: `more than ${limits.nodeIds} ids` }])
  }
  return ids.length
}
