import { randomBytes } from 'node:crypto'
import { eq } from 'drizzle-orm'
import type { Db } from './connection.js'
import { instanceSecrets } from './schema.js'

/**
 * The named secret stored in the database, generated on first use. Insert-or-ignore then read, so
 * two processes starting on one file at once agree on the first one written.
 */
export function storedSecret (db: Db, name: string, now: Date): string {
  db.insert(instanceSecrets).values({ name, value: randomBytes(32).toString('hex'), createdAt: now.getTime() }).onConflictDoNothing().run()
  const row = db.select({ value: instanceSecrets.value }).from(instanceSecrets).where(eq(instanceSecrets.name, name)).get()
  if (row === undefined) throw new Error(`instance secret ${name} could not be stored`)
  return row.value
}
