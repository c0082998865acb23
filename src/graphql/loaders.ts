import DataLoader from 'dataloader'
import type { GraphQLFieldResolver } from 'graphql'
import type { GraphQLContext } from './context.js'

/*
 * Quire's loaders (types.ts Loader: all parents of one level in, one result per parent out) as
 * ordinary field resolvers over DataLoader, one DataLoader per request, field and arguments.
 *
 * mercurius' own `loaders` option batches the same way, but keys each call by a stable
 * stringification of the whole parent object and the arguments: on a list of 20 articles that
 * asks for three loaded fields, 60 serialisations of full article records per request — about a
 * tenth of an uncached GraphQL list's CPU. Here a parent is keyed by identity (the same object
 * asked twice at one level is loaded once) and the arguments, which are small, by their JSON.
 * Batching is unchanged: DataLoader runs a batch once the resolvers of the level have been called.
 */

type LoaderFunction = (queries: Array<{ obj: unknown, params: unknown }>, context: GraphQLContext) => Promise<readonly unknown[]>

/** Resolvers for the loader map (`{ Type: { field: loader } }`), to be installed like any other resolver. */
export function loaderResolvers (loaders: object): Record<string, Record<string, GraphQLFieldResolver<object, GraphQLContext>>> {
  const resolvers: Record<string, Record<string, GraphQLFieldResolver<object, GraphQLContext>>> = {}
  for (const [type, fields] of Object.entries(loaders as Record<string, Record<string, LoaderFunction>>)) {
    const typeResolvers: Record<string, GraphQLFieldResolver<object, GraphQLContext>> = resolvers[type] = {}
    for (const [field, load] of Object.entries(fields)) {
      const name = `${type}.${field}`
      typeResolvers[field] = (parent, args: Record<string, unknown>, context) => {
        const key = `${name}${JSON.stringify(args)}`
        let loader = context.batches.get(key)
        if (loader === undefined) {
          loader = new DataLoader<object, unknown>((parents) => load(parents.map((obj) => ({ obj, params: args })), context))
          context.batches.set(key, loader)
        }
        return loader.load(parent)
      }
    }
  }
  return resolvers
}
