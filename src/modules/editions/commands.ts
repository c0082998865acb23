import { eq, sql } from 'drizzle-orm'
import type { Db } from '../../db/connection.js'
import { editions } from '../../db/schema.js'
import type { ChangeLog } from '../../editorial/changes.js'
import { createEntityCommands, type WriteContext } from '../../editorial/entity-commands.js'
import type { LinkRemoval } from '../../editorial/link-removal.js'
import { ConflictError } from '../../errors.js'
import type { Clock } from '../../time.js'
import type { EditionCreateBody, EditionPatchBody } from './write-schemas.js'

export type EditionRow = typeof editions.$inferSelect

/** A module whose content belongs to editions: an edition may go only when it holds none of it. */
export interface EditionContentHolder {
  one: string
  many: string
  countByEdition: (editionId: number) => number
}

/**
 * What an edition's create and delete do to other modules. They are built on editions (every
 * module reads it), so editions cannot import them: createServices hands them in. `holders` is
 * asked only when an edition is deleted, after every service exists.
 */
export interface EditionNeighbours {
  holders: () => readonly EditionContentHolder[]
  /** The site settings row that comes and goes with an edition (settings module). */
  settings: {
    create: (tx: Db, edition: { id: number, code: string, name: string }, context: WriteContext) => void
    removed: (edition: { id: number, code: string }, context: WriteContext) => void
  }
  /** Language-switcher menu items linking to the edition (menus module). */
  menuLinks: LinkRemoval
}

/**
 * Edition writes (admins). Exactly one edition is the default: making one the default unsets the
 * previous one in the same transaction (with its own `updated` change), and the default cannot be
 * unset or deleted. A new edition gets its site settings row; deleting one is refused while it
 * holds any content, and takes its settings and the language-switcher menu items linking to it.
 */
export function createEditionCommands ({ db, clock, changeLog, neighbours }: { db: Db, clock: Clock, changeLog: ChangeLog, neighbours: EditionNeighbours }) {
  const byId = db.select().from(editions).where(eq(editions.id, sql.placeholder('id'))).prepare()
  const byCode = db.select({ id: editions.id }).from(editions).where(eq(editions.code, sql.placeholder('code'))).prepare()
  const currentDefault = db.select({ id: editions.id, version: editions.version }).from(editions).where(eq(editions.isDefault, true)).prepare()
  const nextPosition = db.select({ n: sql<number>`coalesce(max(${editions.position}) + 1, 0)` }).from(editions).prepare()
  const { settings, menuLinks } = neighbours

  /** The previous default stops being it: a write to that edition, with its own change. */
  function unsetDefault (tx: Db, exceptId: number, { actor, at }: WriteContext): void {
    const previous = currentDefault.get()
    if (previous === undefined || previous.id === exceptId) return
    tx.update(editions).set({ isDefault: false, version: previous.version + 1, updatedAt: at }).where(eq(editions.id, previous.id)).run()
    changeLog.record({ entityType: 'edition', entityId: previous.id, action: 'updated', at, keyId: actor.keyId, summary: { isDefault: { from: true, to: false } } })
  }

  return createEntityCommands<EditionRow, EditionCreateBody, EditionPatchBody>({ db, clock, changeLog }, {
    type: 'edition',
    label: 'edition',
    table: editions,
    operations: { create: 'edition:create', update: 'edition:update', delete: 'edition:delete' },
    load: (id) => byId.get({ id }),
    insertColumns (input, tx, context) {
      if (byCode.get({ code: input.code }) !== undefined) throw new ConflictError(`An edition with code "${input.code}" already exists.`)
      if (input.isDefault === true) unsetDefault(tx, 0, context)
      return {
        code: input.code,
        name: input.name,
        nativeName: input.nativeName,
        direction: input.direction,
        isDefault: input.isDefault ?? false,
        position: input.position ?? nextPosition.get()?.n ?? 0
      }
    },
    afterCreate (row, _input, tx, context) {
      settings.create(tx, row, context)
    },
    updateColumns (row, patch, tx, context) {
      if (patch.isDefault === false && row.isDefault) {
        throw new ConflictError(`Edition "${row.code}" is the default edition; make another edition the default instead of unsetting it.`)
      }
      if (patch.isDefault === true && !row.isDefault) unsetDefault(tx, row.id, context)
      const columns: Partial<typeof editions.$inferInsert> = {}
      if (patch.name !== undefined) columns.name = patch.name
      if (patch.nativeName !== undefined) columns.nativeName = patch.nativeName
      if (patch.direction !== undefined) columns.direction = patch.direction
      if (patch.isDefault !== undefined) columns.isDefault = patch.isDefault
      if (patch.position !== undefined) columns.position = patch.position
      return columns
    },
    beforeDelete (row, tx, context) {
      if (row.isDefault) throw new ConflictError(`Edition "${row.code}" is the default edition; make another edition the default before deleting it.`)
      const held = neighbours.holders().flatMap(({ one, many, countByEdition }) => {
        const n = countByEdition(row.id)
        return n === 0 ? [] : [`${n} ${n === 1 ? one : many}`]
      })
      if (held.length > 0) throw new ConflictError(`Edition "${row.code}" still holds ${held.join(', ')}; delete them first.`)
      const menusUpdated = menuLinks.removeLinksTo(tx, { edition: row.id }, context)
      settings.removed(row, context)
      return { menusUpdated }
    },
    snapshot: (row) => ({ code: row.code, name: row.name, nativeName: row.nativeName, direction: row.direction, isDefault: row.isDefault, position: row.position })
  })
}

export type EditionCommands = ReturnType<typeof createEditionCommands>
