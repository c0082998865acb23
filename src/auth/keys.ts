import { asc, eq, sql } from 'drizzle-orm'
import type { Db } from '../db/connection.js'
import { apiKeys, type ApiKeyRole } from '../db/schema.js'
import type { ChangeLog } from '../editorial/changes.js'
import { InvalidInputError, NotFoundError } from '../errors.js'
import type { Clock } from '../time.js'
import type { Principal } from './principal.js'
import { displayPrefix, hashesEqual, hashToken, issueToken, lookupPrefix } from './tokens.js'

export interface ApiKeyInfo {
  id: number
  name: string
  role: ApiKeyRole
  prefix: string
  createdAt: number
  revokedAt: number | null
  lastUsedAt: number | null
}

export interface CreatedApiKey extends ApiKeyInfo {
  /** Shown once, never stored. */
  token: string
}

/**
 * `last_used_at` is refreshed at most once an hour per key: every write moves the content version
 * (and so every public ETag), and authenticated reads must not turn into writes.
 */
const LAST_USED_RESOLUTION_MS = 60 * 60 * 1000

type KeyRow = typeof apiKeys.$inferSelect

const toInfo = (row: KeyRow): ApiKeyInfo => ({
  id: row.id,
  name: row.name,
  role: row.role,
  prefix: displayPrefix(row.prefix),
  createdAt: row.createdAt,
  revokedAt: row.revokedAt,
  lastUsedAt: row.lastUsedAt
})

/**
 * API keys: created and revoked by the CLI (or an admin key), resolved to a principal per request.
 * Key events go through the change log like every write, so its observers see them; the webhook
 * outbox publishes only content entity types and passes over `key` changes.
 */
export function createApiKeyService ({ db, clock, changeLog }: { db: Db, clock: Clock, changeLog: ChangeLog }) {
  const byPrefix = db.select().from(apiKeys).where(eq(apiKeys.prefix, sql.placeholder('prefix'))).prepare()
  const byId = db.select().from(apiKeys).where(eq(apiKeys.id, sql.placeholder('id'))).prepare()
  const all = db.select().from(apiKeys).orderBy(asc(apiKeys.id)).prepare()
  const touch = db.update(apiKeys).set({ lastUsedAt: sql`${sql.placeholder('now')}` }).where(eq(apiKeys.id, sql.placeholder('id'))).prepare()

  return {
    create (input: { name: string, role: ApiKeyRole }, actor: Principal | null = null): CreatedApiKey {
      const name = input.name.trim()
      if (name.length === 0 || name.length > 200) {
        throw new InvalidInputError('A key needs a name of 1 to 200 characters.', [{ name: 'name', reason: 'must be 1 to 200 characters' }])
      }
      const now = clock().getTime()
      return db.transaction((tx) => {
        // a prefix collision (2^-72 per pair) is retried rather than reported
        for (;;) {
          const issued = issueToken()
          if (byPrefix.get({ prefix: issued.prefix }) !== undefined) continue
          const row = tx.insert(apiKeys).values({ name, role: input.role, prefix: issued.prefix, tokenHash: issued.hash, createdAt: now }).returning().get()
          changeLog.record({ entityType: 'key', entityId: row.id, action: 'created', at: now, keyId: actor?.keyId ?? null, summary: { name, role: input.role } })
          return { ...toInfo(row), token: issued.token }
        }
      }, { behavior: 'immediate' })
    },

    list (): ApiKeyInfo[] { return all.all().map(toInfo) },

    findById (id: number): ApiKeyInfo {
      const row = byId.get({ id })
      if (row === undefined) throw new NotFoundError('API key', id)
      return toInfo(row)
    },

    /** Revoking is immediate (keys are checked on every request) and permanent; revoking twice changes nothing. */
    revoke (id: number, actor: Principal | null = null): ApiKeyInfo {
      const now = clock().getTime()
      return db.transaction((tx) => {
        const row = byId.get({ id })
        if (row === undefined) throw new NotFoundError('API key', id)
        if (row.revokedAt !== null) return toInfo(row)
        const updated = tx.update(apiKeys).set({ revokedAt: now }).where(eq(apiKeys.id, id)).returning().get()
        changeLog.record({ entityType: 'key', entityId: id, action: 'deleted', at: now, keyId: actor?.keyId ?? null, summary: { revoked: true } })
        return toInfo(updated)
      }, { behavior: 'immediate' })
    },

    /**
     * The identity of a job the server runs itself (an import, the demo start-up) in the change
     * log: a key of its own, revoked at once, so no token for it is ever usable.
     */
    systemActor (name: string, role: ApiKeyRole): { keyId: number, name: string, role: ApiKeyRole } {
      const key = this.create({ name, role })
      this.revoke(key.id)
      return { keyId: key.id, name: key.name, role }
    },

    /** The principal a bearer token stands for, or null when it is malformed, unknown or revoked. */
    authenticate (token: string): Principal | null {
      const prefix = lookupPrefix(token)
      if (prefix === null) return null
      const row = byPrefix.get({ prefix })
      // hash even when no row matched, so unknown and wrong tokens cost the same
      const hash = hashToken(token)
      if (row === undefined || !hashesEqual(hash, row.tokenHash) || row.revokedAt !== null) return null
      const now = clock().getTime()
      if (row.lastUsedAt === null || now - row.lastUsedAt >= LAST_USED_RESOLUTION_MS) touch.run({ id: row.id, now })
      return { keyId: row.id, name: row.name, role: row.role }
    }
  }
}

export type ApiKeyService = ReturnType<typeof createApiKeyService>
