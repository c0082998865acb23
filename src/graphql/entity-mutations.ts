import type { TSchema } from '@sinclair/typebox'
import { MISSING_VERSION, type EntityWriteOptions, type ExpectedVersion } from '../editorial/entity-commands.js'
import type { WorkflowAction } from '../editorial/workflow.js'
import type { GraphQLContext } from './context.js'
import { databaseIdOf, toGlobalId, type NodeType } from './global-id.js'
import { assertValidInput, bodyOf } from './input.js'

/** What the three mutations of an entity call: its service's commands. */
interface EntityWriter<Create, Patch> {
  create: (input: Create, options: EntityWriteOptions) => { id: number }
  update: (id: number, patch: Patch, options: EntityWriteOptions) => { id: number }
  remove: (id: number, options: EntityWriteOptions) => void | Promise<void>
}

export interface EntityMutationSpec<Item, Create, Patch, Writer extends EntityWriter<Create, Patch> = EntityWriter<Create, Patch>> {
  node: NodeType
  writer: (ctx: GraphQLContext) => Writer
  /** The item as a mutation returns it: what an editorial read sees. */
  read: (ctx: GraphQLContext, id: number) => Item
  /** The REST bodies the inputs stand for; both skins accept exactly the same values. */
  createBody: TSchema
  patchBody: TSchema
  /** An input as its REST body (global ids → database ids); by default `bodyOf(input, {})`. */
  toBody?: (input: Record<string, unknown>) => Record<string, unknown>
}

type Args<T> = T & { expectedVersion?: number | null }

/** The `expectedVersion` argument as the commands take it: omitted (or null) sets no condition unless REQUIRE_IF_MATCH. */
export const expectedVersionArg = (ctx: GraphQLContext, expectedVersion: number | null | undefined): ExpectedVersion | undefined =>
  expectedVersion ?? (ctx.requireExpectedVersion ? MISSING_VERSION : undefined)

const options = (ctx: GraphQLContext, expectedVersion?: number | null): EntityWriteOptions =>
  ({ actor: ctx.principal, expectedVersion: expectedVersionArg(ctx, expectedVersion) })

/**
 * create<Type>, update<Type> and delete<Type> for an entity without a workflow: the same
 * service calls as its REST write routes, so REST and GraphQL cannot disagree. The module names
 * them (`createTag: tag.create`) so the generated MutationResolvers type checks each one.
 */
export function entityMutations<Item, Create, Patch> (spec: EntityMutationSpec<Item, Create, Patch>) {
  const toBody = spec.toBody ?? ((input: Record<string, unknown>) => bodyOf(input, {}))
  return {
    create: (_root: unknown, { input }: { input: object }, ctx: GraphQLContext): Item => {
      const row = spec.writer(ctx).create(assertValidInput<Create>(spec.createBody, toBody(input as Record<string, unknown>)), options(ctx))
      return spec.read(ctx, row.id)
    },
    update: (_root: unknown, { id, input, expectedVersion }: Args<{ id: string, input: object }>, ctx: GraphQLContext): Item => {
      const row = spec.writer(ctx).update(databaseIdOf(id, spec.node), assertValidInput<Patch>(spec.patchBody, toBody(input as Record<string, unknown>)), options(ctx, expectedVersion))
      return spec.read(ctx, row.id)
    },
    remove: async (_root: unknown, { id, expectedVersion }: Args<{ id: string }>, ctx: GraphQLContext) => {
      const databaseId = databaseIdOf(id, spec.node)
      await spec.writer(ctx).remove(databaseId, options(ctx, expectedVersion))
      return { deletedId: toGlobalId(spec.node, databaseId), databaseId }
    }
  }
}

/** The commands of an entity with the editorial workflow and revisions (articles, pages). */
interface ContentWriter<Create, Patch> extends EntityWriter<Create, Patch> {
  transition: (id: number, action: WorkflowAction, options: EntityWriteOptions & { publishedAt?: string }) => { id: number }
  restoreRevision: (id: number, number: number, options: EntityWriteOptions) => { id: number }
}

type ActionArgs = Args<{ id: string, publishedAt?: string | null }>

/** entityMutations plus publish, unpublish, archive and restore-revision, for articles and pages. */
export function contentMutations<Item, Create, Patch> (spec: EntityMutationSpec<Item, Create, Patch, ContentWriter<Create, Patch>>) {
  const action = (name: WorkflowAction) => (_root: unknown, { id, publishedAt, expectedVersion }: ActionArgs, ctx: GraphQLContext): Item => {
    const row = spec.writer(ctx).transition(databaseIdOf(id, spec.node), name, {
      ...options(ctx, expectedVersion), ...(publishedAt !== null && publishedAt !== undefined ? { publishedAt } : {})
    })
    return spec.read(ctx, row.id)
  }
  return {
    ...entityMutations(spec),
    publish: action('publish'),
    unpublish: action('unpublish'),
    archive: action('archive'),
    restoreRevision: (_root: unknown, { id, revision, expectedVersion }: Args<{ id: string, revision: number }>, ctx: GraphQLContext): Item =>
      spec.read(ctx, spec.writer(ctx).restoreRevision(databaseIdOf(id, spec.node), revision, options(ctx, expectedVersion)).id)
  }
}
