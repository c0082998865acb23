import type Database from 'better-sqlite3'
import { htmlToWords } from '../editorial/html-text.js'
import { indexedWords } from './normalize.js'
import { indexedForms, languageOfEdition } from './word-forms.js'

const textOrNull = (fn: (text: string) => string) => (value: unknown): string | null =>
  typeof value === 'string' ? fn(value) : null

/**
 * SQL functions the search index is maintained with (see index-maintenance.ts), registered on every
 * connection `openDatabase` opens, so the server, the CLI, the seeders and tests index text with
 * the same JS code the queries are normalized with.
 */
export function registerSearchFunctions (client: Database.Database): void {
  client.function('quire_index_words', { deterministic: true }, textOrNull(indexedWords))
  client.function('quire_html_text', { deterministic: true }, textOrNull(htmlToWords))
  // (text, edition code): the word forms of a text in its edition's language (word-forms.ts)
  client.function('quire_search_forms', { deterministic: true }, (text: unknown, edition: unknown): string | null =>
    typeof text === 'string' && typeof edition === 'string' ? indexedForms(text, languageOfEdition(edition)) : null)
}
