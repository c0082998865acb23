import { createHmac, timingSafeEqual } from 'node:crypto'
import { InvalidInputError } from '../errors.js'

/**
 * A keyset position: the sort value and id of the row the page starts after (`after`) or ends
 * before (`before`). Cursors are opaque to clients and HMAC-signed so a tampered one is refused
 * instead of silently positioning the page somewhere else.
 */
export interface KeysetPosition {
  sort: string
  value: string | number | null
  id: number
  direction: 'after' | 'before'
}

const SIGNATURE_BYTES = 12

export interface CursorCodec {
  encode: (position: KeysetPosition) => string
  decode: (cursor: string, expectedSort: string) => KeysetPosition
  /**
   * The same position with the given direction, re-signed. A Relay edge cursor is one position
   * that a client may pass as `after` or as `before`; the list services read the direction from
   * the cursor, so the GraphQL layer points it the way the argument says. The sort is left to the
   * service to check.
   */
  withDirection: (cursor: string, direction: KeysetPosition['direction']) => string
}

export function createCursorCodec (secret: string): CursorCodec {
  const sign = (payload: Buffer): Buffer => createHmac('sha256', secret).update(payload).digest().subarray(0, SIGNATURE_BYTES)
  const invalid = (reason: string) => new InvalidInputError('The cursor is not valid for this request.', [{ name: 'query.cursor', reason }])

  function encode (position: KeysetPosition): string {
    const payload = Buffer.from(JSON.stringify([position.sort, position.value, position.id, position.direction === 'after' ? 'a' : 'b']))
    return Buffer.concat([sign(payload), payload]).toString('base64url')
  }

  function decode (cursor: string, expectedSort: string | null): KeysetPosition {
    const raw = Buffer.from(cursor, 'base64url')
    if (raw.length <= SIGNATURE_BYTES) throw invalid('is malformed')
    const signature = raw.subarray(0, SIGNATURE_BYTES)
    const payload = raw.subarray(SIGNATURE_BYTES)
    if (!timingSafeEqual(signature, sign(payload))) throw invalid('is malformed or was altered')
    let parsed: unknown
    try {
      parsed = JSON.parse(payload.toString('utf8'))
    } catch {
      throw invalid('is malformed')
    }
    if (!Array.isArray(parsed) || parsed.length !== 4) throw invalid('is malformed')
    const [sort, value, id, direction] = parsed as unknown[]
    if (typeof sort !== 'string' || !Number.isSafeInteger(id) || (direction !== 'a' && direction !== 'b') ||
      !(value === null || typeof value === 'string' || typeof value === 'number')) {
      throw invalid('is malformed')
    }
    if (expectedSort !== null && sort !== expectedSort) throw invalid(`was issued for sort=${sort}, not sort=${expectedSort}`)
    return { sort, value, id: id as number, direction: direction === 'a' ? 'after' : 'before' }
  }

  return {
    encode,
    decode,
    withDirection (cursor, direction) {
      const position = decode(cursor, null)
      return position.direction === direction ? cursor : encode({ ...position, direction })
    }
  }
}
