import { createHash } from 'node:crypto'
import type { Db } from '../../db/connection.js'

export interface Mapping { entityType: string, entityId: number, hash: string }

/** A stable digest of what was read for an item: equal means the WordPress side did not change it. */
export function contentHash (value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url')
}

/**
 * The import_mappings table: WordPress (site, kind, id) → the Quire entity made of it. Written in
 * the item's own transaction, so an item is either fully imported and mapped or not at all — the
 * re-run after a kill picks up exactly where the last committed item left off.
 */
export function createMappingStore (db: Db, source: string) {
  const client = db.$client
  const find = client.prepare<[string, string, string], Mapping>('select entity_type as entityType, entity_id as entityId, hash from import_mappings where source = ? and wp_kind = ? and wp_id = ?')
  const save = client.prepare(`insert into import_mappings (source, wp_kind, wp_id, guid, entity_type, entity_id, hash, imported_at) values (?, ?, ?, ?, ?, ?, ?, ?)
    on conflict (source, wp_kind, wp_id) do update set guid = excluded.guid, entity_type = excluded.entity_type, entity_id = excluded.entity_id, hash = excluded.hash, imported_at = excluded.imported_at`)
  return {
    find: (kind: string, wpId: string): Mapping | null => find.get(source, kind, wpId) ?? null,
    save (kind: string, wpId: string, entity: { type: string, id: number }, hash: string, at: number, guid: string | null = null): void {
      save.run(source, kind, wpId, guid, entity.type, entity.id, hash, at)
    }
  }
}

export type MappingStore = ReturnType<typeof createMappingStore>
