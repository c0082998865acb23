import type { FastifyInstance, FastifyReply } from 'fastify'
import type { TSchema } from '@sinclair/typebox'
import { Type } from '@sinclair/typebox'
import type { Principal } from '../auth/principal.js'
import { toRevision, toRevisionSummary } from '../editorial/revision-dto.js'
import type { ExpectedVersion } from '../editorial/entity-commands.js'
import type { Revision, RevisionSummary as StoredSummary } from '../editorial/revisions.js'
import { ActionHeaders, CreateHeaders, EmptyBody, PublishBody, RevisionParams, RevisionSummary, WriteHeaders } from '../editorial/schemas.js'
import type { WorkflowAction } from '../editorial/workflow.js'
import { CollectionEnvelope, IdParams, ItemEnvelope, problems } from '../schemas/common.js'
import { expectedVersionOf, optionalBody, versioned } from './editorial.js'

interface WriteOptions { actor: Principal | null, expectedVersion?: ExpectedVersion }

/** The commands every editorial resource (articles, pages) offers; see modules/<resource>/commands.ts. */
export interface ContentCommands<Create, Patch> {
  create: (input: Create, options: WriteOptions) => { id: number }
  update: (id: number, fields: Patch, options: WriteOptions) => { id: number }
  transition: (id: number, action: WorkflowAction, options: WriteOptions & { publishedAt?: string }) => { id: number }
  remove: (id: number, options: WriteOptions) => void
  listRevisions: (id: number, actor: Principal | null) => StoredSummary[]
  getRevision: (id: number, number: number, actor: Principal | null) => Revision<unknown>
  restoreRevision: (id: number, number: number, options: WriteOptions) => { id: number }
}

export interface ContentWriteRoutes<Create, Patch> {
  /** Path segment and tag, e.g. `articles`. */
  collection: string
  /** Singular and capitalised for operation ids, e.g. `Article`. */
  name: string
  commands: ContentCommands<Create, Patch>
  /** The item as an editorial read returns it (status and version included). */
  current: (id: number) => { version?: number }
  item: TSchema
  createBody: TSchema
  patchBody: TSchema
  revision: TSchema
  baseUrl: string
}

const NoQuery = Type.Object({}, { additionalProperties: false })
const writeProblems = problems(400, 401, 403, 404, 409, 412, 422)
// writes to an existing row: If-Match may be required (REQUIRE_IF_MATCH); creates never need it
const conditionalProblems = { ...writeProblems, ...problems(428) }

/**
 * Create, edit, the workflow actions, delete and revisions of one editorial resource, the same
 * for articles and pages. Responses are for one principal (Cache-Control: private, no-store) and
 * carry the ETag "v<version>" that If-Match names.
 */
