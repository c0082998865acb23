import { eq, sql } from 'drizzle-orm'
import { type Visibility, showsVersion } from '../../auth/permissions.js'
import type { Db } from '../../db/connection.js'
import { createCommitMemo, createCommitStamp } from '../../db/commit-memo.js'
import type { ChangeLog } from '../../editorial/changes.js'
import { siteSettings } from '../../db/schema.js'
import { NotFoundError } from '../../errors.js'
import { toIso, type Clock } from '../../time.js'
import type { EditionService } from '../editions/index.js'
import { createSettingsCommands } from './commands.js'
import type { SiteSettings } from './schemas.js'
import { defaultShareNetworks, isShareNetwork, networkLabel, type ShareNetwork } from '../../editorial/share-links.js'
import type { Media } from '../media/index.js'

type SettingsRow = typeof siteSettings.$inferSelect

/** The rendered copyright line of the year `now` falls in: a range once the start year is past. */
export function copyrightNotice (holder: string | null, startYear: number | null, now: number): SiteSettings['copyrightNotice'] {
  if (holder === null) return null
  const currentYear = new Date(now).getUTCFullYear()
  const years = startYear === null || startYear >= currentYear ? `${currentYear}` : `${startYear} - ${currentYear}`
  return { holder, startYear, currentYear, line: `© ${years} ${holder}` }
}

export function createSettingsService ({ db, clock, editions, changeLog, media }: { db: Db, clock: Clock, editions: EditionService, changeLog: ChangeLog, media: { findByIds: (ids: readonly number[]) => Array<Media | null> } }) {
  const byEdition = db.select().from(siteSettings).where(eq(siteSettings.editionId, sql.placeholder('editionId'))).prepare()
  const all = db.select().from(siteSettings).prepare()

  const networksOf = (row: SettingsRow | undefined): ShareNetwork[] =>
    row?.shareNetworks === null || row?.shareNetworks === undefined ? [...defaultShareNetworks] : row.shareNetworks.filter(isShareNetwork)
  // every article response carries share links: kept until the database changes (db/commit-memo.ts)
  const shareNetworks = createCommitMemo(createCommitStamp(db), (editionIds: number[]) =>
    new Map(editionIds.map((editionId) => [editionId, networksOf(byEdition.get({ editionId }))])))

  /** Rows to settings with every logo and favicon of them fetched in one statement. */
  function toSettingsList (rows: SettingsRow[]): SiteSettings[] {
    const ids = rows.flatMap((row) => [row.logoMediaId, row.logoDarkMediaId, row.faviconMediaId]).filter((id): id is number => id !== null)
    const found = new Map(media.findByIds([...new Set(ids)]).flatMap((m) => m === null ? [] : [[m.id, m] as const]))
    const item = (id: number | null) => id === null ? null : found.get(id) ?? null
    const now = clock().getTime()
    return rows.map((row) => ({
      ...toSettings(row),
      logo: item(row.logoMediaId),
      logoDark: item(row.logoDarkMediaId),
      favicon: item(row.faviconMediaId),
      copyrightNotice: copyrightNotice(row.copyrightHolder, row.copyrightStartYear, now)
    }))
  }

  function toSettings (row: SettingsRow): Omit<SiteSettings, 'logo' | 'logoDark' | 'favicon' | 'copyrightNotice'> {
    return {
      edition: editions.findById(row.editionId).code,
      title: row.title,
      tagline: row.tagline,
      copyright: row.copyright,
      socialLinks: row.socialLinks.map((link) => ({ network: link.network, label: networkLabel(link.network), url: link.url })),
      contact: { email: row.contactEmail, phone: row.contactPhone, address: row.contactAddress },
      shareNetworks: networksOf(row),
      updatedAt: toIso(row.updatedAt)
    }
  }

  return {
    ...createSettingsCommands({ db, clock, changeLog, editions, media }),

    /** Editions whose logo or favicon the media item is (media refuses to delete it while any is); one row per edition, so a scan. */
    referencesToMedia: (mediaId: number, limit: number): number[] =>
      all.all().filter((row) => row.logoMediaId === mediaId || row.logoDarkMediaId === mediaId || row.faviconMediaId === mediaId).slice(0, limit).map((row) => row.editionId),

    /** With `editorial` visibility (an API key) the settings carry their version, the ETag If-Match names. */
    findByEdition (editionCode: string, visibility: Visibility = 'public'): SiteSettings {
      const row = byEdition.get({ editionId: editions.findByCode(editionCode).id })
      if (row === undefined) throw new NotFoundError('site settings', editionCode)
      const settings = toSettingsList([row])[0]!
      return showsVersion(visibility) ? { ...settings, version: row.version } : settings
    },

    /** The networks an edition's articles carry share links for (the default list without settings). */
    shareNetworksOf (editionId: number): readonly ShareNetwork[] { return shareNetworks([editionId])[0] ?? [] },

    /** Settings of every edition that has them, in edition order. */
    list (): SiteSettings[] {
      const rows = new Map(all.all().map((row) => [row.editionId, row]))
      return toSettingsList(editions.list().flatMap((edition) => {
        const row = rows.get(edition.id)
        return row === undefined ? [] : [row]
      }))
    }
  }
}

export type SettingsService = ReturnType<typeof createSettingsService>
