import { Type, type Static } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { createHmac, timingSafeEqual } from 'node:crypto'
import { InvalidInputError } from '../errors.js'
import { syncTypes, type SyncType } from './schemas.js'

/**
 * Where a client stands in the sync stream. Everything a page depends on is in here, so a token is
 * the whole client state and the server keeps none.
 */
export interface SyncPosition {
  edition: string | null
  types: SyncType[]
  /** Every change with seq <= this is reflected in what the client has (or will get from the initial pass). */
  changes: number
  /** Every article and page with visible_from <= this instant (epoch ms) has been delivered. */
  visible: number
  /** The initial pass: the syncTypes index and last id listed; null once it is done. */
  initial: [number, number] | null
  /** Progress through the articles (0) and pages (1) that turned visible after `visible`, as (visible_from, id); null when not started. */
  flips: [number, number, number] | null
}

const Count = Type.Integer({ minimum: 0 })
const Payload = Type.Tuple([
  Type.Literal(1),
  Type.Union([Type.String({ minLength: 1, maxLength: 35 }), Type.Null()]),
  Type.Integer({ minimum: 1, maximum: 2 ** syncTypes.length - 1 }),
  Count,
  Count,
  Type.Union([Type.Tuple([Type.Integer({ minimum: 0, maximum: syncTypes.length - 1 }), Count]), Type.Null()]),
  Type.Union([Type.Tuple([Type.Integer({ minimum: 0, maximum: 1 }), Count, Count]), Type.Null()])
])
type Payload = Static<typeof Payload>

const SIGNATURE_BYTES = 16
// domain separation: a list cursor signed with the same secret is never a valid token, nor the reverse
const PURPOSE = 'quire sync token\n'

const maskOf = (types: readonly SyncType[]): number => types.reduce((mask, type) => mask | (1 << syncTypes.indexOf(type)), 0)
const typesOf = (mask: number): SyncType[] => syncTypes.filter((_, index) => (mask & (1 << index)) !== 0)

/**
 * Sync tokens: the position as compact JSON, HMAC-SHA256-signed with the cursor secret
 * (CURSOR_SECRET), base64url. The encoding is deterministic, so a client that is up to date gets
 * back the token it sent — which keeps polling at the head cacheable.
 */
export function createSyncTokenCodec (secret: string) {
  const sign = (payload: Buffer): Buffer => createHmac('sha256', secret).update(PURPOSE).update(payload).digest().subarray(0, SIGNATURE_BYTES)
  const invalid = (reason: string) => new InvalidInputError('The sync token is not valid; start again with an initial sync (no token).', [{ name: 'query.token', reason }])

  return {
    encode (position: SyncPosition): string {
      const payload: Payload = [1, position.edition, maskOf(position.types), position.changes, position.visible, position.initial, position.flips]
      const bytes = Buffer.from(JSON.stringify(payload))
      return Buffer.concat([sign(bytes), bytes]).toString('base64url')
    },

    decode (token: string): SyncPosition {
      const raw = Buffer.from(token, 'base64url')
      if (raw.length <= SIGNATURE_BYTES) throw invalid('is malformed')
      const bytes = raw.subarray(SIGNATURE_BYTES)
      if (!timingSafeEqual(raw.subarray(0, SIGNATURE_BYTES), sign(bytes))) throw invalid('is malformed, was altered or was issued by another server')
      let parsed: unknown
      try {
        parsed = JSON.parse(bytes.toString('utf8'))
      } catch {
        throw invalid('is malformed')
      }
      if (!Value.Check(Payload, parsed)) throw invalid('is malformed')
      const [, edition, mask, changes, visible, initial, flips] = parsed
      return { edition, types: typesOf(mask), changes, visible, initial, flips }
    }
  }
}

export type SyncTokenCodec = ReturnType<typeof createSyncTokenCodec>
