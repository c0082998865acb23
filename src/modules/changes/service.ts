import { and, count, eq, type SQL } from 'drizzle-orm'
import { authorize } from '../../auth/permissions.js'
import type { Principal } from '../../auth/principal.js'
import type { Db } from '../../db/connection.js'
import { apiKeys, changes, type ChangeAction, type ChangeEntityType } from '../../db/schema.js'
import { InvalidInputError } from '../../errors.js'
import type { CursorCodec } from '../../pagination/cursor.js'
import { assemblePage, directionOf, keysetAfter, keysetParams } from '../../pagination/keyset.js'
import type { Page } from '../../pagination/page.js'
import { toIso } from '../../time.js'
import type { Change } from './schemas.js'

export interface ChangeListOptions {
  entityType?: ChangeEntityType
  entityId?: number
  keyId?: number
  action?: ChangeAction
  limit: number
  cursor?: string
}

/**
 * The audit log: the `changes` table (written by every write in its own transaction, see
 * editorial/changes.ts) read newest first, for keys allowed `changes:read`.
 */
export function createChangeHistoryService ({ db, codec }: { db: Db, codec: CursorCodec }) {
  const columns = {
    seq: changes.seq, entityType: changes.entityType, entityId: changes.entityId, action: changes.action,
    at: changes.at, keyId: changes.keyId, keyName: apiKeys.name, summary: changes.summary
  }
  type Row = { seq: number, entityType: ChangeEntityType, entityId: number, action: ChangeAction, at: number, keyId: number | null, keyName: string | null, summary: Record<string, unknown> }

  const toChange = (row: Row): Change => ({
    seq: row.seq,
    entityType: row.entityType,
    entityId: row.entityId,
    action: row.action,
    at: toIso(row.at),
    key: row.keyId === null ? null : { id: row.keyId, name: row.keyName ?? '' },
    summary: row.summary
  })

  return {
    list (options: ChangeListOptions, actor: Principal | null): Page<Change> {
      authorize(actor, 'changes:read')
      if (options.entityId !== undefined && options.entityType === undefined) {
        throw new InvalidInputError('entityId needs entityType: ids are per type.', [{ name: 'query.entityId', reason: 'needs query.entityType' }])
      }
      const position = options.cursor !== undefined ? codec.decode(options.cursor, 'seq') : null
      const filters: Array<SQL | undefined> = [
        options.entityType !== undefined ? eq(changes.entityType, options.entityType) : undefined,
        options.entityId !== undefined ? eq(changes.entityId, options.entityId) : undefined,
        options.keyId !== undefined ? eq(changes.keyId, options.keyId) : undefined,
        options.action !== undefined ? eq(changes.action, options.action) : undefined
      ]
      // newest first: "after" a position is an older (smaller) seq; the cursor's id is the seq
      const keyset = keysetAfter({ id: changes.seq, descending: true }, directionOf(position))
      const rows = db.select(columns).from(changes).leftJoin(apiKeys, eq(apiKeys.id, changes.keyId))
        .where(and(...filters, keyset.where)).orderBy(...keyset.orderBy)
        .limit(options.limit + 1).all(keysetParams(position)) as Row[]
      const total = db.select({ n: count() }).from(changes).where(and(...filters)).get()?.n ?? 0
      return assemblePage(rows.map((row) => ({ ...row, id: row.seq })), { limit: options.limit, position }, {
        sort: 'seq', sortValue: (row) => row.seq, codec, total, map: toChange
      })
    }
  }
}

export type ChangeHistoryService = ReturnType<typeof createChangeHistoryService>
