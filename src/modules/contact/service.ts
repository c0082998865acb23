import { and, asc, count, desc, eq, gt, lt, or, sql, type SQL } from 'drizzle-orm'
import { authorize } from '../../auth/permissions.js'
import type { Principal } from '../../auth/principal.js'
import type { Db } from '../../db/connection.js'
import { contactMessages, type ContactStatus } from '../../db/schema.js'
import { NotFoundError } from '../../errors.js'
import type { CursorCodec } from '../../pagination/cursor.js'
import { assemblePage } from '../../pagination/keyset.js'
import type { Page } from '../../pagination/page.js'
import { toIso, toIsoOrNull } from '../../time.js'
import type { EditionService } from '../editions/index.js'
import type { ContactMessage } from './schemas.js'

export type ContactRow = typeof contactMessages.$inferSelect

export const toContactMessage = (row: ContactRow, edition: string): ContactMessage => ({
  id: row.id,
  reference: row.reference,
  edition,
  name: row.name,
  email: row.email,
  subject: row.subject,
  message: row.message,
  topic: row.topic,
  status: row.status,
  createdAt: toIso(row.createdAt),
  handledAt: toIsoOrNull(row.handledAt)
})

/** Contact messages for admins and editors (`contact:read`); nothing here is ever public. */
export function createContactReads ({ db, codec, editions }: { db: Db, codec: CursorCodec, editions: EditionService }) {
  const byId = db.select().from(contactMessages).where(eq(contactMessages.id, sql.placeholder('id'))).prepare()
  const shape = (row: ContactRow) => toContactMessage(row, editions.findById(row.editionId, 'editorial').code)

  function findRow (id: number): ContactRow {
    const row = byId.get({ id })
    if (row === undefined) throw new NotFoundError('contact message', id)
    return row
  }

  return {
    findRow,
    shape,
    find (id: number, actor: Principal | null): ContactMessage {
      authorize(actor, 'contact:read')
      return shape(findRow(id))
    },

    /** Newest first; a `before` cursor walks back towards newer ones. */
    list (options: { edition?: string, status?: ContactStatus, limit: number, cursor?: string }, actor: Principal | null): Page<ContactMessage> {
      authorize(actor, 'contact:read')
      const position = options.cursor !== undefined ? codec.decode(options.cursor, 'contact') : null
      const filters: Array<SQL | undefined> = [
        options.edition !== undefined ? eq(contactMessages.editionId, editions.resolveFilter(options.edition).id) : undefined,
        options.status !== undefined ? eq(contactMessages.status, options.status) : undefined
      ]
      const backward = position?.direction === 'before'
      const at = position === null ? 0 : Number(position.value)
      const window = position === null
        ? undefined
        : backward
          ? or(gt(contactMessages.createdAt, at), and(eq(contactMessages.createdAt, at), gt(contactMessages.id, position.id)))
          : or(lt(contactMessages.createdAt, at), and(eq(contactMessages.createdAt, at), lt(contactMessages.id, position.id)))
      const rows = db.select().from(contactMessages).where(and(...filters, window))
        .orderBy(...(backward ? [asc(contactMessages.createdAt), asc(contactMessages.id)] : [desc(contactMessages.createdAt), desc(contactMessages.id)]))
        .limit(options.limit + 1).all()
      const total = db.select({ n: count() }).from(contactMessages).where(and(...filters)).get()?.n ?? 0
      return assemblePage(rows, { limit: options.limit, position }, { sort: 'contact', sortValue: (row) => row.createdAt, codec, total, map: shape })
    }
  }
}

export type ContactReads = ReturnType<typeof createContactReads>
