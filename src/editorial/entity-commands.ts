import { and, eq } from 'drizzle-orm'
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core'
import { authorize, type Operation } from '../auth/permissions.js'
import type { Principal } from '../auth/principal.js'
import type { Db } from '../db/connection.js'
import type { ChangeEntityType } from '../db/schema.js'
import { ConflictError, NotFoundError, PreconditionFailedError, PreconditionRequiredError } from '../errors.js'
import type { Clock } from '../time.js'
import { diffSummary, type ChangeLog } from './changes.js'

/** Who writes and when, for the change rows of other entities a write touches. */
export interface WriteContext { actor: Principal, at: number }

/** A table the kit can write: numeric id, optimistic-concurrency version, updated_at. */
export type VersionedTable = SQLiteTable & { id: SQLiteColumn, version: SQLiteColumn, updatedAt: SQLiteColumn }

/**
 * Stands for "no If-Match / expectedVersion, and the server requires one" (REQUIRE_IF_MATCH): the
 * protocol layer knows the rule, the check below refuses the write once the row is known to exist.
 */
export const MISSING_VERSION = 'missing'

/** From If-Match or expectedVersion: undefined sets no condition, null matches no version. */
export type ExpectedVersion = number | null | typeof MISSING_VERSION

export interface EntityWriteOptions {
  actor: Principal | null
  expectedVersion?: ExpectedVersion
}

/**
 * How one non-workflow entity (tag, category, author, media, gallery, menu, edition …) is written.
 * The spec only maps client input to columns and says what deleting does to relations; the kit
 * adds what every write shares: permission, If-Match, one transaction, timestamps, version and
 * the change log row (audit log, sync sequence, webhook outbox).
 */
export interface EntitySpec<Row extends { id: number, version: number }, Create, Patch> {
  type: ChangeEntityType
  /** In messages: "tag", "media item". */
  label: string
  table: VersionedTable
  operations: { create: Operation, update: Operation, delete: Operation }
  load: (id: number) => Row | undefined
  /**
   * The columns a create sets, checked (unique slugs, references); id, timestamps and version are
   * the kit's. `context` is for writes to other rows the create implies (with their own changes).
   */
  insertColumns: (input: Create, tx: Db, context: WriteContext) => Record<string, unknown>
  /** The columns a partial update changes (only the fields present in the patch). */
  updateColumns: (row: Row, patch: Patch, tx: Db, context: WriteContext) => Record<string, unknown>
  /**
   * Runs inside the delete's transaction before the row goes: refuse with a ConflictError while
   * something must keep the row, or detach what refers to it. Returns notes for the change log.
   */
  beforeDelete?: (row: Row, tx: Db, context: WriteContext) => Record<string, unknown>
  /**
   * Runs inside a create's transaction after its change row: rows that belong to the new one and
   * log their own changes (an edition's site settings).
   */
  afterCreate?: (row: Row, input: Create, tx: Db, context: WriteContext) => void
  /** Runs inside the transaction after a create or update (child rows such as gallery items). */
  afterWrite?: (row: Row, input: Create | Patch, tx: Db, context: WriteContext) => void
  /** The compact view the change log diffs and the tombstone keeps (no long text). */
  snapshot: (row: Row) => Record<string, unknown>
}

/** better-sqlite3 reports constraint failures by code; a UNIQUE one is a conflict with existing data. */
function isConstraint (error: unknown, kind: 'UNIQUE' | 'FOREIGNKEY'): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === `SQLITE_CONSTRAINT_${kind}`
}

export function checkVersion (label: string, row: { id: number, version: number }, expected: ExpectedVersion | undefined): void {
  if (expected === MISSING_VERSION) {
    throw new PreconditionRequiredError(`The ${label} ${row.id} may only be changed with the version it is based on: read it, then send If-Match with its ETag (GraphQL: expectedVersion).`)
  }
  if (expected !== undefined && expected !== row.version) {
    throw new PreconditionFailedError(`The ${label} ${row.id} is at version ${row.version}${expected === null ? '' : `, not ${expected}`}; reload it and apply your change again.`, row.version)
  }
}