export function registerContentWriteRoutes<Create, Patch> (app: FastifyInstance, spec: ContentWriteRoutes<Create, Patch>): void {
  const { collection, name, commands, current } = spec
  const lower = name.toLowerCase()
  const tags = [collection]
  const item = ItemEnvelope(spec.item)
  const respond = (reply: FastifyReply, id: number) => versioned(reply, current(id))

  app.post(`/${collection}`, {
    schema: {
      tags, operationId: `create${name}`, summary: `Create a draft ${lower}`,
      description: `Needs \`${lower}:create\`. The slug is generated from the title when omitted. Send \`Idempotency-Key\` to make retries safe.`,
      headers: CreateHeaders, querystring: NoQuery, body: spec.createBody,
      response: { 201: item, ...writeProblems }
    }
  }, async (request, reply) => {
    const { id } = commands.create(request.body as Create, { actor: request.principal })
    reply.code(201).header('location', `${spec.baseUrl}/v1/${collection}/${id}`)
    return respond(reply, id)
  })

  app.patch(`/${collection}/:id`, {
    schema: {
      tags, operationId: `update${name}`, summary: `Change some fields of a ${lower}`,
      description: `Needs \`${lower}:update\` (authors: their own drafts). Send \`If-Match\` with the ETag you read: a stale one is a 412, so no update is lost.`,
      headers: WriteHeaders, params: IdParams, querystring: NoQuery, body: spec.patchBody,
      response: { 200: item, ...conditionalProblems }
    }
  }, async (request, reply) => {
    const { id } = commands.update(Number((request.params as { id: string }).id), request.body as Patch, { actor: request.principal, expectedVersion: expectedVersionOf(request) })
    return respond(reply, id)
  })

  app.delete(`/${collection}/:id`, {
    schema: {
      tags, operationId: `delete${name}`, summary: `Delete a ${lower}`,
      description: `Needs \`${lower}:delete\`. It leaves every list and lookup; its revisions and a \`deleted\` change (the tombstone) remain. Honours \`If-Match\`.`,
      headers: WriteHeaders, params: IdParams, querystring: NoQuery,
      response: { 204: Type.Null({ description: 'Deleted' }), ...conditionalProblems }
    }
  }, async (request, reply) => {
    commands.remove(Number((request.params as { id: string }).id), { actor: request.principal, expectedVersion: expectedVersionOf(request) })
    return reply.code(204).send()
  })

  const actions: Array<[WorkflowAction, string, TSchema]> = [
    ['publish', `Publish a ${lower} now, or schedule it with a future publishedAt`, PublishBody],
    ['unpublish', `Take a ${lower} back to draft`, EmptyBody],
    ['archive', `Archive a published ${lower}`, EmptyBody]
  ]
  for (const [action, summary, body] of actions) {
    app.post(`/${collection}/:id/${action}`, {
      preValidation: optionalBody,
      schema: {
        tags, operationId: `${action}${name}`, summary,
        description: `Needs \`${lower}:publish\`. A transition the workflow does not allow is a 422 (docs/content-management.md, Editorial workflow). Honours \`If-Match\` and \`Idempotency-Key\`; the body may be omitted.`,
        headers: ActionHeaders, params: IdParams, querystring: NoQuery, body,
        response: { 200: item, ...conditionalProblems }
      }
    }, async (request, reply) => {
      const publishedAt = (request.body as { publishedAt?: string }).publishedAt
      const { id } = commands.transition(Number((request.params as { id: string }).id), action, {
        actor: request.principal, expectedVersion: expectedVersionOf(request), ...(publishedAt !== undefined ? { publishedAt } : {})
      })
      return respond(reply, id)
    })
  }

  app.get(`/${collection}/:id/revisions`, {
    schema: {
      tags, operationId: `list${name}Revisions`, summary: `List the revisions of a ${lower}, newest first`,
      description: `Needs \`${lower}:read-revisions\` (authors: their own ${collection}).`,
      params: IdParams, querystring: NoQuery,
      response: { 200: CollectionEnvelope(RevisionSummary), ...problems(400, 401, 403, 404) }
    }
  }, async (request) => {
    const data = commands.listRevisions(Number((request.params as { id: string }).id), request.principal).map(toRevisionSummary)
    return { data, meta: { total: data.length } }
  })

  app.get(`/${collection}/:id/revisions/:rev`, {
    schema: {
      tags, operationId: `get${name}Revision`, summary: `Get one revision of a ${lower} with its full snapshot`,
      params: RevisionParams, querystring: NoQuery,
      response: { 200: ItemEnvelope(spec.revision), ...problems(400, 401, 403, 404) }
    }
  }, async (request) => {
    const { id, rev } = request.params as { id: string, rev: string }
    return { data: toRevision(commands.getRevision(Number(id), Number(rev), request.principal)) }
  })

  app.post(`/${collection}/:id/revisions/:rev/restore`, {
    preValidation: optionalBody,
    schema: {
      tags, operationId: `restore${name}Revision`, summary: `Restore the content of a revision as a new revision`,
      description: `Needs \`${lower}:update\`. Status, publishedAt, slug and translations stay as they are. Honours \`If-Match\`; the body may be omitted.`,
      headers: ActionHeaders, params: RevisionParams, querystring: NoQuery, body: EmptyBody,
      response: { 200: item, ...conditionalProblems }
    }
  }, async (request, reply) => {
    const { id, rev } = request.params as { id: string, rev: string }
    const row = commands.restoreRevision(Number(id), Number(rev), { actor: request.principal, expectedVersion: expectedVersionOf(request) })
    return respond(reply, row.id)
  })
}
