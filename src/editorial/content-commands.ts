import { and, eq } from 'drizzle-orm'
import { authorize, type Operation, type OwnedTarget } from '../auth/permissions.js'
import type { Principal } from '../auth/principal.js'
import type { Db } from '../db/connection.js'
import type { ChangeAction } from '../db/schema.js'
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError, PreconditionFailedError } from '../errors.js'
import { requireInstant, type Clock } from '../time.js'
import { diffSummary, type ChangeLog } from './changes.js'
import { checkVersion, type EntityWriteOptions, type VersionedTable } from './entity-commands.js'
import type { AttachmentStore } from './attachments.js'
import type { LinkRemoval } from './link-removal.js'
import type { RevisionStore, RevisionSummary } from './revisions.js'
import { transition, type WorkflowAction } from './workflow.js'

type ContentType = 'article' | 'page'
type ContentRow = OwnedTarget & { id: number, version: number, slug: string, title: string, publishedAt: number | null, editionId: number, translationGroup: number | null }
type Edit = Exclude<ChangeAction, 'created' | 'deleted'>

export interface ContentCoreSpec<Row extends ContentRow, Snapshot extends { edition: string }> {
  type: ContentType
  table: VersionedTable
  byId: { get: (params: { id: number }) => Row | undefined }
  /** The full snapshot a revision keeps. */
  snapshotOf: (row: Row) => Snapshot
  db: Db
  clock: Clock
  changeLog: ChangeLog
  revisions: RevisionStore
  /** Translation groups: another member of `group` in the edition (besides `id`), and the next free group number. */
  translationGroups: {
    memberInEdition: { get: (params: { group: number, editionId: number, id: number }) => unknown }
    next: { get: () => { n: number } | undefined }
  }
  editionCode: (editionId: number) => string
  menuLinks: LinkRemoval
  /** The owner's attachments: no foreign key on the owner, so they go with it here. */
  attachments: AttachmentStore
}

/**
 * What articles and pages share on the write side: the load–authorize–If-Match steps of every
 * command, the versioned write that stores a revision and a change, and the workflow, delete and
 * revision commands, which differ only in the entity. Their own commands (create, update,
 * restore) build on `withRow` and `write`.
 */
