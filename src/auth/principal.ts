import type { ApiKeyRole } from '../db/schema.js'

/** Who is calling: the API key behind a request, or null for the public. */
export interface Principal {
  keyId: number
  name: string
  role: ApiKeyRole
}
