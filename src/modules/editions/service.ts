import { asc } from 'drizzle-orm'
import type { Db } from '../../db/connection.js'
import { editions } from '../../db/schema.js'
import { InvalidInputError, NotFoundError } from '../../errors.js'
import { toIso } from '../../time.js'
import type { Edition } from './schemas.js'

export function createEditionService ({ db }: { db: Db }) {
  const all = db.select().from(editions).orderBy(asc(editions.position), asc(editions.id)).prepare()
  // Editions are a handful of rows read by nearly every request; they are cached and reloaded
  // whenever this service writes them (the only writer of the table).
  let cache: { list: Edition[], byId: Map<number, Edition>, byCode: Map<string, Edition> } | null = null
  const load = () => {
    if (cache === null) {
      const list = all.all().map((row): Edition => ({
        id: row.id,
        code: row.code,
        name: row.name,
        nativeName: row.nativeName,
        direction: row.direction,
        isDefault: row.isDefault,
        position: row.position,
        createdAt: toIso(row.createdAt),
        updatedAt: toIso(row.updatedAt)
      }))
      cache = { list, byId: new Map(list.map((e) => [e.id, e])), byCode: new Map(list.map((e) => [e.code, e])) }
    }
    return cache
  }

  return {
    list (): Edition[] { return load().list },
    findByCode (code: string): Edition {
      const edition = load().byCode.get(code)
      if (edition === undefined) throw new NotFoundError('edition', code)
      return edition
    },
    findById (id: number): Edition {
      const edition = load().byId.get(id)
      if (edition === undefined) throw new NotFoundError('edition', id)
      return edition
    },
    /** For filters: an unknown edition code is a client mistake, reported against the parameter. */
    resolveFilter (code: string, parameter = 'query.edition'): Edition {
      const edition = load().byCode.get(code)
      if (edition === undefined) throw new InvalidInputError(`Unknown edition "${code}".`, [{ name: parameter, reason: `no edition has code "${code}"` }])
      return edition
    },
    invalidate (): void { cache = null }
  }
}

export type EditionService = ReturnType<typeof createEditionService>