export function createContentCore<Row extends ContentRow, Snapshot extends { edition: string }> (spec: ContentCoreSpec<Row, Snapshot>) {
  const { type, table, changeLog, revisions, menuLinks } = spec
  const op = (name: 'update' | 'publish' | 'delete' | 'read-revisions') => `${type}:${name}` as Operation
  const now = () => spec.clock().getTime()

  function load (id: number): Row {
    const row = spec.byId.get({ id })
    if (row === undefined) throw new NotFoundError(type, id)
    return row
  }

  const inTransaction = <T>(fn: (tx: Db) => T): T => spec.db.transaction((tx) => fn(tx as unknown as Db), { behavior: 'immediate' })

  /**
   * One command on an existing row: the role is checked before anything is read, then, inside one
   * transaction, the row's ownership and the client's expected version.
   */
  function withRow<T> (id: number, operation: Operation, options: EntityWriteOptions, fn: (tx: Db, row: Row, principal: Principal, at: number) => T): T {
    authorize(options.actor, operation)
    const at = now()
    return inTransaction((tx) => {
      const row = load(id)
      const principal = authorize(options.actor, operation, row)
      checkVersion(type, row, options.expectedVersion)
      return fn(tx, row, principal, at)
    })
  }

  /** Stores a revision and a change for a row as it now is; `summary` sees the new snapshot. */
  function record (row: Row, action: Exclude<ChangeAction, 'deleted'>, actor: Principal | null, at: number, summary: (after: Snapshot) => Record<string, unknown>): Row {
    const snapshot = spec.snapshotOf(row)
    revisions.record({ entityType: type, entityId: row.id, version: row.version, action, snapshot, keyId: actor?.keyId ?? null, at })
    changeLog.record({ entityType: type, entityId: row.id, action, at, keyId: actor?.keyId ?? null, summary: summary(snapshot) })
    return row
  }

  /**
   * Applies columns to an existing row: version + 1, a revision and a change, in the caller's
   * transaction. A caller that has already replaced link rows (authors, attachments …) passes the
   * snapshot it took before, so the change names them.
   */
  function write (tx: Db, row: Row, columns: Record<string, unknown>, action: Edit, actor: Principal | null, at: number, note?: Record<string, unknown>, before: Snapshot = spec.snapshotOf(row)): Row {
    const updated = tx.update(table).set({ ...columns, version: row.version + 1, updatedAt: at })
      .where(and(eq(table.id, row.id), eq(table.version, row.version))).returning().get() as Row | undefined
    // the version condition cannot fail inside this transaction; a miss means a concurrent writer on another connection
    if (updated === undefined) throw new PreconditionFailedError(`The ${type} ${row.id} changed while it was being written.`, load(row.id).version)
    return record(updated, action, actor, at, (after) => ({ ...diffSummary(before, after), ...note }))
  }

  /**
   * The translation group to store for `translationOf`: the other row's group (created now if it
   * has none, which writes the other row too). One member per edition, so a group that already has
   * a row in this edition is a 409.
   *
   * Joining changes the other row as well — its group, or at least the translations it lists —
   * so it takes the update permission on that row too: an author may link its own drafts, while
   * linking to someone else's (or a published) article is an editor's job. Refused before
   * anything is written, so a key that may not edit a row can neither change it nor take its
   * group's seat for an edition.
   */
  function translationGroupFor (tx: Db, self: { id: number, editionId: number }, translationOf: number | null, actor: Principal, at: number): number | null {
    if (translationOf === null) return null
    const field = (reason: string) => new InvalidInputError(`body.translationOf ${reason}`, [{ name: 'body.translationOf', reason }])
    if (translationOf === self.id) throw field(`must name another ${type}`)
    const other = spec.byId.get({ id: translationOf })
    if (other === undefined) throw field(`${type} ${translationOf} does not exist`)
    try {
      authorize(actor, op('update'), other)
    } catch (error) {
      if (!(error instanceof ForbiddenError)) throw error
      throw new ForbiddenError(`Linking a translation changes ${type} ${translationOf} too, and the ${actor.role} role may not edit it; ask an editor to link the translation.`)
    }
    const Type = type[0]!.toUpperCase() + type.slice(1)
    if (other.editionId === self.editionId) throw new ConflictError(`${Type} ${translationOf} is in the same edition; a translation group has at most one ${type} per edition.`)
    let group = other.translationGroup
    if (group === null) {
      group = spec.translationGroups.next.get()?.n ?? 1
      write(tx, other, { translationGroup: group }, 'updated', actor, at)
    } else if (spec.translationGroups.memberInEdition.get({ group, editionId: self.editionId, id: self.id }) !== undefined) {
      throw new ConflictError(`${Type} ${translationOf}'s translation group already has a ${type} in edition ${spec.editionCode(self.editionId)}.`)
    }
    return group
  }

  return {
    now,
    load,
    inTransaction,
    withRow,
    record,
    write,
    translationGroupFor,

    transition (id: number, action: WorkflowAction, options: EntityWriteOptions & { publishedAt?: string }): Row {
      const requested = options.publishedAt === undefined ? undefined : requireInstant(options.publishedAt, 'body.publishedAt')
      return withRow(id, op('publish'), options, (tx, row, principal, at) => {
        const next = transition(row, action, at, requested)
        return write(tx, row, { status: next.status, publishedAt: next.publishedAt }, next.change, principal, at)
      })
    },

    /**
     * Deletes the row. Its last revision is the row as it was deleted; with the `deleted` change it
     * is the tombstone. Menu items linking to it leave their menus as a logged menu change; other
     * link rows go with it (ON DELETE CASCADE), and so do its attachments.
     */
    remove (id: number, options: EntityWriteOptions): void {
      withRow(id, op('delete'), options, (tx, row, principal, at) => {
        const snapshot = spec.snapshotOf(row)
        revisions.record({ entityType: type, entityId: id, version: row.version + 1, action: 'deleted', snapshot, keyId: principal.keyId, at })
        changeLog.record({ entityType: type, entityId: id, action: 'deleted', at, keyId: principal.keyId, summary: { edition: snapshot.edition, slug: row.slug, title: row.title, version: row.version + 1 } })
        menuLinks.removeLinksTo(tx, type === 'article' ? { article: id } : { page: id }, { actor: principal, at })
        spec.attachments.replace(tx, id, [])
        tx.delete(table).where(eq(table.id, id)).run()
      })
    },

    listRevisions (id: number, actor: Principal | null): RevisionSummary[] {
      authorize(actor, op('read-revisions'))
      authorize(actor, op('read-revisions'), load(id))
      return revisions.list(type, id)
    },

    getRevision (id: number, number: number, actor: Principal | null) {
      authorize(actor, op('read-revisions'))
      authorize(actor, op('read-revisions'), load(id))
      return revisions.get<Snapshot>(type, id, number)
    }
  }
}
