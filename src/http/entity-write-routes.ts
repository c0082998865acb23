import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { TObject, TSchema } from '@sinclair/typebox'
import { Type } from '@sinclair/typebox'
import type { EntityWriteOptions } from '../editorial/entity-commands.js'
import { CreateHeaders, WriteHeaders } from '../editorial/schemas.js'
import { IdParams, ItemEnvelope, problems } from '../schemas/common.js'
import { expectedVersionOf, versioned } from './editorial.js'

export interface EntityWriteRoutes<Key, Create, Patch> {
  /** Path of the collection, e.g. `tags`, and the OpenAPI tag. */
  collection: string
  /** Singular and capitalised for operation ids, e.g. `Tag`. */
  name: string
  /** Who may call them, for the route descriptions (the permission matrix decides). */
  permissions: { create: string, update: string, delete: string }
  commands: {
    create?: (input: Create, options: EntityWriteOptions) => { id: number }
    update: (key: Key, fields: Patch, options: EntityWriteOptions) => { id: number }
    remove?: (key: Key, options: EntityWriteOptions) => void | Promise<void>
  }
  /** The item as a write returns it, with its version (the ETag If-Match names). */
  current: (row: { id: number }) => { version?: number }
  /** Where the created item lives, from its row. */
  location?: (row: { id: number }) => string
  item: TSchema
  createBody?: TSchema
  patchBody: TSchema
  /** `/:id` by default; editions use `/:code`. */
  itemPath?: string
  params?: TObject
  keyOf?: (request: FastifyRequest) => Key
  /** What deleting does to content that refers to the item, for the route description. */
  deleteEffects?: string
  baseUrl: string
}

const NoQuery = Type.Object({}, { additionalProperties: false })
const writeProblems = problems(400, 401, 403, 404, 409, 412)
// writes to an existing row: If-Match may be required (REQUIRE_IF_MATCH); creates never need it
const conditionalProblems = { ...writeProblems, ...problems(428) }

/**
 * POST (create, 201 + Location), PATCH (partial update) and DELETE (204) for an entity without
 * an editorial workflow. Every response is for one principal (private, no-store, set by the auth
 * hook) and carries the ETag "v<version>" that If-Match names on the next write.
 */
export function registerEntityWriteRoutes<Key = number, Create = unknown, Patch = unknown> (app: FastifyInstance, spec: EntityWriteRoutes<Key, Create, Patch>): void {
  const { collection, name, commands } = spec
  const lower = name.toLowerCase()
  const tags = [collection]
  const item = ItemEnvelope(spec.item)
  const itemPath = `/${collection}${spec.itemPath ?? '/:id'}`
  const params = spec.params ?? IdParams
  const keyOf = spec.keyOf ?? ((request: FastifyRequest) => Number((request.params as { id: string }).id) as Key)
  const options = (request: FastifyRequest): EntityWriteOptions => ({ actor: request.principal, expectedVersion: expectedVersionOf(request) })

  const create = commands.create
  if (create !== undefined && spec.createBody !== undefined) {
    app.post(`/${collection}`, {
      schema: {
        tags, operationId: `create${name}`, summary: `Create a ${lower}`,
        description: `Needs \`${spec.permissions.create}\`. Send \`Idempotency-Key\` to make retries safe.`,
        headers: CreateHeaders, querystring: NoQuery, body: spec.createBody,
        response: { 201: item, ...writeProblems }
      }
    }, async (request, reply) => {
      const row = create(request.body as Create, { actor: request.principal })
      reply.code(201).header('location', spec.location?.(row) ?? `${spec.baseUrl}/v1/${collection}/${row.id}`)
      return versioned(reply, spec.current(row))
    })
  }

  app.patch(itemPath, {
    schema: {
      tags, operationId: `update${name}`, summary: `Change some fields of a ${lower}`,
      description: `Needs \`${spec.permissions.update}\`. Send \`If-Match\` with the ETag you read: a stale one is a 412, so no update is lost.`,
      headers: WriteHeaders, params, querystring: NoQuery, body: spec.patchBody,
      response: { 200: item, ...conditionalProblems }
    }
  }, async (request, reply) => versioned(reply, spec.current(commands.update(keyOf(request), request.body as Patch, options(request)))))

  const remove = commands.remove
  if (remove !== undefined) {
    app.delete(itemPath, {
      schema: {
        tags, operationId: `delete${name}`, summary: `Delete a ${lower}`,
        description: `Needs \`${spec.permissions.delete}\`. ${spec.deleteEffects ?? ''} A \`deleted\` change (the tombstone sync clients and webhooks see) remains. Honours \`If-Match\`.`.replace(/ {2}/g, ' '),
        headers: WriteHeaders, params, querystring: NoQuery,
        response: { 204: Type.Null({ description: 'Deleted' }), ...conditionalProblems }
      }
    }, async (request, reply) => {
      await remove(keyOf(request), options(request))
      return reply.code(204).send()
    })
  }
}
