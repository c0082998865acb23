import { Type, type Static } from '@sinclair/typebox'
import { DateTime, EditionCode, EntityVersion, Nullable } from '../../schemas/common.js'
import { shareNetworks } from '../../editorial/share-links.js'

export const ShareNetwork = Type.Union(shareNetworks.map((n) => Type.Literal(n)), { description: 'A network share links are built for' })

export const SocialLink = Type.Object({
  network: Type.String({ description: 'Network name, e.g. x, facebook, telegram' }),
  url: Type.String()
}, { additionalProperties: false })
export type SocialLink = Static<typeof SocialLink>

export const SiteSettings = Type.Object({
  edition: EditionCode,
  title: Type.String(),
  tagline: Nullable(Type.String()),
  copyright: Nullable(Type.String()),
  socialLinks: Type.Array(SocialLink),
  shareNetworks: Type.Array(ShareNetwork, { description: 'The share links each article of this edition carries, in order (the default list unless set)' }),
  updatedAt: DateTime,
  version: Type.Optional(EntityVersion)
}, { $id: 'SiteSettings', additionalProperties: false, description: 'Site-wide settings of one edition' })
export type SiteSettings = Static<typeof SiteSettings>
