import { Type, type Static } from '@sinclair/typebox'
import { Nullable } from '../../schemas/common.js'
import { Text } from '../../schemas/text-validation.js'
import { ShareNetwork, SocialNetwork } from './schemas.js'
import { shareNetworks } from '../../editorial/share-links.js'

const mediaId = (description: string) => Type.Integer({ minimum: 1, description: `${description}: an existing media item; null removes it` })

// what a client may write; the edition (the key), version and updatedAt are the server's
const SocialLinkInput = Type.Object({
  network: SocialNetwork,
  url: Text('url', { maxLength: 2000, description: 'An absolute http(s) URL' })
}, { additionalProperties: false })

export const SettingsPatchBody = Type.Object({
  title: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', description: 'Plain text' })),
  tagline: Type.Optional(Nullable(Type.String({ maxLength: 300, description: 'Plain text; null clears it' }))),
  copyright: Type.Optional(Nullable(Type.String({ maxLength: 300, description: 'Plain text; null clears it' }))),
  socialLinks: Type.Optional(Type.Array(SocialLinkInput, { maxItems: 50, description: 'Replaced whole, in this order' })),
  logoMediaId: Type.Optional(Nullable(mediaId('The logo on a light background'))),
  logoDarkMediaId: Type.Optional(Nullable(mediaId('The logo on a dark background'))),
  faviconMediaId: Type.Optional(Nullable(mediaId('The favicon'))),
  copyrightHolder: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', description: 'Who the copyright line names, e.g. `Quire News`; null clears it' }))),
  copyrightStartYear: Type.Optional(Nullable(Type.Integer({ minimum: 1000, maximum: 9999, description: 'The first year of the range `© 2003 - <this year>`; not after this year' }))),
  contactEmail: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 254, description: 'Null clears it' }))),
  contactPhone: Type.Optional(Nullable(Type.String({ minLength: 3, maxLength: 40, pattern: '^\\+?[0-9][0-9 ().-]*[0-9)]$', description: 'Digits, spaces, `()-.`, an optional leading `+`' }))),
  contactAddress: Type.Optional(Nullable(Text('multiline', { minLength: 1, maxLength: 500, description: 'Plain text, newlines allowed; null clears it' }))),
  shareNetworks: Type.Optional(Nullable(Type.Array(ShareNetwork, { uniqueItems: true, maxItems: shareNetworks.length, description: `Share links on articles, in this order; any of ${shareNetworks.join(', ')}; null restores the default list` })))
}, { additionalProperties: false, minProperties: 1 })
export type SettingsPatchBody = Static<typeof SettingsPatchBody>
