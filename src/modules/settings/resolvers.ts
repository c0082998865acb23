import type { Loaders, QuireResolvers } from '../../graphql/types.js'
import { versionShown } from '../../graphql/version-loader.js'
import { editionsByCode } from '../editions/index.js'

export const settingsResolvers = {
  Query: {
    settings: (_root, { edition }, ctx) => ctx.services.settings.findByEdition(edition)
  },
  SiteSettings: {
    version: (settings, _args, ctx) => versionShown(ctx) ? settings.version ?? ctx.services.settings.findByEdition(settings.edition, 'editorial').version ?? 1 : null
  }
} satisfies QuireResolvers

export const settingsLoaders = {
  SiteSettings: { edition: editionsByCode },
  // every edition's settings in one statement, whatever the number of editions asked
  Edition: {
    settings: async (queries, ctx) => {
      const byEdition = new Map(ctx.services.settings.list().map((settings) => [settings.edition, settings]))
      return queries.map(({ obj }) => byEdition.get(obj.code) ?? null)
    }
  }
} satisfies Loaders
