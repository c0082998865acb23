import { and, desc, eq, sql } from 'drizzle-orm'
import type { Db } from '../db/connection.js'
import { apiKeys, revisions, type ChangeAction } from '../db/schema.js'
import { NotFoundError } from '../errors.js'

export type RevisionEntity = 'article' | 'page'

export interface RevisionSummary {
  number: number
  version: number
  action: ChangeAction
  keyId: number | null
  keyName: string | null
  createdAt: number
}

export interface Revision<S> extends RevisionSummary { snapshot: S }

/**
 * Full snapshots of articles and pages, one per write, numbered from 1 per entity. Written inside
 * the write's transaction; kept when the entity is deleted (the last one is the deletion).
 */
export function createRevisionStore (db: Db) {
  const summaryColumns = {
    number: revisions.number,
    version: revisions.version,
    action: revisions.action,
    keyId: revisions.keyId,
    keyName: apiKeys.name,
    createdAt: revisions.createdAt
  }
  const ofEntity = and(eq(revisions.entityType, sql.placeholder('entityType')), eq(revisions.entityId, sql.placeholder('entityId')))
  // written with every article and page write (an import's too): plain statements, not a query builder's per call
  const nextNumber = db.$client.prepare<[string, number], number>('select coalesce(max(number), 0) + 1 from revisions where entity_type = ? and entity_id = ?').pluck()
  const insert = db.$client.prepare<[string, number, number, number, string, string, number | null, number]>(`insert into revisions
    (entity_type, entity_id, number, version, action, snapshot, key_id, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)`)
  const list = db.select(summaryColumns).from(revisions).leftJoin(apiKeys, eq(apiKeys.id, revisions.keyId))
    .where(ofEntity).orderBy(desc(revisions.number)).prepare()
  const one = db.select({ ...summaryColumns, snapshot: revisions.snapshot }).from(revisions).leftJoin(apiKeys, eq(apiKeys.id, revisions.keyId))
    .where(and(ofEntity, eq(revisions.number, sql.placeholder('number')))).prepare()

  return {
    record (entry: { entityType: RevisionEntity, entityId: number, version: number, action: ChangeAction, snapshot: object, keyId: number | null, at: number }): number {
      const number = nextNumber.get(entry.entityType, entry.entityId) ?? 1
      // the json column's encoding, as the query builder would write it
      insert.run(entry.entityType, entry.entityId, number, entry.version, entry.action, JSON.stringify(entry.snapshot), entry.keyId, entry.at)
      return number
    },
    /** Newest first. */
    list (entityType: RevisionEntity, entityId: number): RevisionSummary[] {
      return list.all({ entityType, entityId })
    },
    get<S> (entityType: RevisionEntity, entityId: number, number: number): Revision<S> {
      const row = one.get({ entityType, entityId, number })
      if (row === undefined) throw new NotFoundError(`${entityType} revision`, `${entityId}/${number}`)
      return { ...row, snapshot: row.snapshot as S }
    }
  }
}

export type RevisionStore = ReturnType<typeof createRevisionStore>
