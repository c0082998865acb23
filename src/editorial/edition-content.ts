import { count, eq, sql, type Column } from 'drizzle-orm'
import type { SQLiteTable } from 'drizzle-orm/sqlite-core'
import type { Db } from '../db/connection.js'

/**
 * `countByEdition` for a module whose rows each belong to one edition: every row, whatever its
 * status. An edition may be deleted only when every module answers 0 (the schema restricts the
 * delete too; asking first names what is left).
 */
export function editionContentCounter (db: Db, table: SQLiteTable & { editionId: Column }) {
  const statement = db.select({ n: count() }).from(table).where(eq(table.editionId, sql.placeholder('editionId'))).prepare()
  return (editionId: number): number => statement.get({ editionId })?.n ?? 0
}
