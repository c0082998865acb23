import { randomBytes } from 'node:crypto'

/** A Standard Webhooks signing secret: `whsec_` and 32 random bytes in base64 (the spec allows 24–64). */
export const generateSigningSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`
export { signingSecretShape } from '../auth/secret-shapes.js'

/** `msg_` and 128 random bits: unique without coordination between instances. */
export const generateMessageId = (): string => `msg_${randomBytes(16).toString('base64url')}`
