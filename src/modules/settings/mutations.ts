import { expectedVersionArg } from '../../graphql/entity-mutations.js'
import { assertValidInput, bodyOf } from '../../graphql/input.js'
import type { MutationResolvers } from '../../graphql/generated.js'
import { SettingsPatchBody } from './write-schemas.js'

/** `updateSettings`: REST `PATCH /v1/editions/{code}/settings` through the same service. */
export const settingsMutations = {
  updateSettings: (_root, { edition, input, expectedVersion }, ctx) => {
    ctx.services.settings.update(edition, assertValidInput<SettingsPatchBody>(SettingsPatchBody, bodyOf(input, { logoMediaId: 'Media', logoDarkMediaId: 'Media', faviconMediaId: 'Media' })), { actor: ctx.principal, expectedVersion: expectedVersionArg(ctx, expectedVersion) })
    return ctx.services.settings.findByEdition(edition, 'editorial')
  }
} satisfies Pick<MutationResolvers, 'updateSettings'>
