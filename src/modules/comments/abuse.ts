import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import type { DiscussionConfig } from '../../config.js'
import { InvalidInputError, RateLimitedError } from '../../errors.js'

/**
 * The protections every public form shares (comments and the contact form): a signed form token
 * with a minimum age, a honeypot field, link and length limits, per-address windows, duplicate
 * fingerprints and the blocklist. Addresses are only ever kept as a salted hash.
 */
export type AbuseConfig = Pick<DiscussionConfig, 'minSubmitSeconds' | 'tokenTtlSeconds' | 'maxLinks' | 'blocklist' | 'ipSalt' | 'perIpMax' | 'rateWindowSeconds'>

const linkPattern = /\b(?:https?:\/\/|www\.)\S/gi

export const countLinks = (text: string): number => text.match(linkPattern)?.length ?? 0

/** Whitespace runs collapsed and case folded: "Great  post!" and "great post!" are the same comment. */
export const normalizedText = (text: string): string => text.trim().replace(/\s+/g, ' ').toLowerCase()

export const fingerprintOf = (...parts: string[]): string => createHash('sha256').update(parts.join('\u0000')).digest('base64url')

export function hashIp (salt: string, ip: string): string {
  return createHmac('sha256', salt).update(ip).digest('base64url').slice(0, 32)
}

/** Does a blocklisted word, email or address occur? Words match whole words, case-insensitively. */
export function isBlocked (blocklist: readonly string[], input: { texts: string[], email: string | null, ip: string }): boolean {
  if (blocklist.length === 0) return false
  const email = input.email?.toLowerCase() ?? null
  const words = new Set(input.texts.flatMap((text) => text.toLowerCase().split(/[^\p{L}\p{N}@._-]+/u)).filter((word) => word.length > 0))
  const joined = input.texts.join(' ').toLowerCase()
  return blocklist.some((entry) => entry === email || entry === input.ip.toLowerCase() || words.has(entry) || (entry.includes(' ') && joined.includes(entry)))
}

/** Plain text as safe HTML: everything escaped, paragraphs and line breaks kept, links left as text. */
export function plainTextToHtml (text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
  return escaped.split(/\r?\n\s*\r?\n/).map((paragraph) => `<p>${paragraph.replace(/\r?\n/g, '<br>')}</p>`).join('')
}

/** Field problems as the problem+json `errors` list, thrown as one 400. */
export function refuse (name: string, reason: string): never {
  throw new InvalidInputError(`${name} ${reason}`, [{ name, reason }])
}

/**
 * Form tokens: `<issuedAt>.<signature>` over the scope (`article:12`, `contact:en`). A token
 * proves the form was loaded from this API at least `minSubmitSeconds` ago and not more than
 * `tokenTtlSeconds` ago; it needs no storage. It is not single-use: duplicate detection and the
 * rate limits stop replays.
 */
export function createFormTokens (secret: string, config: Pick<AbuseConfig, 'minSubmitSeconds' | 'tokenTtlSeconds'>) {
  const sign = (scope: string, issuedAt: number): string => createHmac('sha256', secret).update(`form-token\u0000${scope}\u0000${issuedAt}`).digest('base64url').slice(0, 32)
  return {
    issue (scope: string, now: number): { token: string, notBefore: number, expiresAt: number } {
      return { token: `${now}.${sign(scope, now)}`, notBefore: now + config.minSubmitSeconds * 1000, expiresAt: now + config.tokenTtlSeconds * 1000 }
    },
    verify (scope: string, token: string, now: number, field = 'body.token'): void {
      const match = /^([0-9]{1,15})\.([A-Za-z0-9_-]{32})$/.exec(token)
      if (match === null) refuse(field, 'is not a valid form token: fetch a new one')
      const issuedAt = Number(match[1])
      const expected = Buffer.from(sign(scope, issuedAt))
      if (!timingSafeEqual(expected, Buffer.from(match[2]!))) refuse(field, 'is not a valid form token for this form: fetch a new one')
      if (now - issuedAt > config.tokenTtlSeconds * 1000 || issuedAt > now) refuse(field, 'has expired: fetch a new one')
      if (now - issuedAt < config.minSubmitSeconds * 1000) refuse(field, `was issued less than ${config.minSubmitSeconds} seconds ago: wait a moment and send again`)
    }
  }
}

export type FormTokens = ReturnType<typeof createFormTokens>

/** Refuses with 429 once `count` submissions are already in the window. */
export function checkWindow (count: number, max: number, windowSeconds: number, what: string): void {
  if (count >= max) throw new RateLimitedError(`Too many ${what}; try again later.`, windowSeconds)
}
