import { sql } from 'drizzle-orm'
import type { Db } from '../db/connection.js'
import { authors, categories, galleries, media, menus, tags } from '../db/schema.js'

const tables = { tag: tags, category: categories, author: authors, media, gallery: galleries, menu: menus }
export type VersionedType = keyof typeof tables

/**
 * Read model: the `version` column of six modules' tables (sanctioned in .dependency-cruiser.cjs).
 * Versions of many rows of one type in one statement: public reads leave `version` out of their
 * DTOs, so GraphQL's `version` field on a list asks here once per level, not once per item.
 */
export function createVersionReader (db: Db) {
  const statements = Object.fromEntries(Object.entries(tables).map(([type, table]) => [type,
    db.select({ id: table.id, version: table.version }).from(table)
      .where(sql`${table.id} in (select value from json_each(${sql.placeholder('ids')}))`).prepare()])) as unknown as Record<VersionedType, { all: (params: { ids: string }) => Array<{ id: number, version: number }> }>

  return {
    /** In key order; a row that is gone counts as version 1 (it cannot be written any more). */
    of (type: VersionedType, ids: readonly number[]): number[] {
      if (ids.length === 0) return []
      const found = new Map(statements[type].all({ ids: JSON.stringify([...new Set(ids)]) }).map((row) => [row.id, row.version]))
      return ids.map((id) => found.get(id) ?? 1)
    }
  }
}

export type VersionReader = ReturnType<typeof createVersionReader>
