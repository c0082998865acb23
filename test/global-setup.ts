import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { openDatabase } from '../src/database.js'
import { seedDemo } from '../src/db/seed/demo.js'
import { TEST_NOW } from './helpers/clock.js'

declare module 'vitest' {
  export interface ProvidedContext { templateDatabase: string }
}

/** Migrates and seeds one template database; each test file copies it instead of seeding again. */
export default function setup (project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'quire-template-'))
  const path = join(dir, 'template.db')
  const db = openDatabase(path)
  seedDemo(db, { now: TEST_NOW })
  // fold the WAL into the main file so a plain file copy carries everything
  db.$client.pragma('wal_checkpoint(TRUNCATE)')
  db.$client.close()
  project.provide('templateDatabase', path)
  return () => rmSync(dir, { recursive: true, force: true })
}