export interface EntityCommandDeps { db: Db, clock: Clock, changeLog: ChangeLog }

/** Create, partial update and delete of one entity type, each one transaction (see EntitySpec). */
export function createEntityCommands<Row extends { id: number, version: number }, Create, Patch> (
  { db, clock, changeLog }: EntityCommandDeps, spec: EntitySpec<Row, Create, Patch>
) {
  const { table, label, type } = spec
  const inTransaction = <T>(fn: (tx: Db) => T): T => {
    try {
      return db.transaction((tx) => fn(tx as unknown as Db), { behavior: 'immediate' })
    } catch (error) {
      // the specs check what they can with friendly messages; this catches the rest (and races)
      if (isConstraint(error, 'UNIQUE')) throw new ConflictError(`Another ${label} already uses that value (a slug, code or position must be unique).`)
      if (isConstraint(error, 'FOREIGNKEY')) throw new ConflictError(`The ${label} is still referenced by other content; detach it first.`)
      throw error
    }
  }
  const loadOrThrow = (id: number): Row => {
    const row = spec.load(id)
    if (row === undefined) throw new NotFoundError(label, id)
    return row
  }

  return {
    create (input: Create, { actor }: EntityWriteOptions): Row {
      const principal = authorize(actor, spec.operations.create)
      const at = clock().getTime()
      return inTransaction((tx) => {
        const context = { actor: principal, at }
        const inserted = tx.insert(table).values({ ...spec.insertColumns(input, tx, context), version: 1, createdAt: at, updatedAt: at })
          .returning({ id: table.id }).get() as { id: number }
        const row = loadOrThrow(inserted.id)
        spec.afterWrite?.(row, input, tx, context)
        changeLog.record({ entityType: type, entityId: row.id, action: 'created', at, keyId: principal.keyId, summary: spec.snapshot(row) })
        spec.afterCreate?.(row, input, tx, context)
        return row
      })
    },

    update (id: number, patch: Patch, options: EntityWriteOptions): Row {
      const principal = authorize(options.actor, spec.operations.update)
      const at = clock().getTime()
      return inTransaction((tx) => {
        const row = loadOrThrow(id)
        checkVersion(label, row, options.expectedVersion)
        const before = spec.snapshot(row)
        const context = { actor: principal, at }
        const changed = tx.update(table).set({ ...spec.updateColumns(row, patch, tx, context), version: row.version + 1, updatedAt: at })
          .where(and(eq(table.id, id), eq(table.version, row.version))).returning({ id: table.id }).get()
        if (changed === undefined) throw new PreconditionFailedError(`The ${label} ${id} changed while it was being written.`, loadOrThrow(id).version)
        const updated = loadOrThrow(id)
        spec.afterWrite?.(updated, patch, tx, context)
        changeLog.record({ entityType: type, entityId: id, action: 'updated', at, keyId: principal.keyId, summary: diffSummary(before, spec.snapshot(updated)) })
        return updated
      })
    },

    remove (id: number, options: EntityWriteOptions): void {
      const principal = authorize(options.actor, spec.operations.delete)
      const at = clock().getTime()
      inTransaction((tx) => {
        const row = loadOrThrow(id)
        checkVersion(label, row, options.expectedVersion)
        const notes = spec.beforeDelete?.(row, tx, { actor: principal, at }) ?? {}
        tx.delete(table).where(eq(table.id, id)).run()
        changeLog.record({ entityType: type, entityId: id, action: 'deleted', at, keyId: principal.keyId, summary: { ...spec.snapshot(row), version: row.version + 1, ...notes } })
      })
    }
  }
}

export type EntityCommands<Row extends { id: number, version: number }, Create, Patch> = ReturnType<typeof createEntityCommands<Row, Create, Patch>>
