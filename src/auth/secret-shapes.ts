/**
 * What the secrets Quire hands out look like inside a longer text (a URL, a response body), so the
 * HTTP layer can redact them from logs and refuse to store them for replay without knowing the
 * features that issue them (keys here in auth/, signing secrets in webhooks/).
 */
export { tokenShape } from './tokens.js'
/** A Standard Webhooks signing secret (`whsec_` and base64), as webhooks/secret.ts generates it. */
export const signingSecretShape = /whsec_[A-Za-z0-9+/=]{32,}/
