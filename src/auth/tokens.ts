import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/*
 * A token is `quire_` + 43 base64url characters (32 random bytes). Its first 12 characters after
 * the marker are stored in clear as the lookup prefix (and shown in listings); the whole token is
 * stored only as its sha256. A lookup finds the row by prefix, then compares hashes in constant
 * time, so the database query never compares secret material.
 */
const MARKER = 'quire_'
const PREFIX_LENGTH = 12
const tokenPattern = /^quire_[A-Za-z0-9_-]{43}$/
/** Where a token may hide in a longer text (a URL, a response body): for redaction, not authentication. */
export const tokenShape = /quire_[A-Za-z0-9_-]{43}/

export interface IssuedToken { token: string, prefix: string, hash: string }

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex')

export function issueToken (): IssuedToken {
  const token = MARKER + randomBytes(32).toString('base64url')
  return { token, prefix: prefixOf(token), hash: hashToken(token) }
}

const prefixOf = (token: string): string => token.slice(MARKER.length, MARKER.length + PREFIX_LENGTH)

/** The lookup prefix of a well-formed token, or null for anything that cannot be one of ours. */
export function lookupPrefix (token: string): string | null {
  return tokenPattern.test(token) ? prefixOf(token) : null
}

export function hashesEqual (a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex')
  const right = Buffer.from(b, 'hex')
  return left.length === right.length && timingSafeEqual(left, right)
}

/** How a key is shown after creation: enough to recognise it, useless to authenticate. */
export const displayPrefix = (prefix: string): string => `${MARKER}${prefix}…`
