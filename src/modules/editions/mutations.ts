import { expectedVersionArg } from '../../graphql/entity-mutations.js'
import { toGlobalId } from '../../graphql/global-id.js'
import { assertValidInput, bodyOf } from '../../graphql/input.js'
import type { MutationResolvers } from '../../graphql/generated.js'
import { EditionCreateBody, EditionPatchBody } from './write-schemas.js'

/** The REST body of an edition input: the Direction enum (LTR, RTL) is the REST `direction` value. */
function editionBody (input: Record<string, unknown>): Record<string, unknown> {
  const body = bodyOf(input, {})
  if (typeof body.direction === 'string') body.direction = body.direction.toLowerCase()
  return body
}

/** Edition mutations (admins), by code as the edition queries are: the REST write routes' operations. */
export const editionMutations = {
  createEdition: (_root, { input }, ctx) => {
    const row = ctx.services.editions.create(assertValidInput<EditionCreateBody>(EditionCreateBody, editionBody(input)), { actor: ctx.principal })
    return ctx.services.editions.findById(row.id, 'editorial')
  },
  updateEdition: (_root, { code, input, expectedVersion }, ctx) => {
    const row = ctx.services.editions.update(code, assertValidInput<EditionPatchBody>(EditionPatchBody, editionBody(input)), { actor: ctx.principal, expectedVersion: expectedVersionArg(ctx, expectedVersion) })
    return ctx.services.editions.findById(row.id, 'editorial')
  },
  deleteEdition: (_root, { code, expectedVersion }, ctx) => {
    // looked up first but used only after the delete succeeded: a missing or forbidden one fails there
    const id = ctx.services.editions.list().find((edition) => edition.code === code)?.id as number
    ctx.services.editions.remove(code, { actor: ctx.principal, expectedVersion: expectedVersionArg(ctx, expectedVersion) })
    return { deletedId: toGlobalId('Edition', id), databaseId: id }
  }
} satisfies Pick<MutationResolvers, 'createEdition' | 'updateEdition' | 'deleteEdition'>
