import { and, count, eq, gt, isNotNull, lt } from 'drizzle-orm'
import { randomBytes } from 'node:crypto'
import { authorize } from '../../auth/permissions.js'
import type { Principal } from '../../auth/principal.js'
import type { DiscussionConfig } from '../../config.js'
import type { Db } from '../../db/connection.js'
import { contactMessages, type ContactStatus } from '../../db/schema.js'
import type { ChangeLog } from '../../editorial/changes.js'
import { ConflictError } from '../../errors.js'
import type { Clock } from '../../time.js'
import { checkWindow, countLinks, fingerprintOf, hashIp, isBlocked, normalizedText, refuse, type DiscussionSettingsService, type FormTokens } from '../comments/index.js'
import type { EditionService } from '../editions/index.js'
import type { ContactSubmitBody } from './schemas.js'
import type { ContactReads, ContactRow } from './service.js'

export interface ContactCommandDeps {
  db: Db
  clock: Clock
  config: DiscussionConfig
  changeLog: ChangeLog
  editions: EditionService
  settings: DiscussionSettingsService
  tokens: FormTokens
  reads: ContactReads
}

const DAY_MS = 86_400_000
const PURGE_EVERY_MS = 3_600_000
// longer than a comment: a reader may paste a few sources
const MAX_MESSAGE_LINKS_FACTOR = 5

/**
 * Contact form writes. A message is stored, and its `created` change (edition, reference and
 * topic only: nothing about the sender) is what the webhook outbox turns into `contact.received`.
 */
export function createContactCommands ({ db, clock, config, changeLog, editions, settings, tokens, reads }: ContactCommandDeps) {
  const now = () => clock().getTime()
  const inTransaction = <T>(fn: (tx: Db) => T): T => db.transaction((tx) => fn(tx as unknown as Db), { behavior: 'immediate' })
  let lastPurge = 0

  const record = (row: ContactRow, action: 'created' | 'updated' | 'deleted', keyId: number | null, at: number, extra: Record<string, unknown> = {}) =>
    changeLog.record({ entityType: 'contact', entityId: row.id, action, at, keyId, summary: { edition: editions.findById(row.editionId, 'editorial').code, reference: row.reference, topic: row.topic, ...extra } })

  /** Handled messages are kept CONTACT_RETENTION_DAYS after they were handled; the addresses' hashes as long as comments'. */
  function purge (at: number): { messages: number, addresses: number } {
    const messages = db.delete(contactMessages).where(and(eq(contactMessages.status, 'handled'), lt(contactMessages.handledAt, at - config.contactRetentionDays * DAY_MS))).run().changes
    const addresses = db.update(contactMessages).set({ ipHash: null }).where(and(isNotNull(contactMessages.ipHash), lt(contactMessages.createdAt, at - config.ipRetentionDays * DAY_MS))).run().changes
    return { messages, addresses }
  }

  return {
    purge: () => purge(now()),

    /**
     * Refused like a comment (token, honeypot, links, address window, duplicate). A blocklisted
     * sender gets the same 202 and a reference, but nothing is stored or delivered.
     */
    submit (editionCode: string, input: ContactSubmitBody, client: { ip: string }): { reference: string } {
      const at = now()
      if (input.homepage !== undefined && input.homepage !== '') refuse('body.homepage', 'must be left empty (it is not shown to people)')
      const edition = editions.findByCode(editionCode)
      tokens.verify(`contact:${edition.code}`, input.token, at)
      const topic = input.topic ?? null
      if (topic !== null && !settings.topicsOf(edition.id).includes(topic)) refuse('body.topic', 'is not one of this edition\'s contact topics')
      if (countLinks(input.message) > config.maxLinks * MAX_MESSAGE_LINKS_FACTOR) refuse('body.message', `may contain at most ${config.maxLinks * MAX_MESSAGE_LINKS_FACTOR} links`)
      const ipHash = hashIp(config.ipSalt, client.ip)
      const recent = db.select({ n: count() }).from(contactMessages).where(and(eq(contactMessages.ipHash, ipHash), gt(contactMessages.createdAt, at - config.rateWindowSeconds * 1000))).get()?.n ?? 0
      checkWindow(recent, config.perIpMax, config.rateWindowSeconds, 'messages from this address')
      const email = input.email.trim().toLowerCase()
      const fingerprint = fingerprintOf('contact', String(edition.id), email, normalizedText(input.subject), normalizedText(input.message))
      if (db.select({ id: contactMessages.id }).from(contactMessages).where(eq(contactMessages.fingerprint, fingerprint)).get() !== undefined) {
        throw new ConflictError('This message has already been sent.')
      }
      const reference = `C-${randomBytes(5).toString('hex').toUpperCase()}`
      if (isBlocked(config.blocklist, { texts: [input.name, input.subject, input.message], email, ip: client.ip })) return { reference }
      if (at - lastPurge > PURGE_EVERY_MS) { lastPurge = at; purge(at) }
      inTransaction((tx) => {
        const row = tx.insert(contactMessages).values({
          reference, editionId: edition.id, name: input.name.trim(), email, subject: input.subject.trim(), message: input.message.trim(), topic, ipHash, fingerprint, createdAt: at
        }).returning().get()
        record(row, 'created', null, at)
      })
      return { reference }
    },

    setStatus (id: number, status: ContactStatus, actor: Principal | null) {
      const principal = authorize(actor, 'contact:read')
      const at = now()
      return inTransaction((tx) => {
        const row = reads.findRow(id)
        const updated = tx.update(contactMessages).set({ status, handledAt: status === 'handled' ? (row.handledAt ?? at) : null }).where(eq(contactMessages.id, id)).returning().get()
        record(updated, 'updated', principal.keyId, at, { status })
        return reads.shape(updated)
      })
    },

    remove (id: number, actor: Principal | null): void {
      const principal = authorize(actor, 'contact:read')
      inTransaction((tx) => {
        const row = reads.findRow(id)
        tx.delete(contactMessages).where(eq(contactMessages.id, id)).run()
        record(row, 'deleted', principal.keyId, now())
      })
    },

    /** GDPR erasure (the comments erasure route and CLI call it): every message from the address goes. */
    eraseByEmail (email: string): number {
      const address = email.trim().toLowerCase()
      const at = now()
      return inTransaction((tx) => {
        const rows = tx.select().from(contactMessages).where(eq(contactMessages.email, address)).all()
        for (const row of rows) {
          tx.delete(contactMessages).where(eq(contactMessages.id, row.id)).run()
          record(row, 'deleted', null, at, { erased: true })
        }
        return rows.length
      })
    }
  }
}
