import { asc } from 'drizzle-orm'
import { authorize, type Operation, type Visibility, showsVersion } from '../../auth/permissions.js'
import { changeProbeOf } from '../../db/change-probe.js'
import type { Db } from '../../db/connection.js'
import { editions } from '../../db/schema.js'
import type { ChangeLog } from '../../editorial/changes.js'
import type { EntityWriteOptions } from '../../editorial/entity-commands.js'
import { InvalidInputError, NotFoundError } from '../../errors.js'
import { toIso, type Clock } from '../../time.js'
import { createEditionCommands, type EditionNeighbours, type EditionRow } from './commands.js'
import type { Edition } from './schemas.js'
import type { EditionCreateBody, EditionPatchBody } from './write-schemas.js'

interface EditionCache {
  list: Edition[]
  byId: Map<number, Edition>
  byCode: Map<string, Edition>
  versions: Map<number, number>
  /** `PRAGMA data_version` when loaded: it moves when another connection or process commits. */
  dataVersion: number
}

export function createEditionService ({ db, clock, changeLog, neighbours, homeUrl }: { db: Db, clock: Clock, changeLog: ChangeLog, neighbours: EditionNeighbours, homeUrl: (code: string) => string }) {
  const all = db.select().from(editions).orderBy(asc(editions.position), asc(editions.id)).prepare()
  const probe = changeProbeOf(db.$client)
  // Editions are a handful of rows read by nearly every request (several times per listed item),
  // so they are cached. This service's own writes drop the cache; a commit by another connection
  // or process (a second app instance, the CLI) is noticed through `PRAGMA data_version`, which the
  // probe reads once per synchronous stretch of work (a commit landing mid-stretch is seen by the next one).
  let cache: EditionCache | null = null
  const load = (): EditionCache => {
    if (cache !== null && probe.dataVersion() !== cache.dataVersion) cache = null
    if (cache === null) {
      const version = probe.dataVersion()
      const rows = all.all()
      const list = rows.map((row): Edition => ({
        id: row.id,
        code: row.code,
        name: row.name,
        nativeName: row.nativeName,
        direction: row.direction,
        isDefault: row.isDefault,
        position: row.position,
        url: homeUrl(row.code),
        createdAt: toIso(row.createdAt),
        updatedAt: toIso(row.updatedAt)
      }))
      cache = {
        list,
        byId: new Map(list.map((e) => [e.id, e])),
        byCode: new Map(list.map((e) => [e.code, e])),
        versions: new Map(rows.map((row) => [row.id, row.version])),
        dataVersion: version
      }
    }
    return cache
  }
  const invalidate = (): void => { cache = null }
  const withVersion = (edition: Edition, visibility: Visibility): Edition =>
    showsVersion(visibility) ? { ...edition, version: load().versions.get(edition.id) ?? 1 } : edition

  const commands = createEditionCommands({ db, clock, changeLog, neighbours })
  // the cache is dropped after every write, committed or not: a failed write may have read
  // its own uncommitted rows into it
  const writing = <T>(write: () => T): T => {
    try {
      return write()
    } finally {
      invalidate()
    }
  }
  /** Writes address editions by code (as the read routes do); an unknown one is a 404 for those allowed to write. */
  const idOf = (code: string, options: EntityWriteOptions, operation: Operation): number => {
    const edition = load().byCode.get(code)
    if (edition !== undefined) return edition.id
    authorize(options.actor, operation)
    throw new NotFoundError('edition', code)
  }

  return {
    list (): Edition[] { return load().list },
    /** With `editorial` visibility (an API key) the edition carries its version, the ETag If-Match names. */
    findByCode (code: string, visibility: Visibility = 'public'): Edition {
      const edition = load().byCode.get(code)
      if (edition === undefined) throw new NotFoundError('edition', code)
      return withVersion(edition, visibility)
    },
    findById (id: number, visibility: Visibility = 'public'): Edition {
      const edition = load().byId.get(id)
      if (edition === undefined) throw new NotFoundError('edition', id)
      return withVersion(edition, visibility)
    },
    /** For filters: an unknown edition code is a client mistake, reported against the parameter. */
    resolveFilter (code: string, parameter = 'query.edition'): Edition {
      const edition = load().byCode.get(code)
      if (edition === undefined) throw new InvalidInputError(`Unknown edition "${code}".`, [{ name: parameter, reason: `no edition has code "${code}"` }])
      return edition
    },
    invalidate,

    create (input: EditionCreateBody, options: EntityWriteOptions): EditionRow {
      return writing(() => commands.create(input, options))
    },
    update (code: string, patch: EditionPatchBody, options: EntityWriteOptions): EditionRow {
      return writing(() => commands.update(idOf(code, options, 'edition:update'), patch, options))
    },
    remove (code: string, options: EntityWriteOptions): void {
      writing(() => commands.remove(idOf(code, options, 'edition:delete'), options))
    }
  }
}

export type EditionService = ReturnType<typeof createEditionService>
