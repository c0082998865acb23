import { createHash } from 'node:crypto'
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler'
import type { FastifyServerOptions } from 'fastify'
import { withTypeMergedUnions } from './serializer-schemas.js'

type BuildSerializer = NonNullable<NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>['buildSerializer']>

const digest = (value: unknown): string => createHash('sha1').update(JSON.stringify(value) ?? '').digest('base64url')

/**
 * Fastify compiles a serializer for every route and status code, in every plugin context, although
 * most routes answer with a schema another route already has (an article, a list of them, a
 * problem). Each fast-json-stringify function is generated source of up to 500 KB that V8 keeps as a
 * string beside its code: 139 of them held 8.6 MB of the heap at start, and generating them was a
 * quarter of the start-up time. This factory compiles each distinct schema once per set of shared
 * schemas and hands the same function to every route that declares it. The output cannot differ:
 * fast-json-stringify's code depends only on the schema, the shared schemas and the options.
 * Each is compiled from the schema with its type-discriminable unions merged (serializer-schemas.ts).
 */
export function sharedSerializers (): BuildSerializer {
  const build = SerializerSelector()
  const compiled = new Map<string, (data: unknown) => string>()
  return (externalSchemas, serializerOpts) => {
    const compile = build(withTypeMergedUnions(externalSchemas), serializerOpts)
    const context = digest([externalSchemas, serializerOpts ?? null])
    return (route) => {
      const key = `${context}:${digest(route.schema)}`
      let serializer = compiled.get(key)
      if (serializer === undefined) compiled.set(key, serializer = compile({ ...route, schema: withTypeMergedUnions(route.schema) }))
      return serializer
    }
  }
}
