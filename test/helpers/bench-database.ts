import { openDatabase } from '../../src/database.js'
import { seedDemo } from '../../src/db/seed/demo.js'
import { seedSynthetic } from '../../src/db/seed/synthetic.js'

/**
 * Seeds a database file as `quire seed --articles N` seeds the benchmark's: demo content plus N
 * synthetic articles at the real now, which the bench's servers read by (not the tests' fixed clock).
 */
export function seedBenchDatabase (databasePath: string, articles: number): void {
  const db = openDatabase(databasePath)
  try {
    seedDemo(db, { now: new Date() })
    seedSynthetic(db, { articles, now: new Date() })
  } finally {
    db.$client.close()
  }
}
