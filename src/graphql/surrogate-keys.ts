import type { FastifyReply } from 'fastify'
import type { GraphQLField, GraphQLFieldResolver, GraphQLSchema } from 'graphql'
import { entityKey, listKey, type EntityType } from '../cache-keys/surrogate-keys.js'
import type { GraphQLContext } from './context.js'
import { fromGlobalId } from './global-id.js'
import { graphqlJs } from './graphql-js.js'

/*
 * Surrogate keys for GraphQL over GET. A query can reach any object through any path, so the keys
 * are collected where objects are resolved: every field of an entity type is wrapped to name its
 * parent object, every connection field names its list (scoped to the edition argument when there
 * is one), and a root lookup that finds nothing names the list it would have appeared in — a later
 * publication must purge that cached null. POSTed queries collect them too: the origin's response
 * cache replays them under the same keys (http/caching.ts), though only GETs send them as headers.
 */

const entityTypes: Partial<Record<string, EntityType>> = {
  Article: 'article',
  Page: 'page',
  Category: 'category',
  Tag: 'tag',
  Author: 'author',
  Media: 'media',
  Gallery: 'gallery',
  Menu: 'menu',
  Edition: 'edition',
  SiteSettings: 'settings'
}

const connectionTypes: Partial<Record<string, EntityType>> = {
  ArticleConnection: 'article',
  PageConnection: 'page',
  CategoryConnection: 'category',
  TagConnection: 'tag',
  AuthorConnection: 'author',
  MediaConnection: 'media',
  GalleryConnection: 'gallery'
}

type Source = Record<string, unknown>
type Args = Record<string, unknown>

const editionArgument = (args: Args): string | undefined => {
  const filter = args.filter as { edition?: unknown } | null | undefined
  const edition = args.edition ?? filter?.edition
  return typeof edition === 'string' ? edition : undefined
}

/** Wraps the schema's resolvers in place; call once, after mercurius has installed resolvers and loaders. */
export function trackSurrogateKeys (schema: GraphQLSchema, editions: { findById: (id: number) => { code: string } }): void {
  // the objects whose keys a response has already named (keys depend only on the object)
  const named = new WeakMap<FastifyReply, WeakSet<object>>()
  const keysOf = (type: EntityType, source: Source): string[] => {
    switch (type) {
      case 'edition': return typeof source.code === 'string' ? [entityKey('edition', source.code)] : []
      case 'settings': return typeof source.edition === 'string' ? [entityKey('settings', source.edition), entityKey('edition', source.edition)] : []
      case 'article': {
        if (typeof source.id !== 'number') return []
        const editionId = source.editionId
        const edition = typeof editionId === 'number' ? editions.findById(editionId).code : undefined
        return edition === undefined ? [entityKey('article', source.id)] : [entityKey('article', source.id), entityKey('edition', edition)]
      }
      default: {
        if (typeof source.id !== 'number') return []
        const keys = [entityKey(type, source.id)]
        if (typeof source.edition === 'string') keys.push(entityKey('edition', source.edition))
        if (type === 'menu' && typeof source.edition === 'string') keys.push(listKey('article', source.edition), listKey('page', source.edition))
        return keys
      }
    }
  }

  const wrap = (field: GraphQLField<unknown, unknown>, collect: (source: Source, args: Args, result: unknown) => string[], afterResult: boolean) => {
    const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? graphqlJs.defaultFieldResolver
    field.resolve = (source, args, context, info) => {
      const reply = (context as GraphQLContext).reply
      if (!afterResult) {
        reply.surrogateKeys(collect(source as Source, args as Args, undefined))
        return resolve(source, args, context, info)
      }
      const result = resolve(source, args, context, info)
      if (result instanceof Promise) return result.then((value: unknown) => { reply.surrogateKeys(collect(source as Source, args as Args, value)); return value })
      reply.surrogateKeys(collect(source as Source, args as Args, result))
      return result
    }
  }

  for (const type of Object.values(schema.getTypeMap())) {
    if (!graphqlJs.isObjectType(type) || type.name.startsWith('__')) continue
    const entity = entityTypes[type.name]
    for (const field of Object.values(type.getFields())) {
      const returned = graphqlJs.getNamedType(field.type).name
      const list = connectionTypes[returned]
      if (list !== undefined) {
        wrap(field, (source, args) => {
          const edition = editionArgument(args) ?? (entity === 'edition' && typeof source.code === 'string' ? source.code : undefined)
          return [listKey(list, edition)]
        }, false)
      } else if (type.name === schema.getQueryType()?.name) {
        wrap(field, (_source, args, result) => missingKeys(returned, field.name, args, result), true)
      }
      if (entity === 'article' && (field.name === 'previous' || field.name === 'next' || field.name === 'related')) {
        // which articles neighbour this one moves with every article write of its edition
        wrap(field, (source) => typeof source.editionId === 'number' ? [listKey('article', editions.findById(source.editionId).code)] : [], false)
      }
      if ((entity === 'category' || entity === 'tag') && field.name === 'articleCount') {
        // the count moves with every article write of the category's or tag's edition
        wrap(field, (source) => typeof source.edition === 'string' ? [listKey('article', source.edition)] : [], false)
      }
      if (entity !== undefined) {
        // every field, so whichever ones a query selects, the parent object is named — once per
        // request: its other fields find it in `named` and skip building the same keys again
        const previous = field.resolve
        const resolve: GraphQLFieldResolver<unknown, unknown> = previous ?? graphqlJs.defaultFieldResolver
        field.resolve = (source, args, context, info) => {
          const reply = (context as GraphQLContext).reply
          if (typeof source === 'object' && source !== null) {
            let seen = named.get(reply)
            if (seen === undefined) named.set(reply, seen = new WeakSet())
            if (!seen.has(source as object)) {
              seen.add(source as object)
              reply.surrogateKeys(keysOf(entity, source as Source))
            }
          }
          return resolve(source, args, context, info)
        }
      }
    }
  }
}

/** A root field's result that depends on lists: a lookup that found nothing, or the editions and menus lists. */
function missingKeys (returned: string, fieldName: string, args: Args, result: unknown): string[] {
  if (fieldName === 'editions') return [listKey('edition')]
  if (fieldName === 'menus') return [listKey('menu', editionArgument(args))]
  if (fieldName === 'node' || fieldName === 'nodes') {
    const ids = fieldName === 'node' ? [args.id] : Array.isArray(args.ids) ? args.ids : []
    const results = fieldName === 'node' ? [result] : Array.isArray(result) ? result : []
    return ids.flatMap((id, i) => {
      if (results[i] !== null && results[i] !== undefined) return []
      const parsed = typeof id === 'string' ? fromGlobalId(id) : null
      const type = parsed === null ? undefined : entityTypes[parsed.type]
      return type === undefined ? [] : [listKey(type)]
    })
  }
  const type = entityTypes[returned]
  if (type === undefined || (result !== null && result !== undefined)) return []
  return [listKey(type, editionArgument(args))]
}
