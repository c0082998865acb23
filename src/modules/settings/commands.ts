import { and, eq, sql } from 'drizzle-orm'
import { authorize, type Operation } from '../../auth/permissions.js'
import type { Db } from '../../db/connection.js'
import { siteSettings, type SocialLink } from '../../db/schema.js'
import { diffSummary, type ChangeLog } from '../../editorial/changes.js'
import { checkVersion, type EntityWriteOptions, type WriteContext } from '../../editorial/entity-commands.js'
import { InvalidInputError, NotFoundError, PreconditionFailedError, type FieldProblem } from '../../errors.js'
import type { Clock } from '../../time.js'
import type { EditionService } from '../editions/index.js'
import type { SettingsPatchBody } from './write-schemas.js'

export type SettingsRow = typeof siteSettings.$inferSelect

const label = 'site settings of edition'
const operation: Operation = 'settings:update'

const snapshotOf = (row: SettingsRow) => ({
  title: row.title, tagline: row.tagline, copyright: row.copyright, socialLinks: row.socialLinks, shareNetworks: row.shareNetworks,
  logoMediaId: row.logoMediaId, logoDarkMediaId: row.logoDarkMediaId, faviconMediaId: row.faviconMediaId,
  copyrightHolder: row.copyrightHolder, copyrightStartYear: row.copyrightStartYear,
  contactEmail: row.contactEmail, contactPhone: row.contactPhone, contactAddress: row.contactAddress
})

const mediaFields = ['logoMediaId', 'logoDarkMediaId', 'faviconMediaId'] as const
const plainFields = ['title', 'tagline', 'copyright', 'copyrightHolder', 'copyrightStartYear', 'contactEmail', 'contactPhone', 'contactAddress', ...mediaFields] as const

/**
 * The settings row that comes and goes with an edition, inside the edition's create and delete
 * transactions. Settings are keyed by edition, so their change rows carry the edition id.
 */
export function createSettingsLifecycle ({ db, changeLog }: { db: Db, changeLog: ChangeLog }) {
  const versionOf = db.select({ version: siteSettings.version }).from(siteSettings).where(eq(siteSettings.editionId, sql.placeholder('editionId'))).prepare()
  return {
    /** A new edition's settings: the title is the edition's name, the rest empty. */
    create (tx: Db, edition: { id: number, code: string, name: string }, { actor, at }: WriteContext): void {
      const row = tx.insert(siteSettings).values({ editionId: edition.id, title: edition.name, socialLinks: [], updatedAt: at, version: 1 }).returning().get()
      changeLog.record({ entityType: 'settings', entityId: edition.id, action: 'created', at, keyId: actor.keyId, summary: { edition: edition.code, ...snapshotOf(row) } })
    },
    /** The tombstone of an edition's settings, which leave with the edition (ON DELETE CASCADE). */
    removed (edition: { id: number, code: string }, { actor, at }: WriteContext): void {
      const current = versionOf.get({ editionId: edition.id })
      if (current === undefined) return
      changeLog.record({ entityType: 'settings', entityId: edition.id, action: 'deleted', at, keyId: actor.keyId, summary: { edition: edition.code, version: current.version + 1 } })
    }
  }
}

/**
 * Partial update of an edition's site settings (admins). Settings have no id of their own and are
 * never created or deleted on their own, so this is the kit's update by hand: permission, If-Match,
 * one IMMEDIATE transaction, version + 1 and the change row.
 */
/** The settings check media through the media service's batch finder, not its table. */
export interface MediaExistence { findByIds: (ids: readonly number[]) => Array<{ id: number } | null> }

export function createSettingsCommands ({ db, clock, changeLog, editions, media }: { db: Db, clock: Clock, changeLog: ChangeLog, editions: EditionService, media: MediaExistence }) {
  /** Every named media item exists and the copyright range does not start in the future: one problem per field. */
  function check (patch: SettingsPatchBody, now: number): void {
    const problems: FieldProblem[] = []
    const named = mediaFields.flatMap((field) => typeof patch[field] === 'number' ? [[field, patch[field]] as const] : [])
    const found = media.findByIds(named.map(([, id]) => id))
    named.forEach(([field, id], i) => { if (found[i] === null) problems.push({ name: `body.${field}`, reason: `media ${id} does not exist` }) })
    const year = new Date(now).getUTCFullYear()
    if (typeof patch.copyrightStartYear === 'number' && patch.copyrightStartYear > year) {
      problems.push({ name: 'body.copyrightStartYear', reason: `must not be after ${year}` })
    }
    if (problems.length > 0) throw new InvalidInputError(problems.map((p) => `${p.name}: ${p.reason}`).join('; '), problems)
  }

  const byEdition = db.select().from(siteSettings).where(eq(siteSettings.editionId, sql.placeholder('editionId'))).prepare()

  return {
    update (editionCode: string, patch: SettingsPatchBody, options: EntityWriteOptions): SettingsRow {
      const principal = authorize(options.actor, operation)
      const edition = editions.findByCode(editionCode)
      const at = clock().getTime()
      return db.transaction((tx) => {
        const row = byEdition.get({ editionId: edition.id })
        if (row === undefined) throw new NotFoundError('site settings', editionCode)
        checkVersion(label, { id: edition.id, version: row.version }, options.expectedVersion)
        check(patch, at)
        const columns: Partial<typeof siteSettings.$inferInsert> = {}
        for (const field of plainFields) if (patch[field] !== undefined) Object.assign(columns, { [field]: patch[field] })
        if (patch.shareNetworks !== undefined) columns.shareNetworks = patch.shareNetworks === null ? null : [...patch.shareNetworks]
        if (patch.socialLinks !== undefined) columns.socialLinks = patch.socialLinks.map((link): SocialLink => ({ network: link.network, url: link.url }))
        const updated = tx.update(siteSettings).set({ ...columns, version: row.version + 1, updatedAt: at })
          .where(and(eq(siteSettings.editionId, edition.id), eq(siteSettings.version, row.version))).returning().get()
        if (updated === undefined) throw new PreconditionFailedError(`The ${label} ${edition.id} changed while it was being written.`, row.version + 1)
        changeLog.record({
          entityType: 'settings', entityId: edition.id, action: 'updated', at, keyId: principal.keyId,
          summary: { edition: edition.code, ...diffSummary(snapshotOf(row), snapshotOf(updated)) }
        })
        return updated
      }, { behavior: 'immediate' })
    }
  }
}
