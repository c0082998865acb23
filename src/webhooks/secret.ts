import { randomBytes } from 'node:crypto'

/** A Standard Webhooks signing secret: `whsec_` and 32 random bytes in base64 (the spec allows 24–64). */
export const generateSigningSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`
/** A signing secret inside a longer text (a URL, a response body): for redaction. */
export const signingSecretShape = /whsec_[A-Za-z0-9+/=]{32,}/

/** `msg_` and 128 random bits: unique without coordination between instances. */
export const generateMessageId = (): string => `msg_${randomBytes(16).toString('base64url')}`
