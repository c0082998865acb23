import { databaseIdOf, toGlobalId } from '../../graphql/global-id.js'
import { assertValidInput, bodyOf } from '../../graphql/input.js'
import type { MutationResolvers } from '../../graphql/generated.js'
import type { PageCreateInput, PageFields } from './commands.js'
import { PageCreateBody, PagePatchBody } from './write-schemas.js'

const ids = { translationOf: 'Page' } as const
const expected = (version: number | null | undefined) => version ?? undefined

/** Page mutations: the REST write routes' operations through the same commands (see articles/mutations.ts). */
export const pageMutations = {
  createPage: (_root, { input }, ctx) => {
    const { id } = ctx.services.pages.create(assertValidInput<PageCreateInput>(PageCreateBody, bodyOf(input, ids)), { actor: ctx.principal })
    return ctx.services.pages.findById(id, 'editorial')
  },
  updatePage: (_root, { id, input, expectedVersion }, ctx) => {
    const fields = assertValidInput<PageFields>(PagePatchBody, bodyOf(input, ids))
    const row = ctx.services.pages.update(databaseIdOf(id, 'Page'), fields, { actor: ctx.principal, expectedVersion: expected(expectedVersion) })
    return ctx.services.pages.findById(row.id, 'editorial')
  },
  publishPage: (_root, { id, publishedAt, expectedVersion }, ctx) => {
    const row = ctx.services.pages.transition(databaseIdOf(id, 'Page'), 'publish', {
      actor: ctx.principal, expectedVersion: expected(expectedVersion), ...(publishedAt !== null && publishedAt !== undefined ? { publishedAt } : {})
    })
    return ctx.services.pages.findById(row.id, 'editorial')
  },
  unpublishPage: (_root, { id, expectedVersion }, ctx) => {
    const row = ctx.services.pages.transition(databaseIdOf(id, 'Page'), 'unpublish', { actor: ctx.principal, expectedVersion: expected(expectedVersion) })
    return ctx.services.pages.findById(row.id, 'editorial')
  },
  archivePage: (_root, { id, expectedVersion }, ctx) => {
    const row = ctx.services.pages.transition(databaseIdOf(id, 'Page'), 'archive', { actor: ctx.principal, expectedVersion: expected(expectedVersion) })
    return ctx.services.pages.findById(row.id, 'editorial')
  },
  deletePage: (_root, { id, expectedVersion }, ctx) => {
    const databaseId = databaseIdOf(id, 'Page')
    ctx.services.pages.remove(databaseId, { actor: ctx.principal, expectedVersion: expected(expectedVersion) })
    return { deletedId: toGlobalId('Page', databaseId), databaseId }
  },
  restorePageRevision: (_root, { id, revision, expectedVersion }, ctx) => {
    const row = ctx.services.pages.restoreRevision(databaseIdOf(id, 'Page'), revision, { actor: ctx.principal, expectedVersion: expected(expectedVersion) })
    return ctx.services.pages.findById(row.id, 'editorial')
  }
} satisfies Pick<MutationResolvers, 'createPage' | 'updatePage' | 'publishPage' | 'unpublishPage' | 'archivePage' | 'deletePage' | 'restorePageRevision'>
