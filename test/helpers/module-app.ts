import type { TSchema } from '@sinclair/typebox'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type Database from 'better-sqlite3'
import Fastify, { type FastifyInstance } from 'fastify'
import type { Db } from '../../src/db/connection.js'
import { openDatabase } from '../../src/database.js'
import { registerProblemHandlers } from '../../src/http/problem.js'
import { rejectEncodedIds, strictValidatorCompiler } from '../../src/http/validation.js'
import { createEditionService, type EditionService } from '../../src/modules/editions/service.js'
import { createChangeLog } from '../../src/editorial/changes.js'
import { createCursorCodec, type CursorCodec } from '../../src/pagination/cursor.js'
import { Problem } from '../../src/schemas/common.js'
import type { Clock } from '../../src/time.js'
import { copyTemplateDatabase } from './app.js'
import { fixedClock, TEST_NOW } from './clock.js'
import { openReadOnly } from './db.js'
import { createServices } from '../../src/services.js'
import { testConfig } from './app.js'

export const testBaseUrl = 'http://quire.test'

export interface ModuleDeps { db: Db, clock: Clock, codec: CursorCodec, editions: EditionService, baseUrl: string }

export interface ModuleApp {
  app: FastifyInstance
  deps: ModuleDeps
  /** Writable raw connection, for arranging data a test needs that the demo seed lacks. */
  db: Db
  /** Independent read-only connection for computing expectations in SQL. */
  sql: Database.Database
  now: number
  close: () => Promise<void>
}

/**
 * A minimal app around one module's routes, until app.ts registers them: the real validator,
 * problem handler and encoded-id guard, the module's component schemas, and real services on a
 * private copy of the seeded demo database at TEST_NOW.
 */
export async function buildModuleApp (options: {
  schemas: readonly TSchema[]
  register: (v1: FastifyInstance, deps: ModuleDeps) => Promise<void>
}): Promise<ModuleApp> {
  const copy = copyTemplateDatabase()
  const db = openDatabase(copy.path)
  const clock = fixedClock()
  const deps: ModuleDeps = {
    db,
    clock,
    codec: createCursorCodec('x'.repeat(32)),
    editions: createServices({ db, clock, config: testConfig() }).editions,
    baseUrl: testBaseUrl
  }
  const app = Fastify({ routerOptions: { ignoreTrailingSlash: true, maxParamLength: 300 } }).withTypeProvider<TypeBoxTypeProvider>()
  app.setValidatorCompiler(strictValidatorCompiler)
  for (const schema of [Problem, ...options.schemas]) app.addSchema(schema)
  app.addHook('preValidation', async (request) => {
    const problem = rejectEncodedIds(request)
    if (problem !== null) throw Object.assign(new Error('invalid id'), { statusCode: 400, validation: problem.validation, validationContext: 'params' })
  })
  registerProblemHandlers(app)
  await app.register(async (v1) => { await options.register(v1, deps) }, { prefix: '/v1' })
  await app.ready()
  const sql = openReadOnly(copy.path)
  return {
    app,
    deps,
    db,
    sql,
    now: TEST_NOW.getTime(),
    close: async () => {
      await app.close()
      sql.close()
      db.$client.close()
      copy.cleanup()
    }
  }
}
