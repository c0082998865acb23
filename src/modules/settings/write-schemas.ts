import { Type, type Static } from '@sinclair/typebox'
import { Nullable } from '../../schemas/common.js'
import { Text } from '../../schemas/text-validation.js'
import { ShareNetwork } from './schemas.js'
import { shareNetworks } from '../../editorial/share-links.js'

// what a client may write; the edition (the key), version and updatedAt are the server's
const SocialLinkInput = Type.Object({
  network: Type.String({ minLength: 1, maxLength: 50, pattern: '\\S', description: 'Network name, e.g. x, facebook, telegram' }),
  url: Text('url', { maxLength: 2000, description: 'An absolute http(s) URL' })
}, { additionalProperties: false })

export const SettingsPatchBody = Type.Object({
  title: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', description: 'Plain text' })),
  tagline: Type.Optional(Nullable(Type.String({ maxLength: 300, description: 'Plain text; null clears it' }))),
  copyright: Type.Optional(Nullable(Type.String({ maxLength: 300, description: 'Plain text; null clears it' }))),
  socialLinks: Type.Optional(Type.Array(SocialLinkInput, { maxItems: 50, description: 'Replaced whole, in this order' })),
  shareNetworks: Type.Optional(Nullable(Type.Array(ShareNetwork, { uniqueItems: true, maxItems: shareNetworks.length, description: `Share links on articles, in this order; any of ${shareNetworks.join(', ')}; null restores the default list` })))
}, { additionalProperties: false, minProperties: 1 })
export type SettingsPatchBody = Static<typeof SettingsPatchBody>
