import type { Db } from '../db/connection.js'
import { rebuildSearchIndex } from './index-maintenance.js'

export interface Output { out: (text: string) => void, err: (text: string) => void }

/**
 * `quire search rebuild`: indexes every published and scheduled article and page from scratch, e.g. after
 * a change to normalize.ts (the index holds normalized text). Readers keep the old index until the
 * new one commits. Returns the exit code.
 */
export function runSearchCommand (db: Db, argv: string[], io: Output): number {
  if (argv.length !== 1 || argv[0] !== 'rebuild') {
    io.err('usage: quire search rebuild\n')
    return 1
  }
  const started = performance.now()
  const { articles, pages } = rebuildSearchIndex(db.$client)
  io.out(`search index rebuilt: ${articles} articles and ${pages} pages in ${Math.round(performance.now() - started)} ms\n`)
  return 0
}
