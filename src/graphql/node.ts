import { InvalidInputError } from '../errors.js'
import type { GraphQLContext } from './context.js'
import type { NodeResolvers, QueryResolvers, ResolversInterfaceTypes, ResolversParentTypes } from './generated.js'
import { fromGlobalId, type NodeType } from './global-id.js'
import { nodeIdsOf } from './limits.js'

type NodeValue = ResolversInterfaceTypes<ResolversParentTypes>['Node']

/** Each Node type's batch finder: visible objects only, in key order, null for the rest. */
export type NodeFinders = { [T in NodeType]: (ids: readonly number[], ctx: GraphQLContext) => ReadonlyArray<NodeValue | null> }

// global-id.ts's list and the schema's `implements Node` must name the same types
type SchemaNodeTypes = NonNullable<Awaited<ReturnType<NodeResolvers['__resolveType']>>>
const sameNodeTypes: [SchemaNodeTypes] extends [NodeType] ? [NodeType] extends [SchemaNodeTypes] ? true : never : never = true

/**
 * `node(id:)` and `nodes(ids:)`: ids grouped by type, one batch finder call per type. Objects carry
 * `__typename`, which the Node interface resolves by (graphql-js' default type resolver).
 */
export function createNodeResolvers (finders: NodeFinders) {
  void sameNodeTypes
  function load (globalIds: readonly string[], ctx: GraphQLContext): Array<NodeValue | null> {
    const parsed = globalIds.map((globalId) => {
      const node = fromGlobalId(globalId)
      if (node === null) throw new InvalidInputError(`"${globalId.slice(0, 64)}" is not an id this API issued.`, [{ name: 'id', reason: 'is not a global id' }])
      return node
    })
    const found = new Map<NodeType, Map<number, NodeValue>>()
    for (const type of new Set(parsed.map((node) => node.type))) {
      const ids = [...new Set(parsed.filter((node) => node.type === type).map((node) => node.id))]
      const values = finders[type](ids, ctx)
      found.set(type, new Map(ids.flatMap((id, index) => {
        const value = values[index]
        return value === null || value === undefined ? [] : [[id, value] as const]
      })))
    }
    return parsed.map(({ type, id }) => {
      const value = found.get(type)?.get(id)
      return value === undefined ? null : { ...value, __typename: type }
    })
  }

  return {
    node: (_root, { id }, ctx) => load([id], ctx)[0] ?? null,
    nodes: (_root, { ids }, ctx) => {
      nodeIdsOf(ids)
      return load(ids, ctx)
    }
  } satisfies Pick<QueryResolvers, 'node' | 'nodes'>
}
