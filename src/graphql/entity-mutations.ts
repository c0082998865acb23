import type { TSchema } from '@sinclair/typebox'
import type { Visibility } from '../auth/permissions.js'
import type { EntityWriteOptions } from '../editorial/entity-commands.js'
import type { GraphQLContext } from './context.js'
import { databaseIdOf, toGlobalId, type NodeType } from './global-id.js'
import { assertValidInput, bodyOf } from './input.js'

/** What the three mutations of an entity call: its service's commands and editorial finder. */
interface EntityWriter<Item, Create, Patch> {
  create: (input: Create, options: EntityWriteOptions) => { id: number }
  update: (id: number, patch: Patch, options: EntityWriteOptions) => { id: number }
  remove: (id: number, options: EntityWriteOptions) => void
  findById: (id: number, visibility: Visibility) => Item
}

export interface EntityMutationSpec<Item, Create, Patch> {
  node: NodeType
  writer: (ctx: GraphQLContext) => EntityWriter<Item, Create, Patch>
  /** The REST bodies the inputs stand for; both skins accept exactly the same values. */
  createBody: TSchema
  patchBody: TSchema
  /** An input as its REST body (global ids → database ids); by default `bodyOf(input, {})`. */
  toBody?: (input: Record<string, unknown>) => Record<string, unknown>
}

type Args<T> = T & { expectedVersion?: number | null }

/**
 * create<Type>, update<Type> and delete<Type> for an entity without a workflow: the same
 * service calls as its REST write routes, so REST and GraphQL cannot disagree. The module names
 * them (`createTag: tag.create`) so the generated MutationResolvers type checks each one.
 */
export function entityMutations<Item, Create, Patch> (spec: EntityMutationSpec<Item, Create, Patch>) {
  const toBody = spec.toBody ?? ((input: Record<string, unknown>) => bodyOf(input, {}))
  const options = (ctx: GraphQLContext, expectedVersion?: number | null): EntityWriteOptions =>
    ({ actor: ctx.principal, expectedVersion: expectedVersion ?? undefined })
  return {
    create: (_root: unknown, { input }: { input: object }, ctx: GraphQLContext): Item => {
      const writer = spec.writer(ctx)
      const row = writer.create(assertValidInput<Create>(spec.createBody, toBody(input as Record<string, unknown>)), options(ctx))
      return writer.findById(row.id, 'editorial')
    },
    update: (_root: unknown, { id, input, expectedVersion }: Args<{ id: string, input: object }>, ctx: GraphQLContext): Item => {
      const writer = spec.writer(ctx)
      const row = writer.update(databaseIdOf(id, spec.node), assertValidInput<Patch>(spec.patchBody, toBody(input as Record<string, unknown>)), options(ctx, expectedVersion))
      return writer.findById(row.id, 'editorial')
    },
    remove: (_root: unknown, { id, expectedVersion }: Args<{ id: string }>, ctx: GraphQLContext) => {
      const databaseId = databaseIdOf(id, spec.node)
      spec.writer(ctx).remove(databaseId, options(ctx, expectedVersion))
      return { deletedId: toGlobalId(spec.node, databaseId), databaseId }
    }
  }
}
