import type { GraphQLContext } from './context.js'
import type { Resolvers, ResolversParentTypes } from './generated.js'

/** Object types with fields (scalars and the Node interface are wired separately). */
export type ObjectTypeName = Exclude<keyof Resolvers, 'DateTime' | 'Node'>
type FieldResolvers<T extends ObjectTypeName> = NonNullable<Resolvers[T]>
type FieldName<T extends ObjectTypeName> = Exclude<keyof FieldResolvers<T>, `__${string}`>
type FieldFn<T extends ObjectTypeName, F extends keyof FieldResolvers<T>> =
  Extract<NonNullable<FieldResolvers<T>[F]>, (...args: never[]) => unknown>

/** What a field of `T` must produce, as codegen derived it from schema.graphql and the mappers. */
type FieldResult<T extends ObjectTypeName, F extends keyof FieldResolvers<T>> = Awaited<ReturnType<FieldFn<T, F>>>

/**
 * A mercurius loader for field `F` of `T`: all parents of one level in, one result per parent out,
 * in the same order. Typed from the generated resolver signature, so a loader is checked against
 * the schema exactly like a resolver. Always async: mercurius' batcher calls `.then` on the result.
 */
export type Loader<T extends ObjectTypeName, F extends keyof FieldResolvers<T>> = (
  queries: Array<{ obj: Parameters<FieldFn<T, F>>[0], params: Parameters<FieldFn<T, F>>[1] }>,
  context: GraphQLContext
) => Promise<Array<FieldResult<T, F>>>

export type Loaders = { [T in ObjectTypeName]?: { [F in FieldName<T>]?: Loader<T, F> } }
export type QuireResolvers = Omit<Resolvers, 'DateTime' | 'Node'>

/**
 * Fields of `T` that the default resolver (reading the parent's property of the same name)
 * cannot answer: absent from the mapper type, or of a type the schema does not accept there.
 */
type NeedsResolver<T extends ObjectTypeName> = {
  [F in FieldName<T>]-?: F extends keyof ResolversParentTypes[T]
    ? ResolversParentTypes[T][F] extends FieldResult<T, F> ? never : F
    : F
}[FieldName<T>]

type Provided<Map, T extends string> = T extends keyof Map ? keyof Map[T] : never

/**
 * For each type, the fields no resolver, loader or parent property answers. The composition in
 * src/graphql-schema.ts assigns `{}` to this type, so the typecheck fails, naming type and
 * field, whenever schema.graphql gains a field nobody resolves.
 */
export type UnresolvedFields<R, L> = Expand<{
  [T in ObjectTypeName as [Exclude<NeedsResolver<T>, Provided<R, T> | Provided<L, T>>] extends [never] ? never : T]:
  Exclude<NeedsResolver<T>, Provided<R, T> | Provided<L, T>>
}>

/** Makes TypeScript print the computed object (e.g. `{ Article: "url" }`) in the error, not the alias. */
type Expand<T> = T extends infer O ? { [K in keyof O]: O[K] } : never
