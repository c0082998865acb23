import { eq, sql } from 'drizzle-orm'
import { type Visibility, showsVersion } from '../../auth/permissions.js'
import type { Db } from '../../db/connection.js'
import type { ChangeLog } from '../../editorial/changes.js'
import { siteSettings } from '../../db/schema.js'
import { NotFoundError } from '../../errors.js'
import { toIso, type Clock } from '../../time.js'
import type { EditionService } from '../editions/index.js'
import { createSettingsCommands } from './commands.js'
import type { SiteSettings } from './schemas.js'
import { defaultShareNetworks, isShareNetwork, type ShareNetwork } from '../../editorial/share-links.js'

type SettingsRow = typeof siteSettings.$inferSelect

export function createSettingsService ({ db, clock, editions, changeLog }: { db: Db, clock: Clock, editions: EditionService, changeLog: ChangeLog }) {
  const byEdition = db.select().from(siteSettings).where(eq(siteSettings.editionId, sql.placeholder('editionId'))).prepare()
  const all = db.select().from(siteSettings).prepare()

  const networksOf = (row: SettingsRow | undefined): ShareNetwork[] =>
    row?.shareNetworks === null || row?.shareNetworks === undefined ? [...defaultShareNetworks] : row.shareNetworks.filter(isShareNetwork)

  function toSettings (row: SettingsRow): SiteSettings {
    return {
      edition: editions.findById(row.editionId).code,
      title: row.title,
      tagline: row.tagline,
      copyright: row.copyright,
      socialLinks: row.socialLinks.map((link) => ({ network: link.network, url: link.url })),
      shareNetworks: networksOf(row),
      updatedAt: toIso(row.updatedAt)
    }
  }

  return {
    ...createSettingsCommands({ db, clock, changeLog, editions }),

    /** With `editorial` visibility (an API key) the settings carry their version, the ETag If-Match names. */
    findByEdition (editionCode: string, visibility: Visibility = 'public'): SiteSettings {
      const row = byEdition.get({ editionId: editions.findByCode(editionCode).id })
      if (row === undefined) throw new NotFoundError('site settings', editionCode)
      return showsVersion(visibility) ? { ...toSettings(row), version: row.version } : toSettings(row)
    },

    /** The networks an edition's articles carry share links for (the default list without settings). */
    shareNetworksOf (editionId: number): ShareNetwork[] { return networksOf(byEdition.get({ editionId })) },

    /** Settings of every edition that has them, in edition order. */
    list (): SiteSettings[] {
      const rows = new Map(all.all().map((row) => [row.editionId, row]))
      return editions.list().flatMap((edition) => {
        const row = rows.get(edition.id)
        return row === undefined ? [] : [toSettings(row)]
      })
    }
  }
}

export type SettingsService = ReturnType<typeof createSettingsService>
