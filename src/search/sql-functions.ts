import type Database from 'better-sqlite3'
import { htmlToWords } from '../editorial/html-text.js'
import { normalizeSearchText } from './normalize.js'

const textOrNull = (fn: (text: string) => string) => (value: unknown): string | null =>
  typeof value === 'string' ? fn(value) : null

/**
 * SQL functions the search index is maintained with (see index-maintenance.ts), registered on every
 * connection `openDatabase` opens, so the server, the CLI, the seeders and tests index text with
 * the same JS code the queries are normalized with.
 */
export function registerSearchFunctions (client: Database.Database): void {
  client.function('quire_normalize', { deterministic: true }, textOrNull(normalizeSearchText))
  client.function('quire_html_text', { deterministic: true }, textOrNull(htmlToWords))
}
