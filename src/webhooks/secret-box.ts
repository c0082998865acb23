import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'

/*
 * Signing secrets must be readable by the delivery worker (HMAC needs the secret itself, not a
 * hash), so they are stored encrypted: AES-256-GCM under a key derived (HKDF-SHA256) from
 * WEBHOOK_SECRET_KEY, or from CURSOR_SECRET when that is not set (config.ts). The info label keeps
 * the derived key independent of any other use of the same configured secret. A copy of the
 * database alone reveals no secret. Stored form: `v1.<iv>.<tag>.<ciphertext>`, base64url parts.
 */
const FORMAT = 'v1'
const INFO = 'quire webhook signing secret encryption v1'
const AAD = Buffer.from('quire webhook signing secret')
const LEGACY_PLAINTEXT = /^whsec_/

export function createSecretBox (keyMaterial: string) {
  const key = Buffer.from(hkdfSync('sha256', keyMaterial, 'quire', INFO, 32))

  return {
    seal (secret: string): string {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      cipher.setAAD(AAD)
      const data = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()])
      return [FORMAT, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.')
    },

    /**
     * The secret, or null when it was sealed under another key (the configured key changed) or
     * altered. A secret stored in clear before encryption existed is returned as it is.
     */
    open (stored: string): string | null {
      if (LEGACY_PLAINTEXT.test(stored)) return stored
      const [format, iv, tag, data, ...rest] = stored.split('.')
      if (format !== FORMAT || iv === undefined || tag === undefined || data === undefined || rest.length > 0) return null
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
        decipher.setAAD(AAD)
        decipher.setAuthTag(Buffer.from(tag, 'base64url'))
        return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8')
      } catch {
        return null
      }
    },

    /** Stored in clear by a version before encryption; sealed at start-up (webhooks/service.ts). */
    isPlaintext (stored: string): boolean { return LEGACY_PLAINTEXT.test(stored) }
  }
}

export type SecretBox = ReturnType<typeof createSecretBox>
